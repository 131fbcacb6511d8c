"""The settings the test suite runs with: the real settings plus a test-only app whose models
stand in for the service apps' sensitive records (``itaku.privacy.tests.sealed_app``)."""

from itaku.settings import *  # noqa: F403
from itaku.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "itaku.privacy.tests.sealed_app"]
