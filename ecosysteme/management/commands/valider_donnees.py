"""valider_donnees: checks data files as loaddata would, and keeps nothing of them."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction

from ecosysteme.outils.chargement import Chargement


class Validation(Chargement):
    """The loader, keeping every problem instead of stopping at the first one."""

    tout_signaler = True

    def reset_sequences(self, connection, models):
        # Everything is rolled back: leave PostgreSQL's sequences where they were.
        pass


class Command(BaseCommand):
    help = (
        "Vérifie des fichiers de données (fixtures, imports) comme loaddata les chargerait, "
        "sans rien laisser dans la base, et liste tous les problèmes trouvés."
    )

    def add_arguments(self, parser):
        parser.add_argument("fichiers", nargs="+", metavar="fichier")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, fichiers, database, **options):
        validation = Validation(stdout=self.stdout, stderr=self.stderr)
        validation.using, validation.verbosity, validation.format = database, 0, None
        validation.ignore, validation.app_label = False, None
        validation.excluded_models, validation.excluded_apps = set(), set()
        validation.problemes = []
        with transaction.atomic(using=database):
            try:
                validation.loaddata(fichiers)
            except (CommandError, DatabaseError) as erreur:
                validation.problemes.append(erreur)
            transaction.set_rollback(True, using=database)
        self.rendre_compte(validation)

    def rendre_compte(self, validation):
        fichiers = list(validation.entrees_par_fichier)
        problemes = sorted(
            validation.problemes,
            key=lambda p: (
                fichiers.index(p.fichier) if getattr(p, "fichier", None) in fichiers else -1,
                getattr(p, "position", 0),
            ),
        )
        lignes = [ligne for p in problemes for ligne in str(p).splitlines()]
        if lignes:
            pluriel = "s" if len(lignes) > 1 else ""
            raise CommandError(
                "\n".join([*lignes, f"{len(lignes)} problème{pluriel} : rien n'a été chargé."])
            )
        for fichier, nombre in validation.entrees_par_fichier.items():
            self.stdout.write(f"{fichier} : {nombre} entrées valides")
        total = sum(validation.entrees_par_fichier.values())
        fichiers = len(validation.entrees_par_fichier)
        self.stdout.write(
            self.style.SUCCESS(
                f"Tout est valide : {total} entrées dans {fichiers} fichier(s). "
                "Rien n'a été enregistré."
            )
        )
