"""``manage.py audit_checkpoint``: print every chain's head (sequence, hash) and the time as JSON.

Run daily and keep the output outside the database (PI-9): someone who rewrites a chain and
recomputes every hash after it still cannot match a checkpoint taken before."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from itaku.audit.models import AuditHead
from itaku.audit.services import chain_name


class Command(BaseCommand):
    help = (
        "監査記録の各連鎖の末尾(連番・ハッシュ値)と日時をチェックポイントとして JSON で出力します。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        heads = AuditHead.objects.select_related("contract").order_by("chain")
        checkpoint = {
            "taken_at": timezone.now().isoformat(),
            "chains": {
                h.chain: {
                    "name": chain_name(h.chain, h.contract.number if h.contract else None),
                    "seq": h.seq,
                    "hash": h.hash,
                }
                for h in heads
            },
        }
        self.stdout.write(json.dumps(checkpoint, ensure_ascii=False))
