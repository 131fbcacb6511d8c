"""The notices page (IC-23: the list with each notice's state and submission deadline, the form
to draft one), a notice's page (change, submit to the ward, acknowledge or return, record as
sent, the printed letter), the newsletters page and a newsletter's page (IC-16: its text, its
photos with the participants shown, publishing, the PDF)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from itaku.core import selectors as core_selectors
from itaku.core.access import ContractAccess
from itaku.core.calendar import format_wareki
from itaku.ichou.notices import rules, selectors, services
from itaku.ichou.notices.decl import DECIDE_NOTICES, EDIT_NOTICES, VIEW_NOTICES
from itaku.ichou.notices.documents import activity_lines
from itaku.ichou.notices.forms import NewsletterForm, NoticeForm, PhotoForm, ReturnForm, SentForm
from itaku.ichou.notices.models import Newsletter, Notice
from itaku.jobs.services import job_start
from itaku.web.views import apply_errors


def _access(request: HttpRequest, contract_id: int) -> ContractAccess:
    access = core_selectors.contract_get(user=request.user, contract_id=contract_id)
    access.require(VIEW_NOTICES)
    return access


def _notice_values(form: NoticeForm) -> dict[str, Any]:
    return {n: form.cleaned_data.get(n) for n in services.NOTICE_FIELDS}


def _row(notice: Notice, today: Any) -> dict[str, Any]:
    deadline = rules.submission_deadline(notice.send_on)
    return {
        "notice": notice,
        "send_on": format_wareki(notice.send_on),
        "deadline": format_wareki(deadline),
        "near": rules.deadline_near(state=notice.state, send_on=notice.send_on, today=today),
        "late": rules.editable(notice.state) and deadline < today,
    }


@login_required
def notices_list(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    can_edit = access.can(EDIT_NOTICES)
    form = None
    if can_edit and request.method != "POST":
        form = NoticeForm(activities=selectors.activity_choices(access))
    if request.method == "POST":
        access.require(EDIT_NOTICES)
        form = NoticeForm(request.POST, activities=selectors.activity_choices(access))
        if form.is_valid():
            try:
                notice = services.notice_create(
                    actor=request.user, access=access, values=_notice_values(form)
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request, "通知文を作成しました。内容を確かめて区へ提出してください。"
                )
                return redirect("ichou:notices_detail", contract_id, notice.pk)
    today = timezone.localdate()
    return render(
        request,
        "ichou/notices/list.html",
        {
            "contract": access.contract,
            "rows": [_row(n, today) for n in selectors.notices_of(access=access)],
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _notice_step(
    request: HttpRequest, access: ContractAccess, notice: Notice, forms: dict[str, Any]
) -> HttpResponse | None:
    """One POST of the notice's page; a response when done, None to show the page again."""
    step = request.POST.get("step")
    user = request.user
    try:
        if step == "change":
            access.require(EDIT_NOTICES)
            form = NoticeForm(request.POST, activities=selectors.activity_choices(access))
            forms["form"] = form
            if not form.is_valid():
                return None
            services.notice_change(
                actor=user, access=access, notice=notice, values=_notice_values(form)
            )
            messages.success(request, "通知文を変更しました。")
        elif step == "submit":
            services.notice_submit(actor=user, access=access, notice=notice)
            messages.success(request, "通知文を区へ提出しました。")
        elif step in ("acknowledge", "return"):
            access.require(DECIDE_NOTICES)
            return_form = ReturnForm(request.POST)
            forms["return_form"] = return_form
            if not return_form.is_valid():
                return None
            services.notice_decide(
                actor=user,
                access=access,
                notice=notice,
                acknowledge=step == "acknowledge",
                reason=return_form.cleaned_data["reason"],
            )
            messages.success(
                request, "確認しました。" if step == "acknowledge" else "差し戻しました。"
            )
        elif step == "sent":
            access.require(EDIT_NOTICES)
            sent_form = SentForm(request.POST)
            forms["sent_form"] = sent_form
            if not sent_form.is_valid():
                return None
            services.notice_mark_sent(
                actor=user, access=access, notice=notice, sent_on=sent_form.cleaned_data["sent_on"]
            )
            messages.success(request, "送付した日を記録しました。")
        elif step == "pdf":
            job = job_start(
                actor=user,
                access=access,
                kind="ic_notices.letter_pdf",
                params={"notice_id": notice.pk},
            )
            return redirect("jobs:detail", contract_id=access.contract.pk, job_id=job.pk)
        else:
            raise Http404
    except ValidationError as error:
        if step == "submit" or forms.get(_FORM_OF.get(step or "", "")) is None:
            forms["errors"] = error.messages
        else:
            apply_errors(forms[_FORM_OF[step or ""]], error)
        return None
    return redirect("ichou:notices_detail", access.contract.pk, notice.pk)


_FORM_OF = {
    "change": "form",
    "acknowledge": "return_form",
    "return": "return_form",
    "sent": "sent_form",
}


@login_required
def notice_detail(request: HttpRequest, contract_id: int, notice_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    notice = selectors.notice_get(access=access, notice_id=notice_id)
    can_edit = access.can(EDIT_NOTICES)
    editable = can_edit and rules.editable(notice.state)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        done = _notice_step(request, access, notice, forms)
        if done is not None:
            return done
        notice = selectors.notice_get(access=access, notice_id=notice_id)
    if editable and "form" not in forms:
        forms["form"] = NoticeForm(
            initial={
                "title": notice.title,
                "activity": str(notice.activity_id or ""),
                "send_on": notice.send_on,
                "body": notice.body,
            },
            activities=selectors.activity_choices(access),
        )
    can_decide = access.can(DECIDE_NOTICES) and notice.state == Notice.State.SUBMITTED
    if can_decide and "return_form" not in forms:
        forms["return_form"] = ReturnForm()
    can_send = can_edit and notice.state == Notice.State.ACKNOWLEDGED
    if can_send and "sent_form" not in forms:
        forms["sent_form"] = SentForm(initial={"sent_on": timezone.localdate()})
    today = timezone.localdate()
    bad = bool(forms.get("errors")) or any(
        getattr(f, "errors", None) for k, f in forms.items() if k != "errors"
    )
    return render(
        request,
        "ichou/notices/detail.html",
        {
            "contract": access.contract,
            "notice": notice,
            "row": _row(notice, today),
            "lines": activity_lines(notice),
            "editable": editable,
            "can_submit": editable,
            "can_decide": can_decide,
            "can_send": can_send,
            "earliest_send": format_wareki(rules.earliest_send_on(today)),
            **forms,
        },
        status=400 if bad else 200,
    )


# ---- newsletters ------------------------------------------------------------------------------


def _newsletter_values(form: NewsletterForm) -> dict[str, Any]:
    return {n: form.cleaned_data.get(n) for n in services.NEWSLETTER_FIELDS}


@login_required
def newsletters_page(request: HttpRequest, contract_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    rows = list(selectors.newsletters_of(access=access))
    form = None
    if access.can(EDIT_NOTICES):
        number = max((n.issue_number for n in rows), default=0) + 1
        form = NewsletterForm(
            initial={"issue_number": number, "month": timezone.localdate().replace(day=1)}
        )
    if request.method == "POST":
        access.require(EDIT_NOTICES)
        form = NewsletterForm(request.POST)
        if form.is_valid():
            try:
                newsletter = services.newsletter_create(
                    actor=request.user, access=access, values=_newsletter_values(form)
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "学級だよりを作成しました。写真を加えられます。")
                return redirect("ichou:notices_newsletter", contract_id, newsletter.pk)
    from itaku.core.calendar import format_wareki_month

    return render(
        request,
        "ichou/notices/newsletters.html",
        {
            "contract": access.contract,
            "rows": [
                {"newsletter": n, "month": format_wareki_month(n.month.year, n.month.month)}
                for n in rows
            ],
            "form": form,
        },
        status=400 if form is not None and form.errors else 200,
    )


def _newsletter_step(
    request: HttpRequest, access: ContractAccess, newsletter: Newsletter, forms: dict[str, Any]
) -> HttpResponse | None:
    step = request.POST.get("step")
    user = request.user
    try:
        if step == "change":
            access.require(EDIT_NOTICES)
            form = NewsletterForm(request.POST)
            forms["form"] = form
            if not form.is_valid():
                return None
            services.newsletter_change(
                actor=user, access=access, newsletter=newsletter, values=_newsletter_values(form)
            )
            messages.success(request, "学級だよりを変更しました。")
        elif step == "photo":
            access.require(EDIT_NOTICES)
            photo_form = PhotoForm(
                request.POST, request.FILES, participants=selectors.participant_choices(access)
            )
            forms["photo_form"] = photo_form
            if not photo_form.is_valid():
                return None
            upload = photo_form.cleaned_data["image"]
            services.newsletter_photo_add(
                actor=user,
                access=access,
                newsletter=newsletter,
                image=(upload.name, upload.read()),
                caption=photo_form.cleaned_data["caption"],
                participants=photo_form.cleaned_data["participants"],
            )
            messages.success(request, "写真を加えました。")
        elif step == "remove":
            access.require(EDIT_NOTICES)
            photo = selectors.photo_get(
                access=access, newsletter=newsletter, photo_id=request.POST.get("photo")
            )
            services.newsletter_photo_remove(actor=user, access=access, photo=photo)
            messages.success(request, "写真を外しました。")
        elif step == "publish":
            services.newsletter_publish(actor=user, access=access, newsletter=newsletter)
            messages.success(request, "学級だよりを発行済みにしました。")
        elif step == "pdf":
            job = job_start(
                actor=user,
                access=access,
                kind="ic_notices.newsletter_pdf",
                params={"newsletter_id": newsletter.pk},
            )
            return redirect("jobs:detail", contract_id=access.contract.pk, job_id=job.pk)
        else:
            raise Http404
    except ValidationError as error:
        target = {"change": "form", "photo": "photo_form"}.get(step or "")
        if target and target in forms:
            apply_errors(forms[target], error)
        else:
            forms["errors"] = error.messages
        return None
    return redirect("ichou:notices_newsletter", access.contract.pk, newsletter.pk)


@login_required
def newsletter_detail(request: HttpRequest, contract_id: int, newsletter_id: int) -> HttpResponse:
    access = _access(request, contract_id)
    newsletter = selectors.newsletter_get(access=access, newsletter_id=newsletter_id)
    forms: dict[str, Any] = {}
    if request.method == "POST":
        done = _newsletter_step(request, access, newsletter, forms)
        if done is not None:
            return done
        newsletter = selectors.newsletter_get(access=access, newsletter_id=newsletter_id)
    editable = access.can(EDIT_NOTICES) and newsletter.state == Newsletter.State.DRAFT
    if editable:
        if "form" not in forms:
            forms["form"] = NewsletterForm(
                initial={n: getattr(newsletter, n) for n in services.NEWSLETTER_FIELDS}
            )
        if "photo_form" not in forms:
            forms["photo_form"] = PhotoForm(participants=selectors.participant_choices(access))
    from itaku.core.calendar import format_wareki_month
    from itaku.privacy.contributions import VIEW_ATTACHMENTS

    bad = bool(forms.get("errors")) or any(
        getattr(f, "errors", None) for k, f in forms.items() if k != "errors"
    )
    return render(
        request,
        "ichou/notices/newsletter.html",
        {
            "contract": access.contract,
            "newsletter": newsletter,
            "month": format_wareki_month(newsletter.month.year, newsletter.month.month),
            "photos": list(newsletter.photos.all()),
            "show_images": access.can(VIEW_ATTACHMENTS),
            "editable": editable,
            **forms,
        },
        status=400 if bad else 200,
    )
