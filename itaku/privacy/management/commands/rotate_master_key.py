"""``manage.py rotate_master_key``: wrap every data key under the current master key.

To rotate: put the new key in ``ITAKU_MASTER_KEY`` and the old one in
``ITAKU_MASTER_KEY_PREVIOUS``, run this, then remove the old key from the environment and
destroy it (PI-6). The data itself is not re-encrypted. Run it also after a contract's key has
been destroyed, so that no old copy of the key store opens the destroyed key (PI-8)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from itaku.privacy.keys import master_key_rotate


class Command(BaseCommand):
    help = "すべてのデータ鍵を現在のマスター鍵で包み直します(データ自体は再暗号化しません)。"

    def handle(self, *args: Any, **options: Any) -> None:
        rewrapped, current = master_key_rotate(actor=None)
        self.stdout.write(f"包み直した鍵: {rewrapped} / すでに現在のマスター鍵: {current}")
