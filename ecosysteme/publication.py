"""What an entity publishes, declared once by its app and read by every machine-readable output.

An app declares, for each entity it publishes (acteurs.publication…), the list of its public
fields: the name each has in every output, a French label, what it means, and its kind. The
kind says how the value is read from an entry and how each output writes it; the outputs
(ecosysteme.diffusion: the API and its OpenAPI description, the downloads, the open data set)
hold no list of fields of their own. Publishing one more field is one more line there.

The mappings to outside vocabularies are not read from here: schema.org (each app's
donnees_structurees.py) and data·inclusion (ecosysteme.diffusion.data_inclusion) translate
into other people's words, field by field, and say so.
"""

from dataclasses import dataclass, field
from enum import Enum

from django.utils.translation import gettext_noop

from ecosysteme.enums import PrecisionDate


class Sorte(Enum):
    """How a published value is read, and so how each output writes it."""

    TEXTE = "texte"  # a text, as stored
    ANNEE = "annee"  # a year, or nothing
    CHOIX = "choix"  # one code among the field's choices, with its label
    ADRESSE_WEB = "adresse_web"  # a web address, published only when it is http(s)
    LIBELLES = "libelles"  # entries of a vocabulary (kinds, themes): slug and name
    FICHES = "fiches"  # entries with a profile of their own: only the published ones
    TERRITOIRE = "territoire"  # one territory
    TERRITOIRES = "territoires"  # several territories
    SOURCES = "sources"  # the documents the entry is drawn from
    DATE_HEURE = "date_heure"  # an instant, or nothing when the model's field may be empty
    DATE_PARTIELLE = "date_partielle"  # a date known to the year, the month or the day
    TELEPHONE = "telephone"  # a phone number, written in full with its country code (E.164)


# The kinds of which an entry has several, through a many-to-many relation.
PLUSIEURS = frozenset({Sorte.LIBELLES, Sorte.FICHES, Sorte.TERRITOIRES, Sorte.SOURCES})

# The outputs that read the declarations.
API = "api"  # /api/ and its OpenAPI description
TELECHARGEMENTS = "telechargements"  # the CSV and JSON downloads of each listing
DONNEES_OUVERTES = "donnees_ouvertes"  # the open data set (manage.py exporter_donnees)
PARTOUT = frozenset({API, TELECHARGEMENTS, DONNEES_OUVERTES})


@dataclass(frozen=True)
class Champ:
    """One published field of an entity."""

    nom: str  # the field's name in every output
    # The label and the meaning are French, marked with gettext_noop: the outputs write them
    # as they are, or translated (gettext) where they speak the reader's language.
    libelle: str  # a French label, for people
    # What it means, for reusers, without the final full stop: each output completes it
    # with what it says of its own writing (a list, a slug of another table…).
    description: str
    sorte: Sorte = Sorte.TEXTE
    groupe: str = ""  # the API gathers the fields of one group in one object
    sorties: frozenset = PARTOUT  # the outputs that publish it
    attribut: str = ""  # the entry's attribute, when it is not named as the field
    # The entry's boolean that publishes it, for a detail an editor must choose to publish:
    # until then every output writes it empty.
    publie_si: str = ""

    @property
    def attribut_lu(self):
        return self.attribut or self.nom

    def valeur(self, entree):
        if self.publie_si and not getattr(entree, self.publie_si):
            return None if self.sorte == Sorte.TERRITOIRE else ""
        return getattr(entree, self.attribut_lu)

    def libelle_du_choix(self, entree):
        """The label of a CHOIX's code, as the model's choices give it."""
        return getattr(entree, f"get_{self.attribut_lu}_display")()

    def liees(self, entree):
        """The linked entries, only the published ones for FICHES (read from the prefetched
        rows: no query of its own)."""
        liees = self.valeur(entree).all()
        if self.sorte == Sorte.FICHES:
            return [liee for liee in liees if liee.is_published]
        return list(liees)

    def telephone_ecrit(self, entree):
        """A TELEPHONE in full, with its country code (E.164: +33612345678), or ""."""
        numero = self.valeur(entree)
        return numero.as_e164 if numero else ""

    def date_ecrite(self, entree):
        """A DATE_PARTIELLE written no more exactly than it is known, read with the entry's
        `<attribute>_precision`."""
        return date_partielle(self.valeur(entree), getattr(entree, f"{self.attribut_lu}_precision"))


def date_partielle(valeur, precision):
    """A date written no more exactly than it is known: 2009, 2009-10 or 2009-10-20."""
    if valeur is None:
        return ""
    formats = {PrecisionDate.ANNEE: "%Y", PrecisionDate.MOIS: "%Y-%m"}
    return valeur.strftime(formats.get(precision, "%Y-%m-%d"))


@dataclass(frozen=True)
class Publication:
    """What one entity publishes: its model and its fields, in the order of every output."""

    modele: type
    champs: list = field(default_factory=list)

    def pour(self, sortie):
        """The fields one output publishes, in order."""
        return [champ for champ in self.champs if sortie in champ.sorties]

    def a_joindre(self, sortie):
        """What an output reads of these entries in the same query (select_related)."""
        return [c.attribut_lu for c in self.pour(sortie) if c.sorte == Sorte.TERRITOIRE]

    def a_precharger(self, sortie):
        """What an output reads of these entries in one query per relation (prefetch_related)."""
        return [c.attribut_lu for c in self.pour(sortie) if c.sorte in PLUSIEURS]

    def modele_champ(self, champ):
        """The model's own field behind a published one (its choices, whether it may be empty,
        what it links to)."""
        return self.modele._meta.get_field(champ.attribut_lu)


# The fields several entities publish alike.
SITE_WEB = Champ(
    "site_web",
    gettext_noop("Site web"),
    gettext_noop("Site web (http ou https)"),
    Sorte.ADRESSE_WEB,
)
THEMATIQUES = Champ(
    "thematiques", gettext_noop("Thématiques"), gettext_noop("Thématiques"), Sorte.LIBELLES
)
SOURCES = Champ(
    "sources",
    gettext_noop("Sources"),
    gettext_noop("Documents d'où viennent ces informations"),
    Sorte.SOURCES,
    sorties=frozenset({DONNEES_OUVERTES}),
)
MIS_A_JOUR = Champ(
    "mis_a_jour",
    gettext_noop("Mise à jour"),
    gettext_noop("Dernière mise à jour de la fiche"),
    Sorte.DATE_HEURE,
    sorties=frozenset({API, DONNEES_OUVERTES}),
    attribut="updated_at",
)
# Apart from the last change of content: the last time an editor confirmed the facts.
VERIFIE = Champ(
    "verifie_le",
    gettext_noop("Vérification"),
    gettext_noop(
        "Dernière vérification des informations par un éditeur (elles étaient toujours à "
        "jour) ; vide si elles n'ont jamais été vérifiées depuis leur saisie, d'après les sources"
    ),
    Sorte.DATE_HEURE,
    sorties=frozenset({API, DONNEES_OUVERTES}),
    attribut="verified_at",
)
