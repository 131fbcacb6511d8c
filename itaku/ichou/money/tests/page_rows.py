"""The money part's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.money.tests.helpers import programme

    programme(world)
    return {"contract_id": world.contract.pk}


def _activity(kind: str) -> Any:
    def kwargs(world: Any) -> dict[str, Any]:
        from itaku.ichou.money.tests.helpers import activity, sheet

        if kind != "overnight":
            sheet(world, kind)
        return {"contract_id": world.contract.pk, "activity_id": activity(world, kind).pk}

    return kwargs


def _ledger(world: Any) -> dict[str, Any]:
    from itaku.ichou.money.tests.helpers import entry

    entry(world)
    line = entry(world, "paid", 500)
    return {"contract_id": world.contract.pk, "activity_id": line.activity_id}


def _reverse(world: Any) -> dict[str, Any]:
    from itaku.ichou.money.tests.helpers import entry

    line = entry(world)
    return {"contract_id": world.contract.pk, "activity_id": line.activity_id, "entry_id": line.pk}


def _lodging(world: Any) -> dict[str, Any]:
    from itaku.ichou.money.tests.helpers import lodging

    return {"contract_id": world.contract.pk, "lodging_id": lodging(world, eligible=False).pk}


ROWS = [
    PageRow("ichou:money_costs", "supervisor", "内訳を見る", "link", _contract),
    PageRow("ichou:money_activity", "manager", "内訳を保存する", "button", _activity("bus_hike")),
    PageRow("ichou:money_ledger", "manager", "記帳する", "button", _ledger),
    PageRow("ichou:money_ledger_reverse", "manager", "取り消す記帳を加える", "button", _reverse),
    PageRow("ichou:money_lodgings", "manager", "宿泊施設を登録する", "button", _contract),
    PageRow("ichou:money_lodging", "manager", "変更する", "button", _lodging),
]
