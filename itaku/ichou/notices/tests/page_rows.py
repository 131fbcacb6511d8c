"""The notices part's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _notice(world: Any) -> dict[str, Any]:
    from itaku.ichou.notices.tests.helpers import notice

    return {"contract_id": world.contract.pk, "notice_id": notice(world).pk}


def _newsletter(world: Any) -> dict[str, Any]:
    from itaku.ichou.notices.tests.helpers import newsletter

    return {"contract_id": world.contract.pk, "newsletter_id": newsletter(world).pk}


ROWS = [
    PageRow("ichou:notices_list", "manager", "通知文を作る", "button", _contract),
    PageRow("ichou:notices_detail", "manager", "区へ提出する", "button", _notice),
    PageRow("ichou:notices_newsletters", "manager", "学級だよりを作る", "button", _contract),
    PageRow("ichou:notices_newsletter", "manager", "写真を加える", "button", _newsletter),
]
