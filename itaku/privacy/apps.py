from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "itaku.privacy"
    verbose_name = "個人情報の保護"
