"""``manage.py demo_data``: fill an empty database with the demo fiscal year."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from itaku.core.demo import demo_data_create
from itaku.core.models import Contract


class Command(BaseCommand):
    help = "空のデータベースにデモデータ(今年度の2契約・全役割の利用者)を作成します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--if-empty", action="store_true", help="契約が1件でもあれば何もしない")

    def handle(self, *args: Any, if_empty: bool, **options: Any) -> None:
        if Contract.objects.exists():
            if if_empty:
                self.stdout.write("データがあるため、デモデータは作成しません。")
                return
            self.stderr.write(
                "データベースが空ではありません。空のデータベースで実行してください。"
            )
            raise SystemExit(1)
        demo_data_create()
        self.stdout.write("デモデータを作成しました。")
