from itaku.core import registry


class LeaksConfig(registry.PlatformAppConfig):
    name = "itaku.leaks"
    label = "leaks"
    verbose_name = "漏えい等事案"
