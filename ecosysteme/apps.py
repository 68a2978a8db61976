from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig, apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from .alphabetique import collation_sur_sqlite

APPS_DU_PROJET = {"ecosysteme", "acteurs", "accompagnement"}


def roles_apres_migration(sender, using, **kwargs):
    from .roles import definir_roles

    definir_roles(using=using)


class EcosystemeConfig(AppConfig):
    # This module also holds django-axes' configuration: Django is told which one is the app's.
    default = True
    name = "ecosysteme"
    verbose_name = _("Référentiels")

    def ready(self):
        # Before any query: SQLite's connections learn the alphabetical order of the names.
        connection_created.connect(collation_sur_sqlite, dispatch_uid="ordre_alphabetique")
        # Once per migrate (flushes included): the editors' groups always exist and follow the
        # models' permissions.
        post_migrate.connect(roles_apres_migration, sender=self, dispatch_uid="definir_roles")
        from . import signals  # noqa: F401  (keeps fixtures out of the history)

        # The reports' moderation queue sits over the apps, with its feature: the admin's
        # autodiscovery reads ecosysteme/admin.py, which the apps import, so it is here.
        from .contributions import admin  # noqa: F401

        # The deploy check that the legal notice names the publisher, the host and the licence.
        from .pages import mentions  # noqa: F401
        from .textes import appliquer_aux_champs

        # Every model is loaded by now, those of the other apps and their histories too.
        appliquer_aux_champs(
            modele for modele in apps.get_models() if modele._meta.app_label in APPS_DU_PROJET
        )


class ConnexionsConfig(AxesAppConfig):
    """django-axes (login throttling), under a French name in the admin's index: its app label
    would show as « AXES » above the login attempts administrators unlock."""

    verbose_name = _("Connexions à l'administration")
