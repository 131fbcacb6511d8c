from itaku.core import registry


class SupportOfficeConfig(registry.PlatformAppConfig):
    """安心対応サポート室 (SO-*): its deliverables, its records (one module per part of the work)
    and the rules of ``domain``; the parts' pages are being built on them."""

    name = "itaku.support_office"
    label = "support_office"
    verbose_name = "安心対応サポート室"
