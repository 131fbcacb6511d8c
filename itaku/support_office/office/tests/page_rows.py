"""The office part's pages for the every-page browser test
(``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.web.tests.page_rows import PageRow, contract

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _training(world: Any) -> dict[str, Any]:
    from itaku.support_office.office import services

    services.training_record(
        actor=world.manager,
        access=world.access(world.manager),
        held_on=date(2026, 6, 10),
        theme="不当要求への初期対応",
        trainer="講師 試験太郎",
        attendee_count=12,
        material=("資料.png", PNG),
    )
    return contract(world)


def _proposed(world: Any) -> Any:
    from itaku.support_office.office import services

    return services.manual_propose(
        actor=world.worker,
        access=world.access(world.worker),
        section="第3章 電話での対応",
        proposal="電話の録音を告知する文を追加",
        reason="録音の告知で収まった事案が続いた",
    )


def _proposals(world: Any) -> dict[str, Any]:
    _proposed(world)
    return contract(world)


def _proposal(world: Any) -> dict[str, Any]:
    return {"contract_id": world.contract.pk, "proposal_id": _proposed(world).pk}


def _key(world: Any) -> dict[str, Any]:
    from itaku.support_office.office import services

    services.equipment_lend(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        kind="key",
        name="事務室の鍵",
        identifier="K-1",
        lent_on=date(2026, 4, 1),
    )
    return contract(world)


def _vehicle(world: Any) -> dict[str, Any]:
    from itaku.support_office.office import services

    services.vehicle_record(
        actor=world.manager,
        access=world.access(world.manager),
        registration="品川 300 あ 12-34",
        power="ev",
        diesel_compliant=True,
        inspection_certificate=("車検証.png", PNG),
    )
    return contract(world)


ROWS = [
    PageRow("support_office:training-list", "manager", "研修を記録する", kwargs=_training),
    PageRow("support_office:training-record", "manager", "記録する", "button"),
    PageRow("support_office:manual-list", "worker", "見直しを提案する", kwargs=_proposals),
    PageRow("support_office:manual-propose", "worker", "提案する", "button"),
    PageRow("support_office:manual-detail", "manager", "提案の一覧へ戻る", kwargs=_proposal),
    PageRow("support_office:equipment-list", "supervisor", "貸与品を登録する", kwargs=_key),
    PageRow("support_office:equipment-add", "supervisor", "登録する", "button"),
    PageRow("support_office:closing", "worker", "確認を記録する", "button"),
    PageRow("support_office:vehicle-list", "manager", "車両を登録する", kwargs=_vehicle),
    PageRow("support_office:vehicle-add", "manager", "登録する", "button"),
]

EXEMPT = {
    "support_office:manual-status": "POST-only; its form is on the proposal's page",
    "support_office:equipment-return": "POST-only; the button is on the equipment list",
    "support_office:equipment-lost": "POST-only; the button is on the equipment list",
    "support_office:vehicle-shown": "POST-only; the button is on the vehicle list",
}
