"""The compliance part's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _policy(world: Any) -> dict[str, Any]:
    from itaku.ichou.compliance.tests.helpers import policy

    return {"contract_id": world.contract.pk, "policy_id": policy(world).pk}


def _vehicle(world: Any) -> dict[str, Any]:
    from itaku.ichou.compliance.tests.helpers import vehicle

    return {"contract_id": world.contract.pk, "vehicle_id": vehicle(world).pk}


ROWS = [
    PageRow("ichou:policies", "manager", "保険を登録する", "button", _contract),
    PageRow("ichou:policy", "manager", "変更する", "button", _policy),
    PageRow("ichou:vehicles", "manager", "貸切バスを登録する", "button", _contract),
    PageRow("ichou:vehicle", "manager", "変更する", "button", _vehicle),
]
