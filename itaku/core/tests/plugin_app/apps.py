from itaku.core import registry


class PluginAppConfig(registry.PlatformAppConfig):
    """A service app that exists only for the tests (installed by ``itaku.settings_for_tests``):
    it plugs into the platform through its ``contributions.py`` alone, as every new app does
    (docs/decisions/0004-apps-plug-in-through-contributions.md)."""

    name = "itaku.core.tests.plugin_app"
    label = "plugin_app"
    default_auto_field = "django.db.models.BigAutoField"
