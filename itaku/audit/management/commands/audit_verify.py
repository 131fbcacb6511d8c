"""``manage.py audit_verify``: walk every chain of the audit log and report each first break."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from itaku.audit import chain
from itaku.audit.models import AuditEvent
from itaku.audit.services import audit_verify


class Command(BaseCommand):
    help = "監査記録のハッシュ連鎖を連鎖ごとに検証し、最初に壊れている位置を報告します。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint",
            action="append",
            default=[],
            help="audit_checkpoint が出力した JSON ファイル(複数指定可)",
        )

    def handle(self, *args: Any, checkpoint: list[str], **options: Any) -> None:
        problems = [problem for path in checkpoint for problem in self._check_against(path)]
        verification = audit_verify()
        problems += [
            f"監査記録の連鎖「{c.name}」の {c.found.index} 件目で連鎖が壊れています: "
            f"{c.found.reason}"
            for c in verification.breaks
            if c.found is not None
        ]
        if problems:
            raise CommandError("\n".join(problems))
        for c in verification.chains:
            self.stdout.write(f"連鎖「{c.name}」: {c.count} 件、末尾のハッシュ値 {c.head_hash}")
        self.stdout.write(
            f"監査記録 {verification.count} 件({len(verification.chains)} 本の連鎖)の連鎖を"
            "確認しました。改ざんはありません。"
        )

    def _check_against(self, path: str) -> list[str]:
        """The event at each chain's checkpointed sequence number must still have the hash it
        had. A checkpoint taken before the chains were split (one ``seq`` and ``hash``) is the
        legacy chain's, whose events kept their numbers and hashes."""
        try:
            with open(path, encoding="utf-8") as handle:
                taken = json.load(handle)
            if "chains" in taken:
                heads = {
                    str(key): (str(head.get("name", key)), int(head["seq"]), str(head["hash"]))
                    for key, head in taken["chains"].items()
                }
            else:
                heads = {chain.LEGACY: (chain.LEGACY, int(taken["seq"]), str(taken["hash"]))}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise CommandError(f"チェックポイント {path} を読めません: {error}") from None
        problems = []
        for key, (name, seq, expected) in sorted(heads.items()):
            if seq == 0:
                continue
            event = AuditEvent.objects.filter(chain=key, seq=seq).first()
            if event is None or event.hash != expected:
                problems.append(
                    f"チェックポイント({taken.get('taken_at', '')})の連鎖「{name}」の {seq} 件目と"
                    "一致しません。その時点までの記録が書き換えられています。"
                )
        return problems
