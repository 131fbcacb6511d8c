"""The voices part's pages for the every-page browser test
(``web/tests/page_rows.py``, ``web/tests/test_browser_every_page.py``)."""

from __future__ import annotations

from typing import Any

from itaku.web.tests.page_rows import PageRow


def _contract(world: Any) -> dict[str, Any]:
    from itaku.ichou.programme.tests.helpers import make_ichou

    make_ichou(world)
    return {"contract_id": world.contract.pk}


def _survey(world: Any) -> dict[str, Any]:
    from itaku.ichou.voices.tests.helpers import respond, survey

    s, (q1, _, free) = survey(world)
    respond(world, s, {q1.pk: 4, free.pk: "楽しかったです"})
    return {"contract_id": world.contract.pk, "survey_id": s.pk}


def _fresh_survey(world: Any) -> dict[str, Any]:
    from itaku.ichou.voices.tests.helpers import survey

    s, _ = survey(world)
    return {"contract_id": world.contract.pk, "survey_id": s.pk}


def _opinion(world: Any) -> dict[str, Any]:
    from itaku.ichou.voices.tests.helpers import opinion

    return {"contract_id": world.contract.pk, "opinion_id": opinion(world).pk}


ROWS = [
    PageRow("ichou:voices-surveys", "manager", "アンケートを作る", "button", _contract),
    PageRow("ichou:voices-survey", "manager", "設問を足す", "button", _fresh_survey),
    PageRow("ichou:voices-survey-respond", "worker", "この回答を入力する", "button", _survey),
    PageRow("ichou:voices-survey-summary", "supervisor", "Excelでダウンロード", "link", _survey),
    PageRow("ichou:voices-opinions", "manager", "ご意見・ご要望を受け付ける", "link", _contract),
    PageRow("ichou:voices-opinion-add", "manager", "受け付ける", "button", _contract),
    PageRow("ichou:voices-opinion", "worker", "回答を記録する", "button", _opinion),
]

EXEMPT = {
    "ichou:voices-survey-close": "POST-only; the button is on the survey's page",
    "ichou:voices-survey-xlsx": "a download (the summary's workbook), not a page",
    "ichou:voices-opinion-report": "POST-only; the button is on the opinion's page",
}
