from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    name = "accompagnement"
    verbose_name = _("Accompagnement")

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index to every write)
