from itaku.core import registry


class PrivacyConfig(registry.PlatformAppConfig):
    name = "itaku.privacy"
    verbose_name = "個人情報の保護"
