"""What the notices and newsletter part of いちょう学級 declares to the platform (IC-23 notices
to participants, IC-16 いちょう学級だより); gathered by ``itaku.ichou.contributions``."""

from __future__ import annotations

from typing import Any

from itaku.core.domain import Action, Role
from itaku.core.registry import AuditEventKind, ContractPage, NotificationKind, TodoSource

KIND = "ichou"
# The obligation the programme schedules for each activity (itaku/ichou/contributions.py).
NOTICE_OBLIGATION = "参加者への通知文(区への提出)"

VIEW_NOTICES = Action(
    key="ic_view_notices",
    label="通知文・学級だよりを見る",
    roles=frozenset({Role.WARD_SUPERVISOR, Role.AUDITOR, Role.MANAGER, Role.WORKER}),
    service_kind=KIND,
)
EDIT_NOTICES = Action(
    key="ic_edit_notices",
    label="通知文・学級だよりを作る・区へ提出する",
    roles=frozenset({Role.MANAGER, Role.WORKER}),
    writes=True,
    service_kind=KIND,
)
DECIDE_NOTICES = Action(
    key="ic_decide_notices",
    label="通知文を確認する・差し戻す",
    roles=frozenset({Role.WARD_SUPERVISOR}),
    writes=True,
    service_kind=KIND,
)
ACTIONS = [VIEW_NOTICES, EDIT_NOTICES, DECIDE_NOTICES]

# IC-23: the ward has the week before the send date to read a notice; the manager hears back.
NOTICE_SUBMITTED = NotificationKind(
    key="ic_notice_submitted",
    label="参加者への通知文の提出",
    what="参加者への通知文が提出されました。送付日の前に内容を確認してください。",
    action="通知文を確認する",
)
NOTICE_DECIDED = NotificationKind(
    key="ic_notice_decided",
    label="通知文の確認・差戻し",
    what="提出した通知文を区が確認したか、差し戻しました。結果を確認してください。",
    action="通知文を見る",
)
NOTIFICATION_KINDS = [NOTICE_SUBMITTED, NOTICE_DECIDED]

AUDIT_EVENTS = [
    AuditEventKind("ic_notice.create", "通知文の作成"),
    AuditEventKind("ic_notice.change", "通知文の変更"),
    AuditEventKind("ic_notice.submit", "通知文の区への提出"),
    AuditEventKind("ic_notice.acknowledge", "通知文の確認"),
    AuditEventKind("ic_notice.return", "通知文の差戻し"),
    AuditEventKind("ic_notice.send", "通知文の送付"),
    AuditEventKind("ic_newsletter.create", "学級だよりの作成"),
    AuditEventKind("ic_newsletter.change", "学級だよりの変更"),
    AuditEventKind("ic_newsletter.publish", "学級だよりの発行"),
    AuditEventKind("ic_newsletter_photo.add", "学級だよりの写真の追加"),
    AuditEventKind("ic_newsletter_photo.remove", "学級だよりの写真の削除"),
]

CONTRACT_PAGES = [
    ContractPage("ic_notices", "通知文", "ichou:notices_list", VIEW_NOTICES.key, KIND),
    ContractPage(
        "ic_newsletters", "いちょう学級だより", "ichou:notices_newsletters", VIEW_NOTICES.key, KIND
    ),
]


def _todos(user: Any, today: Any, accesses: Any) -> Any:
    from itaku.ichou.notices.selectors import notices_todos

    return notices_todos(user, today, accesses)


# IC-23: the ward supervisor sees the notices waiting for acknowledgement; the manager the
# returned ones and those whose submission deadline is within 3 days.
TODOS = [TodoSource("ic_notices", "通知文", _todos)]


def _demo(world: Any) -> None:
    from itaku.ichou.notices.demo import notices_demo_step

    notices_demo_step(world)


DEMO_STEPS = [_demo]


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(Notice, path="ichou/notices.csv")(contract, watermark),
        *model_rows(Newsletter, path="ichou/newsletters.csv")(contract, watermark),
        *model_rows(
            NewsletterPhoto,
            path="ichou/newsletter_photos.csv",
            contract_path="newsletter__contract",
        )(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_notices",
            label="通知文・いちょう学級だより",
            files=_package_files,
            covers=("ichou.notice", "ichou.newsletter", "ichou.newsletterphoto"),
            service_kind=KIND,
        )
    ]


PACKAGE_SECTIONS = _package_sections()


def _job_kinds() -> list[Any]:
    from itaku.jobs.kinds import JobKind

    return [
        JobKind(
            key="ic_notices.letter_pdf",
            label="通知文(PDF)の作成",
            produce="itaku.ichou.notices.documents.produce_notice_pdf",
            back="ichou:notices_list",
            back_label="通知文へ戻る",
            action=VIEW_NOTICES,
            service_kind=KIND,
            content_type="application/pdf",
        ),
        JobKind(
            key="ic_notices.newsletter_pdf",
            label="いちょう学級だより(PDF)の作成",
            produce="itaku.ichou.notices.documents.produce_newsletter_pdf",
            back="ichou:notices_newsletters",
            back_label="いちょう学級だよりへ戻る",
            action=VIEW_NOTICES,
            service_kind=KIND,
            content_type="application/pdf",
        ),
    ]


# IC-23, IC-16: the letter and the newsletter are made in the background and handed out by the
# jobs' download, the one way a made file leaves (docs/security.md).
JOB_KINDS = _job_kinds()
