"""The task queue's screen that django-tasks-db registers (read-only; its rows hold a job's id
only) gets the My Number guard every admin of the site carries (PI-11 … PI-16), as core does for
the other packages' screens (``itaku.core.admin._guard``), and a Japanese name."""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from itaku.privacy.admin import MyNumberGuardAdmin

_registered = type(admin.site.get_model_admin(DBTaskResult))
admin.site.unregister(DBTaskResult)
admin.site.register(
    DBTaskResult,
    type(_registered.__name__, (MyNumberGuardAdmin, _registered), {"__module__": __name__}),
)
apps.get_app_config("django_tasks_database").verbose_name = "バックグラウンド処理の待ち行列"
DBTaskResult._meta.verbose_name = DBTaskResult._meta.verbose_name_plural = "処理の記録"
