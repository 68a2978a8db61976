"""What an organisation publishes, in every machine-readable output (see ecosysteme.publication).

One line per public fact, in the order every output gives them. Each output adds what
identifies the entry (its address, its slug) and words of its own (a list, a slug of another
table): the descriptions here say what the value means, without the final full stop.
"""

from ecosysteme.publication import (
    MIS_A_JOUR,
    SITE_WEB,
    SOURCES,
    THEMATIQUES,
    VERIFIE,
    Champ,
    Publication,
    Sorte,
)

from .models import IDENTIFIANTS, Organisation

NUMEROS = {
    "siren": "Numéro SIREN (9 chiffres)",
    "siret": "Numéro SIRET du siège (14 chiffres)",
    "rna": "Numéro RNA d'une association (W suivi de 9 caractères)",
    "bce": "Numéro BCE/KBO d'une entreprise belge (10 chiffres)",
}

ADRESSE = {"groupe": "coordonnees", "publie_si": "adresse_is_published"}
# Its public contact details: the API gathers them in one object. The private address that
# visitors' messages are relayed to is not among them.
COORDONNEES = [
    ("adresse", "Adresse", "Adresse : numéro et voie", Sorte.TEXTE, ADRESSE),
    ("complement_adresse", "Complément d'adresse", "Complément d'adresse", Sorte.TEXTE, ADRESSE),
    ("code_postal", "Code postal", "Code postal de l'adresse", Sorte.TEXTE, ADRESSE),
    ("commune", "Commune", "Commune de l'adresse", Sorte.TERRITOIRE, ADRESSE),
    (
        "courriel",
        "Adresse électronique",
        "Adresse électronique publique",
        Sorte.TEXTE,
        {"groupe": "coordonnees", "publie_si": "courriel_is_published"},
    ),
    (
        "telephone",
        "Téléphone",
        "Téléphone, avec l'indicatif du pays (+33 6 12 34 56 78 s'écrit +33612345678)",
        Sorte.TELEPHONE,
        {"groupe": "coordonnees", "publie_si": "telephone_is_published"},
    ),
]

ORGANISATION = Publication(
    Organisation,
    [
        Champ("nom", "Nom", "Nom de l'organisation"),
        Champ("sigle", "Sigle", "Sigle, s'il y en a un"),
        Champ(
            "forme_juridique",
            "Forme juridique",
            "Forme juridique ; vide si elle n'est pas connue",
            Sorte.CHOIX,
        ),
        Champ(
            "types",
            "Types d'activité",
            "Types d'activité (CAE, PTCE, incubateur…), indépendants de la forme juridique",
            Sorte.LIBELLES,
        ),
        Champ("siege", "Siège", "Territoire du siège", Sorte.TERRITOIRE),
        Champ(
            "territoires_action", "Territoires d'action", "Territoires d'action", Sorte.TERRITOIRES
        ),
        THEMATIQUES,
        Champ("annee_creation", "Année de création", "Année de création", Sorte.ANNEE),
        Champ("annee_fin", "Année de fin", "Année de dissolution ou de fusion", Sorte.ANNEE),
        Champ(
            "date_cessation",
            "A cessé son activité le",
            "Date à laquelle elle a cessé son activité (2025-03-03), quand elle est connue au "
            "jour ; vide sinon. Une organisation qui a une année de fin ou cette date a cessé son "
            "activité",
            Sorte.DATE_PARTIELLE,
        ),
        SITE_WEB,
        *(Champ(nom, nom.upper(), NUMEROS[nom], groupe="identifiants") for nom in IDENTIFIANTS),
        Champ("description", "Présentation", "Présentation de l'organisation"),
        *(
            Champ(
                nom,
                libelle,
                f"{sens} ; écrit seulement si un éditeur l'a publié, vide sinon",
                sorte,
                **contact,
            )
            for nom, libelle, sens, sorte, contact in COORDONNEES
        ),
        SOURCES,
        MIS_A_JOUR,
        VERIFIE,
    ],
)
