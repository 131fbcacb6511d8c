"""What the participants part of いちょう学級 declares to the platform; gathered by
``itaku.ichou.contributions``. Lists named as the registry's points."""

from __future__ import annotations

from typing import Any

KIND = "ichou"


def _package_files(contract: Any, watermark: Any) -> Any:
    from itaku.ichou.participants.models import Participant, Registration
    from itaku.privacy.packages import model_rows

    return [
        *model_rows(Participant, path="ichou/participants.csv")(contract, watermark),
        *model_rows(Registration, path="ichou/registrations.csv")(contract, watermark),
    ]


def _package_sections() -> list[Any]:
    from itaku.privacy.packages import PackageSection

    return [
        PackageSection(
            key="ic_participants",
            label="参加者と参加登録",
            files=_package_files,
            covers=("ichou.participant", "ichou.registration"),
            service_kind=KIND,
        )
    ]


# The contract-end package returns the participants (their sealed fields opened for the ward)
# and their registrations.
PACKAGE_SECTIONS = _package_sections()
