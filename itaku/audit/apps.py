from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "itaku.audit"
    verbose_name = "監査記録"

    def ready(self) -> None:
        from itaku.audit import receivers  # noqa: F401 - connects the authentication receivers
