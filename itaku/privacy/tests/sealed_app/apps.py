from django.apps import AppConfig


class SealedAppConfig(AppConfig):
    """Test-only models, installed by ``itaku.settings_for_tests``. They have no migrations:
    the test database creates their tables directly."""

    name = "itaku.privacy.tests.sealed_app"
    label = "sealed_app"
    default_auto_field = "django.db.models.BigAutoField"
