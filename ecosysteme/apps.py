from django.apps import AppConfig


class EcosystemeConfig(AppConfig):
    name = "ecosysteme"
    verbose_name = "Référentiels"

    def ready(self):
        from . import signals  # noqa: F401  (keeps fixtures out of the history)
