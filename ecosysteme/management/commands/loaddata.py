"""Django's loaddata, with every entry checked before it is saved (ecosysteme.outils.chargement).

Commands of an application take precedence over Django's own: `manage.py loaddata`, the
tests and the README's instructions all go through this one.
"""

from django.core.management.base import CommandError
from django.db import DatabaseError

from ecosysteme.outils.chargement import Chargement, Probleme


class Command(Chargement):
    help = (
        "Charge des fichiers de données (fixtures, imports, sauvegardes). Chaque entrée est "
        "vérifiée comme dans l'administration ; à la première erreur, le message nomme le "
        "fichier, l'entrée et le champ, et rien n'est chargé."
    )

    def handle(self, *fixture_labels, **options):
        try:
            super().handle(*fixture_labels, **options)
        except Probleme as probleme:
            raise CommandError(str(probleme)) from None
        except DatabaseError as erreur:
            # Only the final check of the whole load (foreign keys) gets here: it no longer
            # knows which entry is at fault.
            raise CommandError(f"Chargement refusé par la base de données : {erreur}") from erreur
