"""``manage.py audit_checkpoint``: print the chain's head (sequence, hash, time) as JSON.

Run daily and keep the output outside the database (PI-9): someone who rewrites the log and
recomputes every hash after it still cannot match a checkpoint taken before."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from itaku.audit.models import AuditHead


class Command(BaseCommand):
    help = "監査記録の末尾(連番・ハッシュ値・日時)をチェックポイントとして JSON で出力します。"

    def handle(self, *args: Any, **options: Any) -> None:
        head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0)
        checkpoint = {"seq": head.seq, "hash": head.hash, "taken_at": timezone.now().isoformat()}
        self.stdout.write(json.dumps(checkpoint))
