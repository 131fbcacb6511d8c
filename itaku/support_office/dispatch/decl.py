"""What this part of the support office declares to the platform; gathered by
``itaku.support_office.contributions``. Lists named as the registry's points (ACTIONS,
AUDIT_EVENTS, NOTIFICATION_KINDS, TODOS, PANELS, API_ROUTERS, DEMO_STEPS, EXPORT_KINDS,
END_ITEMS, PACKAGE_SECTIONS); a point left out declares nothing."""

from __future__ import annotations

from itaku.privacy.packages import PackageSection, model_rows
from itaku.support_office import KIND
from itaku.support_office.dispatch.models import Place, SupportRequest

PACKAGE_SECTIONS = [
    PackageSection(
        key="so_requests",
        label="依頼と対応の記録",
        files=lambda contract, watermark: [
            *model_rows(Place, path="support_office/places.csv")(contract, watermark),
            *model_rows(SupportRequest, path="support_office/requests.csv")(contract, watermark),
        ],
        covers=("support_office.supportrequest",),
        service_kind=KIND,
    )
]
