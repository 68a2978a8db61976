"""What the official registries' importers share: a registry's entry as read (FicheRegistre),
the error that stops an import (ErreurRegistre), and integrer(), which brings the entries
into the directory.

A new entry is created at once; a change to an existing one is never applied silently: it
becomes a proposal in the editors' queue (ecosysteme.models.Proposition), field by field, with
the registry's file as its source. Everything happens in one transaction: an error anywhere in
the file changes nothing.
"""

import dataclasses
import datetime
import json
from collections.abc import Callable, Iterable
from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from modeltranslation.utils import get_translation_fields

from ecosysteme.enums import EtatProposition, NiveauTerritoire
from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.models import CHAINE_PARENTS, Proposition, Source, Territoire
from ecosysteme.recherche.indexation import ajouter_au_vocabulaire

from ..models import IDENTIFIANTS, Organisation, TerritoireCouvert
from ..recherche import documenter_organisation, territoires_couverts

TAILLE_LOT = 2000

# An organisation's official name in each language a registry may give (the BCE's).
NOMS_OFFICIELS = get_translation_fields("nom_officiel")

# The fields a registry may set or propose, in the order the editors read them. The seat's
# commune is a foreign key: a proposal holds its primary key.
CHAMPS_REGISTRE = [
    "nom",
    *NOMS_OFFICIELS,
    "sigle",
    "forme_juridique",
    "annee_creation",
    "date_cessation",
    "adresse",
    "code_postal",
    "commune",
    "code_activite",
    "tranche_effectif",
    "latitude",
    "longitude",
    "courriel",
    "telephone",
    "site_web",
    *IDENTIFIANTS,
]


@dataclasses.dataclass
class FicheRegistre:
    registre: str  # "sirene", "rna", "bce"
    ligne: int  # the row number in its file (for error messages)
    siren: str = ""
    siret: str = ""
    rna: str = ""
    bce: str = ""
    nom: str = ""
    sigle: str = ""
    forme_juridique: str = ""  # a value of acteurs.enums.FormeJuridique, "" if unknown
    date_creation: datetime.date | None = None  # stored as Organisation.annee_creation
    date_cessation: datetime.date | None = None  # ceased / dissolved / stopped
    adresse: str = ""
    code_postal: str = ""
    code_commune: str = ""  # INSEE commune code (FR) or NIS code (BE)
    code_activite: str = ""  # NAF (FR) / NACE-BEL (BE) code
    tranche_effectif: str = ""  # INSEE headcount band code
    latitude: float | None = None
    longitude: float | None = None
    courriel: str = ""
    telephone: str = ""
    site_web: str = ""


class ErreurRegistre(Exception):
    """French message naming file, row and column."""


@dataclasses.dataclass
class Bilan:
    """What an import did, entry by entry."""

    crees: int = 0
    propositions: int = 0
    fermetures: int = 0
    inchanges: int = 0
    erreurs: int = 0

    @property
    def lues(self):
        return self.crees + self.propositions + self.fermetures + self.inchanges + self.erreurs

    def __str__(self):
        return (
            f"{self.crees} créée(s), {self.propositions} proposition(s) de modification, "
            f"{self.fermetures} fermeture(s) proposée(s), {self.inchanges} inchangée(s), "
            f"{self.erreurs} erreur(s)"
        )


def integrer(
    fiches: Iterable[FicheRegistre],
    *,
    source: Source,
    publier: bool = False,
    progression: Callable[[Bilan], None] | None = None,
) -> Bilan:
    """Streams FicheRegistre objects into the directory in batches: a new entry is created
    (published or draft as `publier` says); a change to an existing entry (matched by
    identifier: siret, siren, rna, bce) becomes a moderation Proposition field by field,
    never applied silently; a date_cessation on an existing open entry becomes a proposed
    closure. Idempotent: running the same file again changes nothing. Returns a Bilan
    (counts: crees, propositions, fermetures, inchanges, erreurs)."""
    bilan = Bilan()
    integration = _Integration(source=source, publier=publier, bilan=bilan)
    fiches = iter(fiches)
    with transaction.atomic():
        while lot := list(islice(fiches, TAILLE_LOT)):
            integration.lot(lot)
            if progression is not None:
                progression(bilan)
    return bilan


def valeurs_de_fiche(fiche, communes):
    """The values a registry's entry gives, by field of Organisation (attname for the commune),
    as a proposal stores them (JSON); the empty ones left out: they never blank a field."""
    commune = communes.get(fiche.code_commune)
    valeurs = {
        "nom": fiche.nom[:200],
        **{champ: getattr(fiche, champ, "")[:200] for champ in NOMS_OFFICIELS},
        "sigle": fiche.sigle[:50],
        "forme_juridique": fiche.forme_juridique,
        "annee_creation": fiche.date_creation.year if fiche.date_creation else None,
        "date_cessation": fiche.date_cessation.isoformat() if fiche.date_cessation else None,
        "adresse": fiche.adresse[:200],
        "code_postal": fiche.code_postal,
        "commune": commune.pk if commune else None,
        "code_activite": fiche.code_activite,
        "tranche_effectif": fiche.tranche_effectif,
        "latitude": fiche.latitude,
        "longitude": fiche.longitude,
        "courriel": fiche.courriel,
        "telephone": fiche.telephone,
        "site_web": fiche.site_web,
        **{champ: getattr(fiche, champ) for champ in IDENTIFIANTS},
    }
    return {champ: v for champ, v in valeurs.items() if v not in (None, "")}


def en_json(valeur):
    """A value as a proposal stores it: a legal form (a TextChoices member) and the plain string
    read back from the database compare equal."""
    return json.dumps(valeur, sort_keys=True)


def deja_propose(champ, valeur):
    """What makes a registry's value the same as one proposed before: its field and value; for a
    closure, the field alone (a registry that says when it last saw an entry stopped, not when it
    stopped, gives another date with each new file)."""
    return (champ, None if champ == "date_cessation" else en_json(valeur))


def valeurs_actuelles(organisation):
    """The same fields of an existing entry, as JSON."""
    valeurs = {}
    for champ in CHAMPS_REGISTRE:
        valeur = getattr(organisation, Organisation._meta.get_field(champ).attname)
        if isinstance(valeur, datetime.date):
            valeur = valeur.isoformat()
        elif valeur is not None and not isinstance(valeur, (str, int, float)):
            valeur = str(valeur)  # a phone number
        valeurs[champ] = valeur
    return valeurs


BASIQUES = (str, int, float, bool, type(None), datetime.date)


def inserer(organisations):
    """Inserts new entries and sets their primary keys: on PostgreSQL with COPY, the keys
    drawn from the table's sequence first (bulk_create would prepare each value through its
    field, which costs more than the database spends inserting it); elsewhere bulk_create."""
    if connection.vendor != "postgresql":
        Organisation.objects.bulk_create(organisations)
        return
    table = Organisation._meta.db_table
    with connection.cursor() as curseur:
        curseur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(organisations)],
        )
        for organisation, (pk,) in zip(organisations, curseur.fetchall(), strict=True):
            organisation.pk = pk
    maintenant = timezone.now()
    champs = Organisation._meta.concrete_fields
    lignes = []
    for organisation in organisations:
        organisation.created_at = organisation.updated_at = maintenant
        organisation._state.adding = False
        ligne = []
        for champ in champs:
            valeur = getattr(organisation, champ.attname)
            if not isinstance(valeur, BASIQUES):
                valeur = champ.get_db_prep_save(valeur, connection)
            ligne.append(valeur)
        lignes.append(ligne)
    copier(Organisation, [c.attname for c in champs], lignes)


def copier(modele, colonnes, lignes):
    """Inserts rows of values ready for the database: COPY on PostgreSQL, else executemany."""
    if not lignes:
        return
    nom = connection.ops.quote_name
    table = nom(modele._meta.db_table)
    liste = ", ".join(nom(modele._meta.get_field(c).column) for c in colonnes)
    with connection.cursor() as curseur:
        if connection.vendor == "postgresql":
            with curseur.copy(f"COPY {table} ({liste}) FROM STDIN") as copie:
                for ligne in lignes:
                    copie.write_row(ligne)
        else:
            marques = ", ".join(["%s"] * len(colonnes))
            curseur.executemany(f"INSERT INTO {table} ({liste}) VALUES ({marques})", lignes)


def slug_de(organisation):
    """A new entry's slug: its name and its first identifier, unique as the identifier is."""
    identifiant = next(
        (getattr(organisation, c) for c in IDENTIFIANTS if getattr(organisation, c)), ""
    )
    return slugify(f"{organisation.nom[:150]} {identifiant}") or identifiant or "organisation"


@dataclasses.dataclass
class _Integration:
    source: Source
    publier: bool
    bilan: Bilan
    communes: dict = dataclasses.field(default_factory=dict)  # code → Territoire or None
    is_changed: bool = False

    def __post_init__(self):
        self.type_fiche = ContentType.objects.get_for_model(Organisation)

    def lot(self, fiches):
        self.charger_communes({f.code_commune for f in fiches if f.code_commune})
        existantes = self.existantes(fiches)
        nouvelles, vues = [], {}
        changements = {}  # organisation pk → (organisation, values proposed)
        for fiche in fiches:
            organisation = self.correspondante(fiche, existantes) or self.correspondante(
                fiche, vues
            )
            valeurs = valeurs_de_fiche(fiche, self.communes)
            if organisation is None:
                organisation = self.nouvelle(fiche, valeurs)
                nouvelles.append(organisation)
                for champ in IDENTIFIANTS:
                    if getattr(organisation, champ):
                        vues[(champ, getattr(organisation, champ))] = organisation
            elif organisation.pk is None:
                self.bilan.inchanges += 1  # twice in the file: its first row counts
            else:
                _, proposees = changements.setdefault(organisation.pk, (organisation, {}))
                proposees.update(self.differences(organisation, valeurs))
        self.creer(nouvelles)
        self.proposer(changements)

    def charger_communes(self, codes):
        codes -= self.communes.keys()
        if not codes:
            return
        trouvees = Territoire.objects.filter(
            niveau=NiveauTerritoire.COMMUNE, code__in=codes
        ).select_related(CHAINE_PARENTS)
        for territoire in trouvees:
            self.communes[territoire.code] = territoire
        for code in codes:
            self.communes.setdefault(code, None)

    def existantes(self, fiches):
        """The existing entries these entries match, by (identifier, value)."""
        condition = Q()
        for champ in IDENTIFIANTS:
            valeurs = {getattr(f, champ) for f in fiches} - {""}
            if valeurs:
                # Said again, the condition of the identifier's partial unique index lets
                # PostgreSQL use it for a long list of values.
                condition |= Q(**{f"{champ}__in": valeurs}) & ~Q(**{champ: ""})
        if not condition:
            return {}
        trouvees = (
            Organisation.objects.filter(condition)
            .order_by()
            .only("pk", "annee_fin", *CHAMPS_REGISTRE)
        )
        return {
            (champ, getattr(o, champ)): o
            for o in trouvees
            for champ in IDENTIFIANTS
            if getattr(o, champ)
        }

    @staticmethod
    def correspondante(fiche, organisations):
        for champ in ("siret", "siren", "rna", "bce"):
            valeur = getattr(fiche, champ)
            if valeur and (champ, valeur) in organisations:
                return organisations[(champ, valeur)]
        return None

    def nouvelle(self, fiche, valeurs):
        organisation = Organisation(is_published=self.publier, nom=fiche.nom[:200] or "?")
        for champ, valeur in valeurs.items():
            setattr(organisation, Organisation._meta.get_field(champ).attname, valeur)
        organisation.date_cessation = fiche.date_cessation
        organisation.siege = organisation.commune = self.communes.get(fiche.code_commune)
        return organisation

    def differences(self, organisation, valeurs):
        """The values that differ from the entry's, never proposed before from a registry
        for it (accepted, pending or refused: an editor's decision stands)."""
        actuelles = valeurs_actuelles(organisation)
        differentes = {c: v for c, v in valeurs.items() if v != actuelles[c]}
        if "date_cessation" in differentes and organisation.is_closed:
            del differentes["date_cessation"]  # already closed: its date is the editors'
        for champ in NOMS_OFFICIELS:
            if differentes.get(champ) == organisation.nom:
                del differentes[champ]  # the name it goes by already says it
        return differentes

    def creer(self, organisations):
        if not organisations:
            return
        bases = [slug_de(o) for o in organisations]
        prises = set(
            Organisation.objects.filter(slug__in=bases).order_by().values_list("slug", flat=True)
        )
        for organisation, base in zip(organisations, bases, strict=True):
            slug, numero = base, 1
            while slug in prises:
                numero += 1
                slug = f"{base}-{numero}"
            prises.add(slug)
            organisation.slug = slug
        textes = []
        for organisation in organisations:
            textes += documenter_organisation(
                organisation, types=[], thematiques=[], territoires_action=[], personnes=[]
            )
        inserer(organisations)
        lien = Organisation.sources.through
        copier(
            lien, ["organisation_id", "source_id"], [(o.pk, self.source.pk) for o in organisations]
        )
        couverts = [c for o in organisations if o.siege_id for c in territoires_couverts(o, [])]
        copier(
            TerritoireCouvert,
            ["organisation_id", "territoire_id"],
            [(c.organisation_id, c.territoire_id) for c in couverts],
        )
        ajouter_au_vocabulaire(textes)
        # Bulk inserts send no signal: the listings are told which entries are new.
        donnees_modifiees(modele=Organisation, cles=[o.pk for o in organisations])
        self.bilan.crees += len(organisations)
        self.is_changed = True

    def proposer(self, changements):
        deja = {}  # organisation pk → {(field, value)} proposed before from a registry
        proposees_avant = Proposition.objects.filter(
            type_fiche=self.type_fiche, fiche_id__in=changements, source__isnull=False
        ).values_list("fiche_id", "valeurs")
        for fiche_id, valeurs in proposees_avant:
            deja.setdefault(fiche_id, set()).update(deja_propose(c, v) for c, v in valeurs.items())
        maintenant = timezone.now()
        propositions = []
        for pk, (organisation, valeurs) in changements.items():
            nouvelles = {
                c: v for c, v in valeurs.items() if deja_propose(c, v) not in deja.get(pk, set())
            }
            if not nouvelles:
                self.bilan.inchanges += 1
                continue
            actuelles = valeurs_actuelles(organisation)
            propositions.append(
                Proposition(
                    type_fiche=self.type_fiche,
                    fiche_id=pk,
                    valeurs=nouvelles,
                    valeurs_initiales={c: actuelles[c] for c in nouvelles},
                    commentaire=f"D'après {self.source.titre}.",
                    source=self.source,
                    etat=EtatProposition.NOUVELLE,
                    confirmed_at=maintenant,
                )
            )
            if "date_cessation" in nouvelles:
                self.bilan.fermetures += 1
            else:
                self.bilan.propositions += 1
        Proposition.objects.bulk_create(propositions)
