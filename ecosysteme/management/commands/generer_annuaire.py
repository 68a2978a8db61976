import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from acteurs.models import Organisation
from ecosysteme.outils.synthetique.generation import (
    Annuaire,
    existe_des_donnees_synthetiques,
    milliers,
    supprimer_donnees_synthetiques,
)


class Command(BaseCommand):
    help = (
        "Génère un annuaire synthétique réaliste (organisations, personnes, relations, "
        "dispositifs, territoires) pour les essais de charge, ou le supprime. Chaque ligne créée "
        "est marquée « donnée synthétique » : les fiches réelles ne sont jamais touchées."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--organisations", type=int, default=100_000, help="Nombre d'organisations."
        )
        parser.add_argument(
            "--graine", type=int, default=42, help="Même graine, mêmes données (42 par défaut)."
        )
        parser.add_argument(
            "--confirmer", action="store_true", help="Obligatoire : la commande écrit en masse."
        )
        parser.add_argument(
            "--remplacer",
            action="store_true",
            help="Supprime d'abord les données synthétiques déjà présentes.",
        )
        parser.add_argument(
            "--a-cote-des-donnees-reelles",
            action="store_true",
            help="Génère même si la base contient des organisations réelles.",
        )
        parser.add_argument(
            "--supprimer",
            action="store_true",
            help="Supprime toutes les données synthétiques, et rien d'autre.",
        )

    def handle(self, *args, **options):
        if not options["confirmer"]:
            raise CommandError(
                "Cette commande écrit ou supprime des centaines de milliers de lignes : "
                "relancez-la avec --confirmer."
            )
        if options["supprimer"]:
            self.supprimer()
            return
        nombre = options["organisations"]
        if nombre < 1:
            raise CommandError("--organisations doit être un nombre positif.")
        if (
            Organisation.objects.filter(is_synthetic=False).exists()
            and not options["a_cote_des_donnees_reelles"]
        ):
            raise CommandError(
                "La base contient des organisations réelles. Générez plutôt dans une base "
                "vide, ou ajoutez --a-cote-des-donnees-reelles pour générer à côté d'elles "
                "(elles ne seront pas modifiées)."
            )
        if existe_des_donnees_synthetiques():
            if not options["remplacer"]:
                raise CommandError(
                    "La base contient déjà des données synthétiques : ajoutez --remplacer pour "
                    "les remplacer, ou supprimez-les avec --supprimer --confirmer."
                )
            self.supprimer()
        debut = time.monotonic()
        ecrire = self.stdout.write if options["verbosity"] else None
        comptes = Annuaire(graine=options["graine"], ecrire=ecrire).generer(nombre)
        self.stdout.write(
            self.style.SUCCESS(
                f"Annuaire synthétique généré en {time.monotonic() - debut:.0f} s : "
                f"{detailler(comptes)}."
            )
        )

    def supprimer(self):
        try:
            comptes = supprimer_donnees_synthetiques()
        except ProtectedError as erreur:
            raise CommandError(
                "Des fiches réelles dépendent de territoires synthétiques "
                f"({len(erreur.protected_objects)}, dont {next(iter(erreur.protected_objects))}) : "
                "rien n'a été supprimé."
            ) from erreur
        self.stdout.write(f"Données synthétiques supprimées : {detailler(comptes) or 'aucune'}.")


def detailler(comptes):
    """ "100 000 acteurs.Organisation, 150 000 acteurs.Personne…", largest first."""
    return ", ".join(
        f"{milliers(nombre)} {modele}"
        for modele, nombre in sorted(comptes.items(), key=lambda c: (-c[1], c[0]))
    )
