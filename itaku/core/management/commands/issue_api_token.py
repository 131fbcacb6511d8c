"""``manage.py issue_api_token <username>``: issue a personal API token and print it once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaku.core.models import User
from itaku.core.services import api_token_issue


class Command(BaseCommand):
    help = "利用者に API トークンを発行し、一度だけ表示します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="管理コマンドで発行", help="トークンの用途")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        try:
            user = User.objects.get(username=username, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"有効な利用者 {username!r} はいません。") from None
        _, plain = api_token_issue(actor=user, name=name)
        self.stdout.write(plain)
        self.stderr.write("このトークンは再表示できません。安全な場所に保管してください。")
