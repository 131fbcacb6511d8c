"""``manage.py audit_verify``: walk the audit log's hash chain and report the first break."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaku.audit.models import AuditEvent, AuditHead
from itaku.audit.services import audit_verify


class Command(BaseCommand):
    help = "監査記録のハッシュ連鎖を検証し、最初に壊れている位置を報告します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            help="audit_checkpoint が出力した JSON ファイル(複数指定可)",
        )

    def handle(self, *args: Any, checkpoint: list[str], **options: Any) -> None:
        for path in checkpoint:
            self._check_against(path)
        count, found = audit_verify()
        if found is not None:
            raise CommandError(f"監査記録の {found.index} 件目で連鎖が壊れています: {found.reason}")
        head = AuditHead.objects.filter(pk=1).first()
        if head is not None and head.seq != count:
            raise CommandError(
                f"末尾の記録({head.seq} 件目)が見つかりません。"
                f"{count + 1} 件目以降が削除されています。"
            )
        self.stdout.write(f"監査記録 {count} 件の連鎖を確認しました。改ざんはありません。")
        if head is not None:
            self.stdout.write(f"末尾のハッシュ値: {head.hash}")

    def _check_against(self, path: str) -> None:
        """The event at the checkpoint's sequence number must still have the hash it had."""
        try:
            with open(path, encoding="utf-8") as handle:
                taken = json.load(handle)
            seq, expected = int(taken["seq"]), str(taken["hash"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise CommandError(f"チェックポイント {path} を読めません: {error}") from None
        if seq == 0:
            return
        event = AuditEvent.objects.filter(seq=seq).first()
        if event is None or event.hash != expected:
            raise CommandError(
                f"チェックポイント({taken.get('taken_at', '')}、{seq} 件目)と一致しません。"
                "その時点までの記録が書き換えられています。"
            )
