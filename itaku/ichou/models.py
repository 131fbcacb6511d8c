"""The いちょう学級's models, one module per part of the work (Django reads them here)."""

from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.day.models import AccidentReport, ActivityDay, CheckIn, Dismissal
from itaku.ichou.money.models import BusHikeLedgerEntry, CostSheet, Lodging, LodgingChoice
from itaku.ichou.participants.models import Participant, ParticipantImport, Registration
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment

__all__ = [
    "AccidentReport",
    "Activity",
    "ActivityDay",
    "BusHikeLedgerEntry",
    "CharteredVehicle",
    "CheckIn",
    "CostSheet",
    "Dismissal",
    "InsurancePolicy",
    "Lodging",
    "LodgingChoice",
    "Participant",
    "ParticipantImport",
    "Programme",
    "Registration",
    "StaffAssignment",
]
