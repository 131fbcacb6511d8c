"""The participants' form texts for the My Number guard walk (itaku/privacy/tests/test_guard.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.participants.forms import ImportForm, MoveForm, ParticipantForm, WithdrawForm
from itaku.ichou.participants.models import Participant, ParticipantImport, Registration
from itaku.ichou.participants.services import TEXT_FIELDS


def _participant(world: Any, field: str, text: str):
    from itaku.ichou.participants.tests.helpers import FY, make_ichou

    make_ichou(world)
    data = {
        "family_name": "山田",
        "given_name": "太郎",
        "family_name_kana": "やまだ",
        "given_name_kana": "たろう",
        "birth_date": "2000-05-01",
        "goes_home": "collected",
        "year": str(FY),
        field: text,
    }
    url = reverse("ichou:participant-add", args=[world.contract.pk])
    return world.manager, url, data, Participant.objects.count


def _withdraw(world: Any, field: str, text: str):
    from itaku.ichou.participants.tests.helpers import registered

    registration = registered(world)
    url = reverse("ichou:registration", args=[world.contract.pk, registration.pk])
    # Past the confirmation page, which carries the reason as a plain field.
    data = {"step": "withdraw", field: text, "confirmed": "1"}
    return (
        world.manager,
        url,
        data,
        Registration.objects.filter(state="withdrawn").count,
    )


def _move(world: Any, field: str, text: str):
    from itaku.ichou.participants.tests.helpers import registered

    registration = registered(world)
    url = reverse("ichou:registration", args=[world.contract.pk, registration.pk])
    data = {"step": "move", field: text, "confirmed": "1"}
    return world.manager, url, data, Registration.objects.filter(group="2").count


def _file(world: Any, field: str, text: str):
    from itaku.ichou.participants.tests.helpers import make_ichou

    make_ichou(world)
    content = f"姓,名,姓ふりがな,名ふりがな,生年月日\r\n山田,{text},やまだ,たろう,2000-01-01\r\n"
    upload = SimpleUploadedFile("参加者.csv", content.encode())
    url = reverse("ichou:participants-import", args=[world.contract.pk])
    return world.manager, url, {field: upload}, ParticipantImport.objects.count


STORED: dict[tuple[type[Any], str], Any] = {
    **{(ParticipantForm, name): _participant for name in TEXT_FIELDS},
    (WithdrawForm, "reason"): _withdraw,
    (MoveForm, "reason"): _move,
    (ImportForm, "file"): _file,  # every cell of the file, and its name
}
