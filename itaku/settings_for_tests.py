"""The settings the test suite runs with: the real settings plus two test-only apps: one whose
models stand in for the service apps' sensitive records (``itaku.privacy.tests.sealed_app``), and
one that plugs a whole service in through its declarations alone
(``itaku.core.tests.plugin_app``)."""

from itaku.settings import *  # noqa: F403
from itaku.settings import INSTALLED_APPS

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "itaku.privacy.tests.sealed_app",
    "itaku.core.tests.plugin_app",
]

# Tasks run for real, in the process that enqueues them (``jobs`` tests also run the database
# backend's worker: the ``database_tasks`` fixture).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
