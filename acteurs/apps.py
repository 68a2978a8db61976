from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActeursConfig(AppConfig):
    name = "acteurs"
    verbose_name = _("Acteurs")

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index to every write)
