"""The test subjects go back with the contract like any service's records (PI-8)."""

from __future__ import annotations

from typing import Any

from itaku.documents.tables import table_csv
from itaku.privacy.packages import PackageSection


def _subject_files(contract: Any, watermark: Any) -> list[tuple[str, bytes]]:
    from itaku.privacy.tests.sealed_app.models import Subject

    rows = [
        [s.pk, s.family_name, s.given_name, s.kana, s.health_note or "", s.attendance]
        for s in Subject.objects.filter(contract=contract).order_by("pk")
    ]
    columns = ["番号", "姓", "名", "よみがな", "健康上の配慮", "出席日数"]
    return [("subjects.csv", table_csv(columns=columns, rows=rows, watermark=watermark))]


PACKAGE_SECTIONS = [
    PackageSection(
        key="subjects",
        label="受講者(試験)",
        files=_subject_files,
        covers=("sealed_app.subject",),
    )
]
