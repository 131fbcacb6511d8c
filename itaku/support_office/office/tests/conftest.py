"""The office's records on the test world: one of each, made through the services."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from itaku.core import services as core_services
from itaku.support_office.office import services

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
TRAINER = "講師の秘密太郎"
LOST_NOTE = "帰宅途中の駅で落とした秘密の経緯"
PROPOSAL = "電話の録音を告知する文を秘密に追加"


@pytest.fixture
def office(world, frozen_today):
    manager = world.access(world.manager)
    core_services.obligations_declare_standard(actor=world.admin, contract=world.contract)
    training = services.training_record(
        actor=world.manager,
        access=manager,
        held_on=date(2026, 6, 10),
        theme="不当要求への初期対応",
        trainer=TRAINER,
        attendee_count=12,
        material=("資料.png", PNG),
    )
    proposal = services.manual_propose(
        actor=world.worker,
        access=world.access(world.worker),
        section="第3章 電話での対応",
        proposal=PROPOSAL,
        reason="録音の告知で収まった事案が続いた",
    )
    key = services.equipment_lend(
        actor=world.supervisor,
        access=world.access(world.supervisor),
        kind="key",
        name="事務室の鍵",
        identifier="K-1",
        lent_on=date(2026, 4, 1),
    )
    closing = services.closing_record(
        actor=world.worker,
        access=world.access(world.worker),
        day=date(2026, 6, 12),
        documents_locked=True,
        cabinet_locked=True,
        keys_returned=True,
        papers_shredded=True,
    )
    vehicle = services.vehicle_record(
        actor=world.manager,
        access=manager,
        registration="品川 300 あ 12-34",
        power="ev",
        diesel_compliant=True,
        inspection_certificate=("車検証.png", PNG),
    )
    return SimpleNamespace(
        training=training, proposal=proposal, key=key, closing=closing, vehicle=vehicle
    )
