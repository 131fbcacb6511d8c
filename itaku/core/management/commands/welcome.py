"""``manage.py welcome``: print where the system runs and the demo accounts (used by make run)."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand

from itaku.core.demo import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "起動時の案内(URL とデモ用アカウント)を表示します。"

    def handle(self, *args: Any, **options: Any) -> None:
        port = os.environ.get("PORT", "8000")
        self.stdout.write("")
        self.stdout.write(f"委託業務運営システム: http://127.0.0.1:{port}/")
        self.stdout.write(
            "PDF・Excel・返却パッケージの作成は、一緒に起動するワーカー(manage.py db_worker)が\n"
            "  バックグラウンドで行います。"
        )
        self.stdout.write(f"デモ用アカウント(パスワードはすべて {DEMO_PASSWORD}):")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.username:<14} {persona.description}")
        self.stdout.write(
            "監督職員・責任者・監査・管理者は2段階認証の確認コードも入力します。デモでは\n"
            "  .venv/bin/python manage.py demo_code <ユーザー名>\n"
            "で表示できます(30秒ごとに変わります)。"
        )
        self.stdout.write("")
