"""The support office's models, one module per part of the work (Django reads them here)."""

from itaku.support_office.dispatch.models import Place, SupportRequest, UsualPlace
from itaku.support_office.duty.models import DutySchedule, DutyShift
from itaku.support_office.incidents.models import (
    Behaviour,
    Consultation,
    FollowUp,
    Incident,
    IncidentEvidence,
    ResponseTaken,
)
from itaku.support_office.office.models import (
    DailyClosing,
    EquipmentItem,
    ManualProposal,
    TrainingSession,
    Vehicle,
)
from itaku.support_office.reports.models import (
    AdHocReport,
    DailyReport,
    MonthlyReport,
    PerformanceConfirmation,
    ReportState,
)

__all__ = [
    "AdHocReport",
    "Behaviour",
    "Consultation",
    "DailyClosing",
    "DailyReport",
    "DutySchedule",
    "DutyShift",
    "EquipmentItem",
    "FollowUp",
    "Incident",
    "IncidentEvidence",
    "ManualProposal",
    "MonthlyReport",
    "PerformanceConfirmation",
    "Place",
    "ReportState",
    "ResponseTaken",
    "SupportRequest",
    "TrainingSession",
    "UsualPlace",
    "Vehicle",
]
