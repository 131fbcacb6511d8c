"""The staff part's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _plan(world: Any) -> dict[str, Any]:
    from itaku.ichou.staff.tests.helpers import plan

    return {"contract_id": world.contract.pk, "plan_id": plan(world).pk}


def _applicant(world: Any) -> dict[str, Any]:
    from itaku.ichou.staff.tests.helpers import applicant, interviewed

    person = interviewed(world, applicant(world))
    return {"contract_id": world.contract.pk, "applicant_id": person.pk}


ROWS = [
    PageRow("ichou:staff-roster", "supervisor", "従事者名簿", "link", _contract),
    PageRow("ichou:staff-manuals", "manager", "新しい版を提出する", "button", _contract),
    PageRow("ichou:staff-training", "manager", "研修計画を登録する", "button", _contract),
    PageRow("ichou:staff-training-report", "manager", "報告を提出する", "button", _plan),
    PageRow("ichou:staff-name-tags", "manager", "個人情報の出力", "link", _contract),
    PageRow("ichou:staff-recruitment", "manager", "応募者を登録する", "button", _contract),
    PageRow("ichou:staff-applicant", "manager", "採用して名簿に追加する", "button", _applicant),
]

EXEMPT = {
    "ichou:staff-manual-acknowledge": "POST-only; the button is on the manuals page",
    "ichou:staff-publicity-add": "POST-only; the form is on the recruitment page",
    "ichou:staff-applicant-add": "POST-only; the form is on the recruitment page",
    "ichou:staff-applicant-move": "POST-only; the form is on the applicant's page",
    "ichou:staff-applicant-hire": "POST-only; the form is on the applicant's page",
}
