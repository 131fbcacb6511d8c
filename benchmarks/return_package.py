"""Benchmark: building a contract's return package (PI-8). Method and figures: benchmarks/README.md.

    .venv/bin/python benchmarks/return_package.py [--attachments 100] [--mb 2]

Builds, in a throw-away database, one ended contract with a roster and ``--attachments`` files of
``--mb`` MB each (random bytes behind a WAV signature, so they are accepted and do not compress),
then times ``package_build`` once and reports the archive's size and the peak memory it took.
"""
# ruff: noqa: E402 - Django must be configured before the models are imported

from __future__ import annotations

import argparse
import os
import time
import tracemalloc
from datetime import date
from pathlib import Path

from _django import setup

TMP = setup(keys=True)

import time_machine
from django.conf import settings
from django.db import connection

from itaku.conftest import make_contract, make_user
from itaku.core import domain, services
from itaku.core.access import contract_access
from itaku.core.models import Organisation, User
from itaku.privacy.services.attachments import attachment_add
from itaku.privacy.services.contract_end import package_build

WAV = b"RIFF\x00\x00\x00\x00WAVEfmt "  # a recording: attachments of up to 100 MB


def run(attachments: int, mb: float) -> None:
    admin = User.objects.create_superuser(username="admin", password="x" * 12)
    dept = Organisation.objects.create(name="区", kind="ward")
    company = Organisation.objects.create(name="受注者", kind="contractor")
    contract = make_contract("B-1", dept, company)
    supervisor = make_user("supervisor", dept)
    services.ward_role_grant(
        actor=admin,
        contract=contract,
        person=supervisor.person,
        role=domain.Role.WARD_SUPERVISOR,
        valid_from=date(2026, 4, 1),
    )
    access = contract_access(supervisor, contract.pk)
    size = int(mb * 1024 * 1024)
    t = time.perf_counter()
    for i in range(attachments):
        attachment_add(
            actor=supervisor, access=access, name=f"録音{i}.wav", data=WAV + os.urandom(size)
        )
    print(f"add {attachments} attachments of {mb} MB: {time.perf_counter() - t:.1f} s")
    services.contract_state_change(actor=admin, contract=contract, to="ended")
    access = contract_access(supervisor, contract.pk)
    tracemalloc.start()
    t = time.perf_counter()
    package, _ = package_build(actor=supervisor, access=access, purpose="return", sections=[])
    elapsed = time.perf_counter() - t
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    archive = Path(settings.ITAKU_FILES_DIR) / "packages" / str(package.pk)
    print(
        f"package_build: {elapsed:.1f} s, {len(package.manifest)} files, "
        f"archive {archive.stat().st_size / 2**20:.0f} MB, peak Python memory {peak / 2**20:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attachments", type=int, default=100)
    parser.add_argument("--mb", type=float, default=2)
    args = parser.parse_args()
    original_name, created = connection.settings_dict["NAME"], False
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        created = True
        with time_machine.travel(date(2026, 6, 15), tick=True):
            run(args.attachments, args.mb)
    finally:
        if created:
            connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
