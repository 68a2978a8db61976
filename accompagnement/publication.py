"""What a programme publishes, in every machine-readable output (see ecosysteme.publication).

One line per public fact, in the order every output gives them; the descriptions say what the
value means, without the final full stop.
"""

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
        Champ("nom", "Nom", "Nom du dispositif"),
        # The API and the downloads have always called it « type », the open data set « nature ».
        Champ(
            "type",
            "Type",
            "Type de dispositif",
            Sorte.CHOIX,
            sorties=frozenset({API, TELECHARGEMENTS}),
            attribut="nature",
        ),
        Champ(
            "nature",
            "Type",
            "Type de dispositif",
            Sorte.CHOIX,
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        Champ(
            "famille",
            "Famille",
            "Programme, événement ou ressource : « programme », « evenement » ou « ressource »",
        ),
        Champ("porteurs", "Porteurs", "Organisations qui le portent", Sorte.FICHES),
        Champ("partenaires", "Partenaires", "Organisations partenaires", Sorte.FICHES),
        Champ("territoires", "Territoires", "Territoires où il est proposé", Sorte.TERRITOIRES),
        THEMATIQUES,
        Champ("lieu", "Lieu", "Lieu d'un événement, comme la source le dit"),
        Champ("public", "Public", "Public visé"),
        Champ("candidature", "Candidature", "Comment candidater à un programme"),
        Champ(
            "candidature_url",
            "Adresse pour candidater",
            "Page où candidater (http ou https)",
            Sorte.ADRESSE_WEB,
        ),
        Champ("contact", "Contact", "Qui contacter, tel que c'est publié"),
        Champ(
            "periode",
            "Période",
            "Période, en toutes lettres : « depuis 2019 », « 2015 – 2020 »",
            sorties=frozenset({API}),
        ),
        Champ(
            "etapes",
            "Étapes",
            "Étapes du parcours proposé, une par ligne",
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        SITE_WEB,
        Champ("description", "Présentation", "Présentation du dispositif"),
        Champ(
            "debut",
            "Début",
            "Début, aussi précis que la source : année (2009), mois (2009-10) ou jour (2009-10-20)",
            Sorte.DATE_PARTIELLE,
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        Champ(
            "fin",
            "Fin",
            "Fin, même écriture que le début ; vide si elle n'est pas connue",
            Sorte.DATE_PARTIELLE,
            sorties=frozenset({DONNEES_OUVERTES}),
        ),
        SOURCES,
        MIS_A_JOUR,
        VERIFIE,
    ],
)
