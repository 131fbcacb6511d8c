"""``manage.py audit_verify``: walk the audit log's hash chain and report the first break."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from itaku.audit.models import AuditHead
from itaku.audit.services import audit_verify


class Command(BaseCommand):
    help = "監査記録のハッシュ連鎖を検証し、最初に壊れている位置を報告します。"

    def handle(self, *args: Any, **options: Any) -> None:
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
