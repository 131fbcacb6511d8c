from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "itaku.audit"
    verbose_name = "監査記録"
