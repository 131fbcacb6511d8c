from itaku.core import registry


class JobsConfig(registry.PlatformAppConfig):
    name = "itaku.jobs"
    label = "jobs"
    verbose_name = "バックグラウンド処理"
