"""The いちょう学級's models, one module per part of the work (Django reads them here)."""

from itaku.ichou.compliance.models import CharteredVehicle, InsurancePolicy
from itaku.ichou.participants.models import Participant, Registration
from itaku.ichou.programme.models import Activity, Programme, StaffAssignment

__all__ = [
    "Activity",
    "CharteredVehicle",
    "InsurancePolicy",
    "Participant",
    "Programme",
    "Registration",
    "StaffAssignment",
]
