"""The audit log in the auditor's words (``itaku.audit.labels``): no codes, no raw dictionaries.
Reads only the catalogue and the models' metadata, so no database."""

from __future__ import annotations

import pytest

from itaku.audit.labels import ChangeLine, change_lines, event_label, record_kind_label


@pytest.mark.parametrize(
    ("action", "label"),
    [
        ("roster_entry.add", "名簿への追加"),
        ("roster_version.approve", "名簿の承認"),
        ("auth.login_failed", "ログインの失敗"),
        ("nobody.declared", "nobody.declared"),  # the code rather than nothing
    ],
)
def test_an_event_is_named_by_its_label_in_the_catalogue(action, label):
    assert event_label(action) == label


@pytest.mark.parametrize(
    ("target_type", "label"),
    [
        ("core.rosterentry", "従事者名簿の記載"),
        ("core.rosterversion", "従事者名簿の版"),
        ("core.contract", "契約"),
        ("gone.model", "gone.model"),
        ("", ""),
    ],
)
def test_a_record_kind_is_named_by_its_model(target_type, label):
    assert record_kind_label(target_type) == label


@pytest.mark.parametrize(
    ("target_type", "changes", "lines"),
    [
        # A field's label, the choice's label, nothing as 「(なし)」.
        (
            "core.rosterentry",
            {"role": {"before": None, "after": "worker"}},
            [ChangeLine("役割", before="(なし)", after="従事者")],
        ),
        # Dates in 和暦; a list of qualifications by their labels; an empty list is nothing.
        (
            "core.rosterentry",
            {
                "valid_from": {"before": "2026-04-01", "after": "2026-05-01"},
                "qualifications": {"before": [], "after": ["nurse_licence"]},
            },
            [
                ChangeLine("従事開始日", before="令和8年4月1日", after="令和8年5月1日"),
                ChangeLine("資格・経験", before="(なし)", after="看護師免許"),
            ],
        ),
        # A key that is no field of the model, by its label; a number as it is.
        (
            "core.rosterentry",
            {"version": 2},
            [ChangeLine("名簿の版", value="2")],
        ),
        # A contract's state by its label.
        (
            "core.contract",
            {"state": {"before": "active", "after": "ended"}},
            [ChangeLine("状態", before="履行中", after="終了")],
        ),
        # Booleans as はい/いいえ; a key nobody named keeps its name.
        (
            "",
            {"preapproved": False, "late": True, "mystery": "x"},
            [
                ChangeLine("事前承認による", value="いいえ"),
                ChangeLine("期限後の提出", value="はい"),
                ChangeLine("mystery", value="x"),
            ],
        ),
        # A read names the records it showed.
        (
            "core.rosterentry",
            {"ids": ["123", "45"]},
            [ChangeLine("表示した記録", value="2件の記録を表示(ID:123、45)")],
        ),
        # A nested dictionary as label: value pairs, not braces.
        (
            "",
            {"parameters": {"rows": 3, "format": "csv"}},
            [ChangeLine("条件", value="行数: 3、形式: csv")],
        ),
        ("core.rosterentry", {}, []),
        ("core.rosterentry", None, []),
    ],
)
def test_a_change_reads_as_labels_and_values(target_type, changes, lines):
    assert change_lines(target_type, changes) == lines


def test_a_long_list_of_records_read_is_cut_short():
    [line] = change_lines("core.rosterentry", {"ids": [str(i) for i in range(1000, 1100)]})
    assert line.value.startswith("100件の記録を表示(ID:1000、1001、")
    assert line.value.endswith("…)") and len(line.value) < 160


def test_a_change_that_reads_the_same_before_and_after_is_left_out():
    changes = {
        "qualifications": {"before": None, "after": []},
        "role": {"before": None, "after": "nurse"},
    }
    assert change_lines("core.rosterentry", changes) == [
        ChangeLine("役割", before="(なし)", after="看護師")
    ]
