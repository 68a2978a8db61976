from django.apps import AppConfig


class AccompagnementConfig(AppConfig):
    name = "accompagnement"
    verbose_name = "Accompagnement"

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index to every write)
