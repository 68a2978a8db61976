"""What a programme publishes, in every machine-readable output (see ecosysteme.publication).

One line per public fact, in the order every output gives them; the descriptions say what the
value means, without the final full stop.
"""

from django.utils.translation import gettext_lazy as _

from ecosysteme.publication import (
    API,
    DONNEES_OUVERTES,
    MIS_A_JOUR,
    SITE_WEB,
    SOURCES,
    TELECHARGEMENTS,
    THEMATIQUES,
    VERIFIE,
    Champ,
    Publication,
    Sorte,
)

from .models import Dispositif

DISPOSITIF = Publication(
    Dispositif,
    [
        Champ("nom", _("Nom"), _("Nom du dispositif")),
        # The API and the downloads have always called it « type », the open data set « nature ».
        Champ(
            "type",
            _("Type"),
            _("Type de dispositif"),
            Sorte.CHOIX,
            sorties=frozenset({API, TELECHARGEMENTS}),
            attribut="nature",
        ),
        Champ(
            "nature",
            _("Type"),
            _("Type de dispositif"),
            Sorte.CHOIX,
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        Champ(
            "famille",
            _("Famille"),
            _("Programme, événement ou ressource : « programme », « evenement » ou « ressource »"),
        ),
        Champ("porteurs", _("Porteurs"), _("Organisations qui le portent"), Sorte.FICHES),
        Champ("partenaires", _("Partenaires"), _("Organisations partenaires"), Sorte.FICHES),
        Champ(
            "territoires", _("Territoires"), _("Territoires où il est proposé"), Sorte.TERRITOIRES
        ),
        THEMATIQUES,
        Champ("lieu", _("Lieu"), _("Lieu d'un événement, comme la source le dit")),
        Champ("public", _("Public"), _("Public visé")),
        Champ("candidature", _("Candidature"), _("Comment candidater à un programme")),
        Champ(
            "candidature_url",
            _("Adresse pour candidater"),
            _("Page où candidater (http ou https)"),
            Sorte.ADRESSE_WEB,
        ),
        Champ("contact", _("Contact"), _("Qui contacter, tel que c'est publié")),
        Champ(
            "periode",
            _("Période"),
            _("Période, en toutes lettres : « depuis 2019 », « 2015 – 2020 »"),
            sorties=frozenset({API}),
        ),
        Champ(
            "etapes",
            _("Étapes"),
            _("Étapes du parcours proposé, une par ligne"),
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        SITE_WEB,
        Champ("description", _("Présentation"), _("Présentation du dispositif")),
        Champ(
            "debut",
            _("Début"),
            _(
                "Début, aussi précis que la source : année (2009), mois (2009-10) ou jour "
                "(2009-10-20)"
            ),
            Sorte.DATE_PARTIELLE,
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        Champ(
            "fin",
            _("Fin"),
            _("Fin, même écriture que le début ; vide si elle n'est pas connue"),
            Sorte.DATE_PARTIELLE,
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        SOURCES,
        MIS_A_JOUR,
        VERIFIE,
    ],
)
