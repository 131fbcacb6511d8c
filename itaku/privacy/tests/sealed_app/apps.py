from itaku.core import registry


class SealedAppConfig(registry.PlatformAppConfig):
    """Test-only models, installed by ``itaku.settings_for_tests``. Their migration exists so
    that PostgreSQL creates the table after the contracts it refers to."""

    name = "itaku.privacy.tests.sealed_app"
    label = "sealed_app"
    default_auto_field = "django.db.models.BigAutoField"
