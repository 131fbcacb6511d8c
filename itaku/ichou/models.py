"""The いちょう学級's models, one module per part of the work (Django reads them here)."""

from itaku.ichou.agreements.models import Agreement, QuarterConfirmation
from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.participants.models import Participant, ParticipantImport, Registration
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment

__all__ = [
    "AccidentReport",
    "Activity",
    "ActivityDay",
    "Agreement",
    "CharteredVehicle",
    "CheckIn",
    "Dismissal",
    "InsurancePolicy",
    "Participant",
    "ParticipantImport",
    "Programme",
    "QuarterConfirmation",
    "Registration",
    "StaffAssignment",
]
