"""``manage.py demo_code <username>``: the current sign-in code of a demo persona's device.

For the demo on a laptop only; refused in production, where codes come from people's own
authenticator apps."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_otp.plugins.otp_totp.models import TOTPDevice

from itaku.core.demo import authenticator_code


class Command(BaseCommand):
    help = "デモ用アカウントの確認コード(2段階認証)を表示します。本番環境では使えません。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, username: str, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("本番環境では確認コードを表示できません。")
        device = TOTPDevice.objects.filter(
            user__username=username, confirmed=True, name="デモ用"
        ).first()
        if device is None:
            raise CommandError(f"{username!r} にはデモ用の認証アプリがありません。")
        self.stdout.write(authenticator_code(device))
