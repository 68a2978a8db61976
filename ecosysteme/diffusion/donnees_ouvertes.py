"""The whole directory as an open data set: one CSV per table, described for its reusers.

Only what the public pages show goes out: published entries, the roles and relations between
published entries, and a person's contact details only when an editor published them. The
tables, their columns and what each column means are declared once below (an organisation's
facts, as its app declares it publishes them: acteurs.publication); the CSV files, the
Frictionless descriptor (datapackage.json) and the LISEZMOI.md are all written from them.
"""

import json
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timezone as dt_timezone
from pathlib import Path

from django.db import connection, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from accompagnement.models import Dispositif
from accompagnement.publication import DISPOSITIF
from acteurs.enums import CategorieFonction, TypeRelation
from acteurs.models import Fonction, Organisation, Personne, Relation
from acteurs.publication import ORGANISATION
from ecosysteme.diffusion.exports import LOT, EcrivainCsv
from ecosysteme.enums import NatureSource, NiveauTerritoire
from ecosysteme.models import Source, Territoire
from ecosysteme.publication import DONNEES_OUVERTES, Sorte, date_partielle
from ecosysteme.textes import lien_sur

SEPARATEUR = " | "
LICENCES = {
    "etalab-2.0": {
        "name": "etalab-2.0",
        "title": "Licence Ouverte / Open Licence version 2.0",
        "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    },
    "odbl-1.0": {
        "name": "ODbL-1.0",
        "title": "Open Data Commons Open Database License (ODbL) 1.0",
        "path": "https://opendatacommons.org/licenses/odbl/1-0/",
    },
}
LICENCE_PAR_DEFAUT = "etalab-2.0"
NOM_PAQUET = "ecosysteme-annuaire-ess"
TITRE_PAQUET = "Écosystème : annuaire des acteurs de l'économie sociale et solidaire"


@dataclass
class Colonne:
    nom: str
    type: str  # a Frictionless field type: string, integer, year, date, datetime, boolean
    description: str
    valeur: object  # entry -> value; None and "" are written as an empty cell
    reference: str = ""  # "table" when the column holds the slug of an entry of that table
    titre: str = ""  # a label for people, when the entity's publication gives one


@dataclass
class Table:
    nom: str
    description: str
    entrees: object  # () -> queryset, ordered so that two exports of the same data are equal
    colonnes: list = field(default_factory=list)
    cle: str = "slug"


def valeurs_possibles(choix):
    return "Valeurs : " + ", ".join(f"`{code}` ({libelle})" for code, libelle in choix) + "."


def slugs(relation):
    return SEPARATEUR.join(objet.slug for objet in relation.all())


def noms(relation):
    return SEPARATEUR.join(objet.nom for objet in relation.all())


def instant(valeur):
    if valeur is None:  # an instant that may be empty: never verified, say
        return ""
    return valeur.astimezone(dt_timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def adresse(objet, base):
    return base.rstrip("/") + objet.get_absolute_url()


def organisations_publiees():
    return Organisation.objects.published()


# The note on the neutralised cells (ecosysteme.diffusion.exports.EcrivainCsv), for the reusers.
APOSTROPHE = (
    "Chaque cellule est entre guillemets. Une valeur qui commence par =, +, -, @, une "
    "tabulation ou un retour chariot est écrite précédée d'une apostrophe ('), pour qu'un "
    "tableur ne l'exécute pas comme une formule (recommandation de l'OWASP contre "
    "l'injection de formules) : un téléphone « +33 1 23 45 67 89 » s'écrit "
    "« '+33 1 23 45 67 89 ». Pour retrouver la valeur, retirez cette apostrophe initiale "
    "quand elle est suivie de l'un de ces caractères."
)
LISTE = f"plusieurs valeurs séparées par « {SEPARATEUR.strip()} »"
SOURCES = Colonne(
    "sources",
    "string",
    f"Documents d'où viennent ces informations : slugs de sources.csv ({LISTE}).",
    lambda o, base: slugs(o.sources),
)
MIS_A_JOUR = Colonne(
    "mis_a_jour",
    "datetime",
    "Dernière mise à jour de la fiche (UTC).",
    lambda o, base: instant(o.updated_at),
)
DEBUT = Colonne(
    "debut",
    "string",
    "Début, aussi précis que la source : année (2009), mois (2009-10) ou jour (2009-10-20).",
    lambda o, base: date_partielle(o.debut, o.debut_precision),
)
FIN = Colonne(
    "fin",
    "string",
    "Fin, même écriture que le début ; vide si elle n'est pas connue.",
    lambda o, base: date_partielle(o.fin, o.fin_precision),
)


def colonne_slug(genre):
    return Colonne(
        "slug",
        "string",
        f"Identifiant {genre}, tel que dans l'adresse de sa fiche.",
        lambda o, base: o.slug,
    )


def colonne_url(genre):
    return Colonne("url", "string", f"Adresse de la fiche {genre} sur le site.", adresse)


def texte(nom, description, attribut=None):
    return Colonne(nom, "string", description, lambda o, base: getattr(o, attribut or nom))


def adresse_web(nom, description):
    """An address column: empty unless the address is http(s)."""
    return Colonne(nom, "string", description, lambda o, base: lien_sur(getattr(o, nom)))


def colonne_publiee(publication, champ):
    """The column of one published field (ecosysteme.publication), as this data set writes it."""
    colonne = colonne_de_la_sorte(publication, champ)
    colonne.titre = champ.libelle
    return colonne


def colonne_de_la_sorte(publication, champ):
    nom, sens = champ.nom, champ.description
    lire = champ.valeur
    if champ.sorte == Sorte.CHOIX:
        choix = publication.modele_champ(champ).choices
        return Colonne(
            nom, "string", f"{sens}. {valeurs_possibles(choix)}", lambda o, base: lire(o)
        )
    if champ.sorte == Sorte.TERRITOIRE:

        def slug_du_territoire(o, base):
            territoire = lire(o)
            return territoire.slug if territoire else ""

        return Colonne(
            nom, "string", f"{sens} : slug de territoires.csv.", slug_du_territoire, "territoires"
        )
    if champ.sorte in TABLES_LIEES:
        # The tables of the set are named after their model, in the plural.
        table = publication.modele_champ(champ).related_model._meta.model_name + "s"
        description = f"{sens} : slugs de {table}.csv ({LISTE})."
        return Colonne(
            nom,
            "string",
            description,
            lambda o, base: SEPARATEUR.join(liee.slug for liee in champ.liees(o)),
        )
    if champ.sorte == Sorte.DATE_PARTIELLE:
        return Colonne(nom, "string", sens + ".", lambda o, base: champ.date_ecrite(o))
    if champ.sorte == Sorte.TELEPHONE:
        return Colonne(nom, "string", sens + ".", lambda o, base: champ.telephone_ecrit(o))
    type_, ecrire, suite = ECRITURES[champ.sorte]
    return Colonne(nom, type_, sens + suite, lambda o, base: ecrire(lire(o)))


# The kinds whose entries are written as slugs of another table of the set.
TABLES_LIEES = {Sorte.FICHES, Sorte.TERRITOIRES, Sorte.SOURCES}
# For the other kinds: (Frictionless type, how a value is written, end of the description).
ECRITURES = {
    Sorte.TEXTE: ("string", lambda valeur: valeur, "."),
    Sorte.ANNEE: ("year", lambda valeur: valeur, "."),
    Sorte.ADRESSE_WEB: ("string", lien_sur, "."),
    Sorte.LIBELLES: ("string", noms, f" ({LISTE})."),
    Sorte.DATE_HEURE: ("datetime", instant, " (UTC)."),
}


def colonnes_publiees(publication):
    return [colonne_publiee(publication, c) for c in publication.pour(DONNEES_OUVERTES)]


TABLES = [
    Table(
        "organisations",
        "Les organisations de l'ESS : coopératives, associations, réseaux, collectivités…",
        lambda: (
            organisations_publiees()
            .select_related(*ORGANISATION.a_joindre(DONNEES_OUVERTES))
            .prefetch_related(*ORGANISATION.a_precharger(DONNEES_OUVERTES))
            .order_by("slug")
        ),
        [
            colonne_slug("de l'organisation"),
            colonne_url("de l'organisation"),
            *colonnes_publiees(ORGANISATION),
        ],
    ),
    Table(
        "personnes",
        "Les personnes qui occupent ou ont occupé une fonction dans une organisation.",
        lambda: Personne.objects.published().prefetch_related("sources").order_by("slug"),
        [
            colonne_slug("de la personne"),
            colonne_url("de la personne"),
            texte("prenom", "Prénom."),
            texte("nom", "Nom de famille ; vide pour une personne que la source ne nomme pas."),
            texte(
                "designation",
                "Pour une personne que la source ne nomme pas : comment elle "
                "la désigne (« la coordinatrice de COOPCITY »).",
            ),
            texte("biographie", "Parcours."),
            # Personal data: only what an editor chose to publish, as the profile shows it.
            Colonne(
                "email",
                "string",
                "Adresse électronique, seulement si un éditeur l'a publiée avec l'accord de "
                "la personne ou parce qu'elle l'a elle-même rendue publique.",
                lambda p, base: p.email if p.contact_is_published else "",
            ),
            Colonne(
                "telephone",
                "string",
                "Téléphone, aux mêmes conditions.",
                lambda p, base: p.telephone if p.contact_is_published else "",
            ),
            SOURCES,
            MIS_A_JOUR,
        ],
    ),
    Table(
        "fonctions",
        "Les fonctions des personnes dans les organisations (gérant, présidente…).",
        lambda: (
            Fonction.objects.filter(personne__is_published=True, organisation__is_published=True)
            .select_related("personne", "organisation")
            .prefetch_related("sources")
            .order_by("personne__slug", "organisation__slug", "intitule")
        ),
        [
            Colonne(
                "personne",
                "string",
                "La personne : slug de personnes.csv.",
                lambda f, base: f.personne.slug,
                reference="personnes",
            ),
            Colonne(
                "organisation",
                "string",
                "L'organisation : slug de organisations.csv.",
                lambda f, base: f.organisation.slug,
                reference="organisations",
            ),
            texte("intitule", "Intitulé de la fonction, tel que la source le donne."),
            Colonne(
                "categorie",
                "string",
                valeurs_possibles(CategorieFonction.choices),
                lambda f, base: f.categorie,
            ),
            DEBUT,
            FIN,
            Colonne(
                "terminee",
                "boolean",
                "Vrai quand la fonction a pris fin, même sans date de fin connue.",
                lambda f, base: f.fin is not None or f.terminee,
            ),
            texte("note", "Précisions."),
            SOURCES,
        ],
        cle="",
    ),
    Table(
        "relations",
        "Les liens entre organisations, orientés de `source` vers `cible` : « source est "
        "membre de cible ».",
        lambda: (
            Relation.objects.filter(source__is_published=True, cible__is_published=True)
            .select_related("source", "cible")
            .prefetch_related("sources")
            .order_by("source__slug", "type", "cible__slug")
        ),
        [
            Colonne(
                "source",
                "string",
                "L'organisation d'où part le lien : slug de organisations.csv.",
                lambda r, base: r.source.slug,
                reference="organisations",
            ),
            Colonne(
                "type",
                "string",
                "Type du lien, qui se lit de la source vers la cible ; `partenaire` et "
                "`mutualisation` se lisent dans les deux sens. "
                + valeurs_possibles(TypeRelation.choices),
                lambda r, base: r.type,
            ),
            Colonne(
                "cible",
                "string",
                "L'organisation où arrive le lien : slug de organisations.csv.",
                lambda r, base: r.cible.slug,
                reference="organisations",
            ),
            DEBUT,
            FIN,
            texte("description", "Précisions sur le lien."),
            SOURCES,
        ],
        cle="",
    ),
    Table(
        "dispositifs",
        "Les dispositifs d'accompagnement portés par des organisations.",
        lambda: (
            Dispositif.objects.published()
            .prefetch_related(
                # The organisations linked are written in the order of organisations.csv.
                *(
                    Prefetch(nom, queryset=organisations_publiees().order_by("slug"))
                    if nom in ("porteurs", "partenaires")
                    else nom
                    for nom in DISPOSITIF.a_precharger(DONNEES_OUVERTES)
                )
            )
            .order_by("slug")
        ),
        [
            colonne_slug("du dispositif"),
            colonne_url("du dispositif"),
            *colonnes_publiees(DISPOSITIF),
        ],
    ),
    Table(
        "territoires",
        "Les territoires, du pays à la commune, chacun rattaché à son parent.",
        lambda: Territoire.objects.select_related("parent").order_by("slug"),
        [
            colonne_slug("du territoire"),
            colonne_url("du territoire"),
            texte("nom", "Nom du territoire."),
            Colonne(
                "niveau",
                "string",
                valeurs_possibles(NiveauTerritoire.choices),
                lambda t, base: t.niveau,
            ),
            texte("code", "Code officiel : INSEE (France), INS/NIS (Belgique) ou ISO (pays)."),
            Colonne(
                "parent",
                "string",
                "Territoire parent : slug de territoires.csv.",
                lambda t, base: t.parent.slug if t.parent else "",
                reference="territoires",
            ),
        ],
    ),
    Table(
        "sources",
        "Les documents d'où viennent les informations publiées (ceux que cite au moins une "
        "entrée publiée).",
        lambda: sources_citees().order_by("slug"),
        [
            colonne_slug("de la source"),
            texte("titre", "Titre du document."),
            Colonne(
                "nature",
                "string",
                valeurs_possibles(NatureSource.choices),
                lambda s, base: s.nature,
            ),
            texte("editeur", "Éditeur ou publication."),
            Colonne(
                "date_publication",
                "date",
                "Date de publication.",
                lambda s, base: s.date_publication,
            ),
            adresse_web("url", "Adresse web du document (http ou https)."),
        ],
    ),
]


def sources_citees():
    """The sources that a published entry, or a role or relation between them, cites."""
    citantes = [
        Organisation.sources.through.objects.filter(organisation__is_published=True),
        Personne.sources.through.objects.filter(personne__is_published=True),
        Dispositif.sources.through.objects.filter(dispositif__is_published=True),
        Fonction.sources.through.objects.filter(
            fonction__personne__is_published=True, fonction__organisation__is_published=True
        ),
        Relation.sources.through.objects.filter(
            relation__source__is_published=True, relation__cible__is_published=True
        ),
    ]
    condition = Q()
    for liens in citantes:
        condition |= Q(pk__in=liens.values("source"))
    return Source.objects.filter(condition)


def cellule(valeur):
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "true" if valeur else "false"
    if hasattr(valeur, "isoformat"):
        return valeur.isoformat()
    return valeur


def ecrire_csv(table, chemin, base):
    """Writes the table's rows as they are read, and returns how many there are."""
    lignes = 0
    with open(chemin, "w", encoding="utf-8", newline="") as fichier:
        ecrivain = EcrivainCsv(fichier)
        ecrivain.writerow([colonne.nom for colonne in table.colonnes])
        for entree in table.entrees().iterator(chunk_size=LOT):
            ecrivain.writerow([cellule(c.valeur(entree, base)) for c in table.colonnes])
            lignes += 1
    return lignes


def champ_du_schema(colonne):
    champ = {"name": colonne.nom}
    if colonne.titre:
        champ["title"] = colonne.titre
    return {**champ, "type": colonne.type, "description": colonne.description}


def schema(table):
    resultat = {"fields": [champ_du_schema(colonne) for colonne in table.colonnes]}
    if table.cle:
        resultat["primaryKey"] = table.cle
    resultat["foreignKeys"] = [
        {
            "fields": c.nom,
            # An empty resource name is the table itself (a territory's parent).
            "reference": {
                "resource": "" if c.reference == table.nom else c.reference,
                "fields": "slug",
            },
        }
        for c in table.colonnes
        if c.reference
    ]
    return resultat


def descripteur(tailles, licence, cree):
    return {
        "profile": "tabular-data-package",
        "name": NOM_PAQUET,
        "title": TITRE_PAQUET,
        "description": "Les organisations de l'économie sociale et solidaire en France et en "
        "Belgique, les personnes qui les font, leurs liens et les dispositifs "
        "d'accompagnement qu'elles portent. Voir LISEZMOI.md. " + APOSTROPHE,
        "licenses": [LICENCES[licence]],
        "created": instant(cree),
        "resources": [
            {
                "name": table.nom,
                "path": f"{table.nom}.csv",
                "profile": "tabular-data-resource",
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": tailles[table.nom],
                "schema": schema(table),
            }
            for table in TABLES
        ],
    }


def lisezmoi(comptes, licence, cree):
    infos = LICENCES[licence]
    lignes = [
        f"# {TITRE_PAQUET}",
        "",
        f"Données exportées le {timezone.localtime(cree):%d/%m/%Y à %H:%M} (heure de Paris).",
        "",
        "## Licence",
        "",
        f"Ces données sont publiées sous la {infos['title']} ({infos['path']}). "
        "Citez « Écosystème » comme source, avec la date de l'export.",
        "",
        "Seules les fiches publiées y figurent, et seuls les liens (fonctions, relations, "
        "porteurs et partenaires des dispositifs) entre fiches publiées. Les coordonnées d'une "
        "personne sont des données personnelles : elles n'y figurent que si un éditeur les a "
        "publiées, et leur réutilisation doit respecter le RGPD.",
        "",
        "## Fichiers",
        "",
        "Un fichier CSV par table, en UTF-8, séparé par des virgules, avec une ligne d'en-tête. "
        f"Une cellule qui contient plusieurs valeurs les sépare par « {SEPARATEUR.strip()} ». "
        "`datapackage.json` décrit les mêmes tables au format Frictionless Data Package. Les "
        "slugs relient les tables entre elles.",
        "",
        APOSTROPHE,
    ]
    for table in TABLES:
        lignes += [
            "",
            f"### {table.nom}.csv ({comptes[table.nom]} lignes)",
            "",
            table.description,
            "",
            "| colonne | type | description |",
            "|---|---|---|",
        ]
        lignes += [
            f"| `{c.nom}` | {c.type} | {c.description.replace('|', chr(92) + '|')} |"
            for c in table.colonnes
        ]
    return "\n".join(lignes) + "\n"


@contextmanager
def instantane():
    """One consistent view of the data for the whole export, even while editors write.

    SQLite gives it to any transaction; PostgreSQL's default level gives each query its own.
    """
    premiere = not connection.in_atomic_block
    with transaction.atomic():
        if premiere and connection.vendor == "postgresql":
            with connection.cursor() as curseur:
                curseur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


@instantane()
def ecrire_fichiers(dossier, *, licence, base, archive):
    """Writes every file into `dossier`; returns their names, in the order written."""
    cree = timezone.now()
    comptes, tailles = {}, {}
    for table in TABLES:
        chemin = dossier / f"{table.nom}.csv"
        comptes[table.nom] = ecrire_csv(table, chemin, base)
        tailles[table.nom] = chemin.stat().st_size
    paquet = descripteur(tailles, licence, cree)
    (dossier / "datapackage.json").write_text(
        json.dumps(paquet, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (dossier / "LISEZMOI.md").write_text(lisezmoi(comptes, licence, cree), encoding="utf-8")
    noms = [f"{table.nom}.csv" for table in TABLES] + ["datapackage.json", "LISEZMOI.md"]
    if archive:
        with zipfile.ZipFile(dossier / f"{NOM_PAQUET}.zip", "w", zipfile.ZIP_DEFLATED) as zip_:
            for nom in noms:
                zip_.write(dossier / nom, nom)
        noms.append(f"{NOM_PAQUET}.zip")
    return noms


class DossierOccupe(Exception):
    pass


def exporter(dossier, *, licence=LICENCE_PAR_DEFAUT, base="", remplacer=False, archive=False):
    """Writes the open data set into `dossier`, whole or not at all; returns (name, size) pairs.

    Everything is written into a temporary folder beside it, which takes its place only once
    complete: a failure leaves the target as it was, and nothing else behind.
    """
    dossier = Path(dossier).absolute()
    if dossier.exists() and not dossier.is_dir():
        raise DossierOccupe(f"{dossier} existe et n'est pas un dossier.")
    if dossier.exists() and any(dossier.iterdir()) and not remplacer:
        raise DossierOccupe(
            f"Le dossier {dossier} n'est pas vide : ajoutez --remplacer pour le remplacer."
        )
    dossier.parent.mkdir(parents=True, exist_ok=True)
    temporaire = Path(tempfile.mkdtemp(prefix=f".{dossier.name}-", dir=dossier.parent))
    temporaire.chmod(0o755)  # mkdtemp keeps it private; the data set is meant to be read
    try:
        noms = ecrire_fichiers(temporaire, licence=licence, base=base, archive=archive)
        tailles = [(nom, (temporaire / nom).stat().st_size) for nom in noms]
        remplacer_par(dossier, temporaire)
    except BaseException:
        shutil.rmtree(temporaire, ignore_errors=True)
        raise
    return tailles


def remplacer_par(dossier, nouveau):
    if not dossier.exists():
        nouveau.rename(dossier)
        return
    ancien = Path(tempfile.mkdtemp(prefix=f".{dossier.name}-ancien-", dir=dossier.parent))
    ancien.rmdir()
    dossier.rename(ancien)
    try:
        nouveau.rename(dossier)
    except BaseException:
        ancien.rename(dossier)
        raise
    shutil.rmtree(ancien, ignore_errors=True)
