from itaku.core import registry


class IchouConfig(registry.PlatformAppConfig):
    """いちょう学級 (IC-*). For now only its declarations: the deliverables the contract owes;
    the app itself is built on them."""

    name = "itaku.ichou"
    label = "ichou"
    verbose_name = "いちょう学級"
