from django.apps import AppConfig


class LeaksConfig(AppConfig):
    name = "itaku.leaks"
    label = "leaks"
    verbose_name = "漏えい等事案"

    def ready(self) -> None:
        from itaku.core.dashboard import register_panel
        from itaku.leaks.selectors import dashboard_panel_context

        # PI-7: open incidents and their next deadline on the home page.
        register_panel(
            key="leaks",
            template="leaks/_dashboard_panel.html",
            context=dashboard_panel_context,
        )
