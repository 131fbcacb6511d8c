from itaku.core import registry


class SupportOfficeConfig(registry.PlatformAppConfig):
    """安心対応サポート室 (SO-*). For now only its declarations: the deliverables the contract
    owes; the app itself is built on them."""

    name = "itaku.support_office"
    label = "support_office"
    verbose_name = "安心対応サポート室"
