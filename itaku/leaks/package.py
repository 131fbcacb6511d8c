"""The leak incidents in the contract-end package and on its checklist (PI-7, PI-8).

The incidents are part of the contract's record: they go back to the ward with the return
package, narratives included (the package is encrypted as a whole), and the data may not be
destroyed while one is still open."""

from __future__ import annotations

from itaku.core.models import Contract
from itaku.documents.tables import table_csv
from itaku.documents.watermark import Watermark
from itaku.leaks.models import LeakIncident

COLUMNS = [
    "番号",
    "発覚日時",
    "報告日時",
    "報告した人",
    "漏えい等のおそれ(未確定)",
    "不正の目的によるおそれ",
    "概要",
    "原因",
    "二次被害の防止・対応",
    "対象の本人の数(受講者)",
    "対象の本人の数(保護者等)",
    "対象の本人の数(相談者・相手方)",
    "対象の本人の数(従事者)",
    "対象の本人の数(その他)",
    "区への報告日時",
    "速報の日時",
    "確報の日時",
    "本人への通知の日時",
    "対応の完了日時",
]


def leak_files(contract: Contract, watermark: Watermark) -> list[tuple[str, bytes]]:
    """Every incident of the contract, as one CSV of the package."""
    incidents = (
        LeakIncident.objects.filter(contract=contract)
        .select_related("recorded_by")
        .order_by("discovered_at", "pk")
    )
    rows = [
        [
            i.pk,
            i.discovered_at,
            i.recorded_at,
            i.recorded_by.get_full_name(),
            "はい" if i.suspected else "いいえ",
            "はい" if i.wrongdoing else "いいえ",
            i.what_happened,
            i.cause,
            i.containment,
            i.participants_affected,
            i.guardians_affected,
            i.customers_affected,
            i.staff_affected,
            i.others_affected,
            i.ward_notified_at,
            i.preliminary_reported_at or "",
            i.final_reported_at or "",
            i.persons_notified_at or "",
            i.closed_at or "",
        ]
        for i in incidents
    ]
    return [("leaks.csv", table_csv(columns=COLUMNS, rows=rows, watermark=watermark))]


def no_open_incident(contract: Contract) -> bool:
    """PI-7, PI-8: an incident still open (not closed) blocks the destruction of the data."""
    return not LeakIncident.objects.filter(contract=contract, closed_at__isnull=True).exists()
