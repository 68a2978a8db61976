from django.apps import AppConfig


class ActeursConfig(AppConfig):
    name = "acteurs"
    verbose_name = "Acteurs"

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index to every write)
