"""What the privacy app adds to the platform (``itaku.core.registry``): exports and their
approval (PI-5, PI-18), attachments (PI-6), the contract end (PI-8, IC-29), the keys' and the
My Number guard's audit events; and the extension points other apps declare into: export kinds,
contract-end items and package sections."""

from __future__ import annotations

from datetime import date
from typing import Any

from itaku.core.contributions import VIEW_ROSTER
from itaku.core.domain import Action, ContractState, Role
from itaku.core.registry import AuditEventKind, Clause, NotificationKind, TodoItem, TodoSource
from itaku.documents.protect import password_new
from itaku.jobs.kinds import JobKind
from itaku.privacy import contract_end, exports, packages
from itaku.privacy.contract_end import EndItem
from itaku.privacy.exports import ExportKind, Table, roster_table
from itaku.privacy.packages import PackageSection

EXTENSION_POINTS = {
    "EXPORT_KINDS": ExportKind,
    "END_ITEMS": EndItem,
    "PACKAGE_SECTIONS": PackageSection,
}

# 個人情報等取扱いに関する特記事項, the annex both contracts share: article n is PI-n.
CLAUSES = [
    Clause("PI-1", "特記事項 第1条"),
    Clause("PI-2", "特記事項 第2条"),
    Clause("PI-3", "特記事項 第3条"),
    Clause("PI-4", "特記事項 第4条"),
    Clause("PI-5", "特記事項 第5条"),
    Clause("PI-6", "特記事項 第6条"),
    Clause("PI-7", "特記事項 第7条"),
    Clause("PI-8", "特記事項 第8条"),
    Clause("PI-9", "特記事項 第9条"),
    Clause("PI-10", "特記事項 第10条"),
    Clause("PI-11", "特記事項 第11条"),
    Clause("PI-12", "特記事項 第12条"),
    Clause("PI-13", "特記事項 第13条"),
    Clause("PI-14", "特記事項 第14条"),
    Clause("PI-15", "特記事項 第15条"),
    Clause("PI-16", "特記事項 第16条"),
    Clause("PI-17", "特記事項 第17条"),
    Clause("PI-18", "特記事項 第18条"),
]

SUPERVISOR = Role.WARD_SUPERVISOR
AUDITOR = Role.AUDITOR
MANAGER = Role.MANAGER
WORKER = Role.WORKER
RUNNING_OR_ENDED = frozenset({ContractState.ACTIVE, ContractState.ENDED})
UNTIL_DESTROYED = frozenset({ContractState.ACTIVE, ContractState.ENDED, ContractState.RETURNED})

# PI-5, PI-18: exports of personal data are requested, then approved by the ward; the ward may
# still ask for one after the period, until the data is returned.
REQUEST_EXPORT = Action(
    key="request_export",
    label="個人情報の出力を申請する",
    roles=frozenset({SUPERVISOR, MANAGER}),
    writes=True,
    after_period=RUNNING_OR_ENDED,
)
APPROVE_EXPORT = Action(
    key="approve_export",
    label="個人情報の出力を承認する",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    after_period=RUNNING_OR_ENDED,
)
# PI-6: attachments (audio, photos, PDFs) held encrypted under the contract's key.
VIEW_ATTACHMENTS = Action(
    key="view_attachments",
    label="添付ファイルを見る",
    roles=frozenset({SUPERVISOR, MANAGER, WORKER}),
)
ADD_ATTACHMENT = Action(
    key="add_attachment",
    label="ファイルを添付する",
    roles=frozenset({SUPERVISOR, MANAGER, WORKER}),
    writes=True,
)
# PI-8, IC-29: the contract-end checklist, return, handover and destruction, after the period.
VIEW_CONTRACT_END = Action(
    key="view_contract_end",
    label="契約終了の手続きを見る",
    roles=frozenset({SUPERVISOR, AUDITOR, MANAGER}),
)
MANAGE_CONTRACT_END = Action(
    key="manage_contract_end",
    label="返却・引継ぎ・消去を行う",
    roles=frozenset({SUPERVISOR}),
    writes=True,
    after_period=UNTIL_DESTROYED,
)

# The contract-end package is built in the background, section by section (itaku.jobs); its
# password is made when the job starts, shown once on the page that answers the form.
JOB_KINDS = [
    JobKind(
        key="privacy.package",
        label="返却・引継ぎパッケージの作成",
        action=MANAGE_CONTRACT_END,
        produce="itaku.privacy.services.contract_end.package_build_job",
        secret=password_new,
        reveal_label="ファイルを開くパスワード",
        back="privacy:contract-end",
        back_label="契約の終了へ戻る",
    )
]

ACTIONS = [
    REQUEST_EXPORT,
    APPROVE_EXPORT,
    VIEW_ATTACHMENTS,
    ADD_ATTACHMENT,
    VIEW_CONTRACT_END,
    MANAGE_CONTRACT_END,
]

EXPORT_REQUESTED = NotificationKind(
    key="export_requested",
    label="出力の申請",
    what="個人情報の出力が申請されました。利用目的を確認して承認または不承認にしてください。",
    action="申請を確認する",
)
EXPORT_APPROVED = NotificationKind(
    key="export_approved",
    label="出力の承認",
    what="申請した出力が承認されました。ファイルを作成してダウンロードできます。",
    action="ファイルを作成する",
)

NOTIFICATION_KINDS = [EXPORT_REQUESTED, EXPORT_APPROVED]

AUDIT_EVENTS = [
    AuditEventKind("attachment.add", "ファイルの添付"),
    AuditEventKind("attachment.read", "添付ファイルの閲覧"),
    AuditEventKind("export.request", "出力の申請"),
    AuditEventKind("export.approve", "出力の承認"),
    AuditEventKind("export.refuse", "出力の不承認"),
    AuditEventKind("export.produce", "出力ファイルの作成"),
    AuditEventKind("export.download", "出力ファイルのダウンロード"),
    AuditEventKind("export_preapproval.grant", "出力の事前承認"),
    AuditEventKind("end_item.confirm", "契約終了の確認項目の確認"),
    AuditEventKind("package.build", "返却・引継ぎパッケージの作成"),
    AuditEventKind("package.download", "返却・引継ぎパッケージのダウンロード"),
    AuditEventKind("package.receive", "返却パッケージの受領"),
    AuditEventKind("contract.destroy", "契約データの消去"),
    AuditEventKind("destruction_certificate.download", "消去証明書のダウンロード"),
    AuditEventKind("contract_key.create", "契約の暗号鍵の作成"),
    AuditEventKind("contract_key.destroy", "契約の暗号鍵の破棄"),
    AuditEventKind("master_key.rotate", "マスター鍵の更新"),
    AuditEventKind("my_number.refuse", "個人番号の入力の拒否"),
]


def _roster_table(access: Any) -> Table:
    from itaku.core.selectors import roster_entry_list

    return roster_table(roster_entry_list(access=access).select_related("person__organisation"))


EXPORT_KINDS = [
    # The platform's own export: the worker roster (従事者名簿), as the ward keeps it.
    ExportKind(key="roster", label="従事者名簿", needs=VIEW_ROSTER, table=_roster_table),
    # PI-5, PI-6: a copy of an attachment is an export like any other: it is viewed in the page,
    # and whoever needs the file itself asks for it.
    ExportKind(
        key="attachment",
        label="添付ファイルの写し",
        needs=VIEW_ATTACHMENTS,
        parameters=exports.attachment_parameters,
        file=exports.attachment_file,
        describe=exports.attachment_describe,
    ),
]

END_ITEMS = [
    EndItem(
        key="access_revoked",
        label="受注者の利用権限の停止(契約の終了)",
        clause="PI-2",
        check=contract_end.access_revoked,
    ),
    EndItem(
        key="roster_closed",
        label="従事者名簿の全員の従事終了と誓約書の提出",
        clause="PI-2",
        check=contract_end.roster_closed,
    ),
    EndItem(
        key="return_received",
        label="返却パッケージの区による受領",
        clause="PI-8",
        check=contract_end.return_received,
    ),
    EndItem(
        key="handover",
        label="次の受託者への引継ぎパッケージの作成・承認",
        clause="IC-29",
        check=contract_end.handover_approved,
        confirmation="引継ぎは不要であることを確認しました",
    ),
]

PACKAGE_SECTIONS = [
    PackageSection(
        key="contract", label="契約の概要", files=packages.contract_files, covers=("core.contract",)
    ),
    PackageSection(
        key="roster",
        label="従事者名簿",
        files=packages.roster_files,
        covers=("core.rosterentry", "core.person"),
    ),
    PackageSection(
        key="attachments",
        label="添付ファイル",
        files=packages.attachment_files,
        covers=("privacy.attachment",),
    ),
    PackageSection(
        key="audit",
        label="操作記録(監査ログ)",
        files=packages.audit_files,
        covers=("audit.auditevent",),
    ),
    PackageSection(
        key="exports",
        label="個人情報の出力記録",
        files=packages.export_files,
        covers=("privacy.exportrequest",),
    ),
]


def _todos(name: str) -> Any:
    def items(user: Any, today: date, accesses: list[Any]) -> list[TodoItem]:
        from itaku.privacy import todos

        source: Any = getattr(todos, name)
        return source(user, today, accesses)

    return items


# The home page's 「対応が必要なもの」 (itaku.privacy.todos).
TODOS = [
    TodoSource("export_decide", "出力申請の承認", _todos("exports_to_decide")),
    TodoSource("export_produce", "承認された出力の作成", _todos("exports_to_produce")),
    TodoSource("end_item_confirm", "契約終了の確認", _todos("end_items_to_confirm")),
]


def _demo_step(world: Any) -> None:
    """An export of the roster waiting for the support office supervisor's approval (PI-18)."""
    from itaku.core.access import contract_access
    from itaku.core.models import User
    from itaku.privacy.services.exports import export_request

    contract = world.contracts["support_office"]
    manager = User.objects.get(username="so-manager")
    export_request(
        actor=manager,
        access=contract_access(manager, contract.pk, on=world.working_day),
        kind="roster",
        file_format="xlsx",
        purpose="区との定例会議で従事体制を確認するため",
    )


DEMO_STEPS = [_demo_step]
