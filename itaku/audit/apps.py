from itaku.core import registry


class AuditConfig(registry.PlatformAppConfig):
    name = "itaku.audit"
    verbose_name = "監査記録"

    def ready(self) -> None:
        super().ready()
        from itaku.audit import receivers  # noqa: F401 - connects the authentication receivers
