from itaku.core import registry


class CoreConfig(registry.PlatformAppConfig):
    name = "itaku.core"
    verbose_name = "契約・名簿・期限"
