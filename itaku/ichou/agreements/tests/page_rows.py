"""The agreements part's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _agreement(world: Any) -> dict[str, Any]:
    from itaku.ichou.agreements.tests.helpers import agreement

    return {"contract_id": world.contract.pk, "agreement_id": agreement(world).pk}


def _confirmed(world: Any) -> dict[str, Any]:
    from itaku.ichou.agreements.tests.helpers import confirmed

    return {"contract_id": world.contract.pk, "agreement_id": confirmed(world).pk}


def _quarter(world: Any) -> dict[str, Any]:
    from itaku.ichou.agreements.tests.helpers import requested

    q = requested(world)
    return {"contract_id": world.contract.pk, "fiscal_year": q.fiscal_year, "quarter": q.quarter}


ROWS = [
    PageRow("ichou:agreements", "manager", "協議記録を記録する", "button", _contract),
    PageRow("ichou:agreement", "supervisor", "区として確認する", "button", _agreement),
    PageRow("ichou:agreement-edit", "manager", "直す", "button", _agreement),
    PageRow("ichou:agreement-supersede", "manager", "新しい記録を記録する", "button", _confirmed),
    PageRow("ichou:quarters", "manager", "第1四半期", "link", _contract),
    PageRow("ichou:quarter", "supervisor", "履行を確認する", "button", _quarter),
]
EXEMPT = {"ichou:agreement-pdf": "a download (the PDF of one record)"}
