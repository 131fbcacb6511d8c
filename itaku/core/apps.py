from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "itaku.core"
    verbose_name = "契約・名簿・期限"
