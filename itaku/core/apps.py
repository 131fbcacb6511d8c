from itaku.core import registry


class CoreConfig(registry.PlatformAppConfig):
    name = "itaku.core"
    verbose_name = "契約・名簿・期限"

    def ready(self) -> None:
        super().ready()
        from itaku.audit.services import set_acting_role_resolver
        from itaku.core.access import acting_role

        # The audit log records who acted as what (PI-9) without importing the access rule.
        set_acting_role_resolver(acting_role)
