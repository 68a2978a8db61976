"""What an organisation publishes, in every machine-readable output (see ecosysteme.publication).

One line per public fact, in the order every output gives them. Each output adds what
identifies the entry (its address, its slug) and words of its own (a list, a slug of another
table): the descriptions here say what the value means, without the final full stop.
"""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

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

# The labels are marked for the catalogues but kept in French here (gettext_noop): the open
# data set's descriptor is written by json, which takes only text. The descriptions are lazy.
NUMEROS = {
    "siren": _("Numéro SIREN (9 chiffres)"),
    "siret": _("Numéro SIRET du siège (14 chiffres)"),
    "rna": _("Numéro RNA d'une association (W suivi de 9 caractères)"),
    "bce": _("Numéro BCE/KBO d'une entreprise belge (10 chiffres)"),
}

ADRESSE = {"groupe": "coordonnees", "publie_si": "adresse_is_published"}
# Its public contact details: the API gathers them in one object. The private address that
# visitors' messages are relayed to is not among them.
COORDONNEES = [
    ("adresse", gettext_noop("Adresse"), _("Adresse : numéro et voie"), Sorte.TEXTE, ADRESSE),
    (
        "complement_adresse",
        gettext_noop("Complément d'adresse"),
        _("Complément d'adresse"),
        Sorte.TEXTE,
        ADRESSE,
    ),
    (
        "code_postal",
        gettext_noop("Code postal"),
        _("Code postal de l'adresse"),
        Sorte.TEXTE,
        ADRESSE,
    ),
    ("commune", gettext_noop("Commune"), _("Commune de l'adresse"), Sorte.TERRITOIRE, ADRESSE),
    (
        "courriel",
        gettext_noop("Adresse électronique"),
        _("Adresse électronique publique"),
        Sorte.TEXTE,
        {"groupe": "coordonnees", "publie_si": "courriel_is_published"},
    ),
    (
        "telephone",
        gettext_noop("Téléphone"),
        _("Téléphone, avec l'indicatif du pays (+33 6 12 34 56 78 s'écrit +33612345678)"),
        Sorte.TELEPHONE,
        {"groupe": "coordonnees", "publie_si": "telephone_is_published"},
    ),
]

ORGANISATION = Publication(
    Organisation,
    [
        Champ("nom", gettext_noop("Nom"), _("Nom de l'organisation")),
        Champ("sigle", gettext_noop("Sigle"), _("Sigle, s'il y en a un")),
        Champ(
            "forme_juridique",
            gettext_noop("Forme juridique"),
            _("Forme juridique ; vide si elle n'est pas connue"),
            Sorte.CHOIX,
        ),
        Champ(
            "types",
            gettext_noop("Types d'activité"),
            _("Types d'activité (CAE, PTCE, incubateur…), indépendants de la forme juridique"),
            Sorte.LIBELLES,
        ),
        Champ("siege", gettext_noop("Siège"), _("Territoire du siège"), Sorte.TERRITOIRE),
        Champ(
            "territoires_action",
            gettext_noop("Territoires d'action"),
            _("Territoires d'action"),
            Sorte.TERRITOIRES,
        ),
        THEMATIQUES,
        Champ(
            "annee_creation", gettext_noop("Année de création"), _("Année de création"), Sorte.ANNEE
        ),
        Champ(
            "annee_fin",
            gettext_noop("Année de fin"),
            _("Année de dissolution ou de fusion"),
            Sorte.ANNEE,
        ),
        Champ(
            "date_cessation",
            gettext_noop("A cessé son activité le"),
            _(
                "Date à laquelle elle a cessé son activité (2025-03-03), quand elle est connue "
                "au jour ; vide sinon. Une organisation qui a une année de fin ou cette date a "
                "cessé son activité"
            ),
            Sorte.DATE_PARTIELLE,
        ),
        SITE_WEB,
        *(Champ(nom, nom.upper(), NUMEROS[nom], groupe="identifiants") for nom in IDENTIFIANTS),
        Champ("description", gettext_noop("Présentation"), _("Présentation de l'organisation")),
        *(
            Champ(
                nom,
                libelle,
                format_lazy(
                    _("{sens} ; écrit seulement si un éditeur l'a publié, vide sinon"), sens=sens
                ),
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
