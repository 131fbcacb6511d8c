"""The いちょう学級's models, one module per part of the work (Django reads them here)."""

from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
from itaku.ichou.notices.models import Newsletter, NewsletterPhoto, Notice
from itaku.ichou.participants.models import (
    Participant,
    ParticipantImport,
    ParticipationPlan,
    Registration,
)
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment
from itaku.ichou.reports.models import MonthlyImplementationReport
from itaku.ichou.staff.models import (
    Applicant,
    ManualVersion,
    Publicity,
    TrainingPlan,
    TrainingReport,
)
from itaku.ichou.voices.models import (
    Opinion,
    OpinionCorrection,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

__all__ = [
    "AccidentReport",
    "Activity",
    "ActivityDay",
    "Agreement",
    "Applicant",
    "BusHikeLedgerEntry",
    "CharteredVehicle",
    "CheckIn",
    "CostSheet",
    "Dismissal",
    "InsurancePolicy",
    "Lodging",
    "LodgingChoice",
    "ManualVersion",
    "MonthlyImplementationReport",
    "Newsletter",
    "NewsletterPhoto",
    "Notice",
    "Opinion",
    "OpinionCorrection",
    "Participant",
    "ParticipantImport",
    "ParticipationPlan",
    "Programme",
    "Publicity",
    "QuarterConfirmation",
    "Registration",
    "StaffAssignment",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "TrainingPlan",
    "TrainingReport",
]
