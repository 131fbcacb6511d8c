"""The surveys and opinions part of the demo (``DEMO_STEPS``), through the services: a
participants' survey and a guardians' survey with about 20 paper forms each (one closed), and
8 opinions, half of them answered. Generated texts only; no real person."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from itaku.core.access import contract_access
from itaku.core.models import User
from itaku.ichou.voices import services

SCALE_QUESTIONS = [
    "活動は楽しかったですか",
    "スタッフの対応はいかがでしたか",
    "また参加したいですか",
]
FREE_QUESTION = "ご感想・ご要望をお書きください"
FREE_TEXTS = [
    "みんなでお弁当を食べたのが楽しかったです。",
    "集合時間をもう少し遅くしてほしいです。",
    "バスの中の歌が楽しかった。",
    "次は水族館に行きたいです。",
    "",
    "",
]
OPINIONS = [
    (
        "guardian",
        "phone",
        "集合場所の案内の看板を大きくしてほしい。",
        "次回から大きな看板を出します。",
    ),
    (
        "participant",
        "oral",
        "お昼ご飯の時間をもう少し長くしてほしい。",
        "昼食の時間を10分延ばします。",
    ),
    ("guardian", "written", "雨の日の連絡を早めにほしい。", "前日17時までに連絡します。"),
    ("other", "phone", "施設の駐輪場が分かりにくい。", "地図を通知文に載せます。"),
    ("guardian", "survey", "写真をもらえるとうれしい。", ""),
    ("participant", "oral", "工作の時間をもっと増やしてほしい。", ""),
    ("guardian", "phone", "帰りの時間の連絡をメールでほしい。", ""),
    ("other", "written", "活動日の朝に道がこみあっている。", ""),
]


def _survey(access: Any, manager: Any, *, title: str, audience: str, start: date, activity: Any):
    survey = services.survey_create(
        actor=manager,
        access=access,
        values={
            "title": title,
            "audience": audience,
            "period_start": start,
            "period_end": start + timedelta(days=14),
            "activity": activity,
        },
    )
    questions = [
        services.survey_question_add(
            actor=manager, access=access, survey=survey, text=text, kind="scale"
        )
        for text in SCALE_QUESTIONS
    ]
    questions.append(
        services.survey_question_add(
            actor=manager, access=access, survey=survey, text=FREE_QUESTION, kind="free"
        )
    )
    return survey, questions


def voices_demo_step(world: Any) -> None:
    from itaku.ichou.participants.models import Participant
    from itaku.ichou.programme.models import Activity

    contract = world.contracts["ichou"]
    manager = User.objects.get(username="ic-manager")
    on = world.working_day
    access = contract_access(manager, contract.pk, on=on)
    rng = random.Random(716)  # noqa: S311 - demo answers, not security
    first = (
        Activity.objects.filter(programme__contract=contract)
        .exclude(programme__state="superseded")
        .order_by("date")
        .first()
    )
    start = first.date if first is not None and first.date <= on else on - timedelta(days=30)
    plans = [
        ("参加者アンケート(前期)", "participants", "participant"),
        ("保護者アンケート(前期)", "guardians", "guardian"),
    ]
    for index, (title, audience, respondent) in enumerate(plans):
        survey, questions = _survey(
            access, manager, title=title, audience=audience, start=start, activity=first
        )
        for n in range(20 + index):
            answers: dict[int, Any] = {}
            for question in questions:
                if question.kind == "scale":
                    # Now and then a question left blank on the paper form.
                    if rng.random() > 0.08:
                        answers[question.pk] = rng.choice([3, 4, 4, 5, 5, 5, 2])
                else:
                    answers[question.pk] = FREE_TEXTS[(n + index) % len(FREE_TEXTS)]
            services.survey_response_add(
                actor=manager, access=access, survey=survey, respondent=respondent, answers=answers
            )
        if index == 0:
            services.survey_close(actor=manager, access=access, survey=survey)

    someone = Participant.objects.filter(contract=contract).order_by("pk").first()
    for index, (source, channel, content, answer) in enumerate(OPINIONS):
        # The first opinions were received weeks ago: two open ones wait past the 14 days.
        received = on - timedelta(days=40 - index * 5)
        opinion = services.opinion_create(
            actor=manager,
            access=access,
            values={
                "received_on": received,
                "source": source,
                "channel": channel,
                "content": content,
                "participant": someone if source == "participant" else None,
                "ward_reported": index % 3 == 0,
            },
        )
        if answer:
            services.opinion_answer(
                actor=manager,
                access=access,
                opinion=opinion,
                answer=answer,
                answered_on=received + timedelta(days=3),
            )
