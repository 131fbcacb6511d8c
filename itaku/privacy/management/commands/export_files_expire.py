"""``manage.py export_files_expire``: delete export files past their one-day download window.

Run daily (with ``audit_checkpoint``). The requests and their hashes stay; only the files go."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from itaku.privacy.services.exports import export_files_expire


class Command(BaseCommand):
    help = "ダウンロード期限(作成から24時間)を過ぎた出力ファイルを削除します。"

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"削除した出力ファイル: {export_files_expire()}")
