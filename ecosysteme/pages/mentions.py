"""Who publishes and hosts the site: facts of each deployment, set in its environment.

Until a deployment sets them, the legal notice and the open-data page say plainly what is
missing, which is fine on a developer's machine; in production it is not, so the deploy
checks (`manage.py check --deploy`) fail until each one is set.
"""

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _

# (setting, read from the environment variable of the same name; what the pages say when it
# is not set). An empty text means the pages leave the line out.
INFORMATIONS = {
    "editeur": ("EDITEUR_NOM", _("[nom de l'éditeur à compléter]")),
    "editeur_adresse": ("EDITEUR_ADRESSE", _("[adresse de l'éditeur à compléter]")),
    "directeur_publication": (
        "DIRECTEUR_PUBLICATION",
        _("[directeur ou directrice de la publication à compléter]"),
    ),
    "contact": ("CONTACT_COURRIEL", ""),
    "hebergeur": ("HEBERGEUR_NOM", _("[nom de l'hébergeur à compléter]")),
    "hebergeur_adresse": ("HEBERGEUR_ADRESSE", _("[adresse de l'hébergeur à compléter]")),
    "licence_donnees": ("LICENCE_DONNEES", _("[licence des données à préciser par l'éditeur]")),
}


def informations_legales():
    return {
        cle: getattr(settings, reglage, "").strip() or defaut
        for cle, (reglage, defaut) in INFORMATIONS.items()
    }


@checks.register(checks.Tags.security, deploy=True)
def verifier_informations_legales(app_configs, **kwargs):
    """A production site whose legal notice still says « [à compléter] » is not deployable."""
    manquants = [
        reglage
        for reglage, defaut in INFORMATIONS.values()
        if defaut and not getattr(settings, reglage, "").strip()
    ]
    if not manquants:
        return []
    return [
        checks.Error(
            "Les mentions légales et la page des données ouvertes affichent encore "
            "« [à compléter] » : définissez dans l'environnement " + ", ".join(manquants) + ".",
            hint="L'éditeur (nom, adresse, directeur ou directrice de la publication), "
            "l'hébergeur (nom, adresse) et la licence des données : voir « Mise en "
            "production » dans README.md.",
            id="ecosysteme.E001",
        )
    ]
