"""The participants' pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _year(world: Any) -> dict[str, Any]:
    from itaku.ichou.participants.tests.helpers import FY, registered

    registered(world)
    return {"contract_id": world.contract.pk, "fiscal_year": FY}


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.participants.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _participant(world: Any) -> dict[str, Any]:
    from itaku.ichou.participants.tests.helpers import registered

    return {"contract_id": world.contract.pk, "participant_id": registered(world).participant_id}


def _applied(world: Any) -> dict[str, Any]:
    from itaku.ichou.participants import services
    from itaku.ichou.participants.tests.helpers import FY, participant

    person = participant(world)  # first: it makes the contract a いちょう学級 one
    registration, _ = services.registration_add(
        actor=world.manager, access=world.access(world.manager), participant=person, fiscal_year=FY
    )
    return {"contract_id": world.contract.pk, "registration_id": registration.pk}


ROWS = [
    PageRow("ichou:participants", "manager", "参加者を登録する", "link", _year),
    PageRow("ichou:participant-add", "manager", "登録する", "button", _contract),
    PageRow("ichou:participants-import", "manager", "確認する", "button", _contract),
    PageRow("ichou:participant", "manager", "情報を変更する", "link", _participant),
    PageRow("ichou:participant-edit", "manager", "変更する", "button", _participant),
    PageRow("ichou:registration", "supervisor", "参加資格を確認する", "button", _applied),
]

EXEMPT = {
    "ichou:participants-index": "a redirect to this year's participants (ichou:participants)",
    "ichou:participants-application-pdf": "a download (the blank application form, a PDF)",
    "ichou:participants-plan-sheet": "a download (the blank participation plan, a PDF)",
}
