from django.core.management.base import BaseCommand, CommandError

from acteurs.anonymisation import anonymiser_personne
from acteurs.models import Personne


class Command(BaseCommand):
    help = (
        "Anonymise une personne qui l'a demandé : nom, coordonnées, parcours, citations, "
        "historique. Sans --confirmer, dit seulement ce qui serait fait."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="le slug de la personne, comme dans l'adresse de sa fiche")
        parser.add_argument("--confirmer", action="store_true", help="anonymiser pour de bon")

    def handle(self, *args, slug, confirmer, **options):
        try:
            personne = Personne.objects.get(slug=slug)
        except Personne.DoesNotExist as erreur:
            raise CommandError(f"Aucune personne n'a le slug « {slug} ».") from erreur
        rapport = anonymiser_personne(personne=personne, confirmer=confirmer)
        fait = "" if confirmer else " (rien n'a été modifié : relancez avec --confirmer)"
        self.stdout.write(
            f"{'Anonymisée' if confirmer else 'À anonymiser'} : {rapport.personne}{fait}"
        )
        self.stdout.write(f"  noms recherchés : {', '.join(rapport.noms)}")
        self.stdout.write(f"  fonctions gardées, sans son nom : {rapport.fonctions_gardees}")
        self.stdout.write(
            f"  précisions de ses fonctions réécrites (versions comprises) : "
            f"{rapport.notes_reecrites}"
        )
        self.stdout.write(f"  citations supprimées : {rapport.citations_supprimees}")
        self.stdout.write(f"  versions effacées de l'historique : {rapport.versions_effacees}")
        self.stdout.write(
            f"  entrées du journal d'administration réécrites : {rapport.journal_reecrit}"
        )
        if confirmer:
            self.stdout.write(f"  nouvelle adresse : {personne.get_absolute_url()}")
        if rapport.mentions_restantes:
            self.stdout.write("Ces textes la nomment encore ; à reformuler à la main :")
            for mention in rapport.mentions_restantes:
                self.stdout.write(f"  - {mention}")
