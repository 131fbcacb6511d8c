"""Import of participants from a file (IC-9): CSV in UTF-8, UTF-8 with BOM, Shift_JIS and
Excel. A 60-row file with 3 bad rows lists the 3 rows and writes nothing; confirming adds the
57; the same file again adds no one (matched by name, reading and birth date)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from itaku.ichou.participants.imports import HEADERS
from itaku.ichou.participants.models import Participant, ParticipantImport, Registration
from itaku.ichou.participants.tests.helpers import FY, make_ichou

pytestmark = pytest.mark.django_db

FAMILY = [("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか")]
GIVEN = [("翔", "しょう"), ("陽菜", "ひな"), ("蓮", "れん"), ("結衣", "ゆい"), ("大翔", "ひろと")]
BAD = {
    7: "生年月日が日付として読めません",
    21: "ひらがな・カタカナではありません",
    40: "今日より後",
}


def rows() -> list[list[str]]:
    """60 people (file rows 2 … 61), the rows 7, 21 and 40 broken."""
    out = []
    for i in range(60):
        family, fk = FAMILY[i % 4]
        given, gk = GIVEN[i // 4 % 5]
        birth = date(1960 + i % 3 + i // 20 * 10, 1 + i % 12, 1 + i // 12)
        row = [family, given, fk, gk, birth.isoformat()]
        number = i + 2
        if number == 7:
            row[4] = "不明"
        if number == 21:
            row[2] = "Sato"
        if number == 40:
            row[4] = "2030-01-01"
        out.append(row)
    return out


def csv_bytes(encoding: str) -> bytes:
    text = "\r\n".join(",".join(r) for r in [list(HEADERS), *rows()]) + "\r\n"
    return text.encode(encoding)


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    for r in rows():
        # The good birth dates as Excel dates, as a spreadsheet would hold them.
        cell = date.fromisoformat(r[4]) if r[4][:4].isdigit() else r[4]
        sheet.append([*r[:4], cell])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FILES = {
    "utf-8": ("参加者.csv", lambda: csv_bytes("utf-8")),
    "utf-8-bom": ("参加者.csv", lambda: csv_bytes("utf-8-sig")),
    "shift_jis": ("参加者.csv", lambda: csv_bytes("cp932")),
    "xlsx": ("参加者.xlsx", xlsx_bytes),
}


def _upload(client, url, name, content):
    return client.post(
        url, {"year": str(FY), "file": SimpleUploadedFile(name, content)}, format="multipart"
    )


@pytest.mark.parametrize("kind", list(FILES))
def test_ic9_import_lists_bad_rows_writes_nothing_then_adds_57_and_again_0(
    client, world, frozen_today, kind
):
    make_ichou(world)
    name, make = FILES[kind]
    url = reverse("ichou:participants-import", args=[world.contract.pk])
    client.force_login(world.manager)
    preview = _upload(client, url, name, make())
    assert preview.status_code == 200
    bad = preview.context["bad"]
    assert [b.number for b in bad] == sorted(BAD)
    for b in bad:
        assert BAD[b.number] in b.reason
        assert f"{b.number}行目" in preview.content.decode()
    assert len(preview.context["good"]) == 57
    assert not Participant.objects.exists() and not Registration.objects.exists()
    # The rows wait sealed in the database; the session holds only the id.
    upload = ParticipantImport.objects.get()
    assert client.session["ichou_participant_import"] == upload.pk
    # Without saying to leave the bad rows out, nothing is imported.
    assert client.post(url, {"step": "confirm", "year": str(FY)}).status_code == 404
    assert not Participant.objects.exists()
    done = client.post(url, {"step": "confirm", "year": str(FY), "skip_bad": "1"})
    assert done.status_code == 302
    assert Participant.objects.count() == 57
    assert Registration.objects.filter(fiscal_year=FY, state="applied").count() == 57
    again = _upload(client, url, name, make())
    assert again.status_code == 200
    client.post(url, {"step": "confirm", "year": str(FY), "skip_bad": "1"})
    assert Participant.objects.count() == 57


def test_ic9_a_file_without_the_headers_is_refused(client, world, frozen_today):
    make_ichou(world)
    url = reverse("ichou:participants-import", args=[world.contract.pk])
    client.force_login(world.manager)
    response = _upload(client, url, "x.csv", "氏名,生年月日\r\n山田太郎,2000-01-01\r\n".encode())
    assert response.status_code == 400
    assert "見出し" in response.content.decode()
    assert not ParticipantImport.objects.exists()


def test_ic9_a_clean_file_is_imported_on_confirmation_without_leaving_rows_out(
    client, world, frozen_today
):
    make_ichou(world)
    url = reverse("ichou:participants-import", args=[world.contract.pk])
    client.force_login(world.manager)
    content = "\r\n".join(",".join(r) for r in [list(HEADERS), *rows()[:5]]).encode()
    preview = _upload(client, url, "a.csv", content)
    assert preview.context["bad"] == [] and not Participant.objects.exists()
    assert client.post(url, {"step": "confirm", "year": str(FY)}).status_code == 302
    assert Participant.objects.count() == 5
    upload = ParticipantImport.objects.get()
    assert upload.added == 5 and upload.rows == "[]"


def test_ic9_a_file_over_2mb_is_refused_next_to_the_field(client, world, frozen_today):
    make_ichou(world)
    url = reverse("ichou:participants-import", args=[world.contract.pk])
    client.force_login(world.manager)
    response = _upload(client, url, "big.csv", b"a" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "2MBまで" in response.content.decode()
    assert not ParticipantImport.objects.exists()
