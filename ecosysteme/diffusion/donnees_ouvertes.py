"""The whole directory as an open data set: one CSV per table, described for its reusers.

Only what the public pages show goes out: published entries, the roles and relations between
published entries, and a person's contact details only when an editor published them. The
tables, their columns and what each column means are declared once below (an organisation's
facts, as its app declares it publishes them: acteurs.publication); the CSV files, the
Frictionless descriptor (datapackage.json) and the LISEZMOI.md are all written from them.

The descriptions are translated when they are written, in the active language (French for
the export command): declared once at import, they are lazy.
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
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext

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
TITRE_PAQUET = gettext_lazy("Écosystème : annuaire des acteurs de l'économie sociale et solidaire")


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


def remplir(modele, **valeurs):
    """A sentence marked with gettext_lazy, its %(placeholders)s filled with these values
    (lazy or not), translated only when it is written."""
    return lazy(lambda: str(modele) % {nom: str(v) for nom, v in valeurs.items()}, str)()


def valeurs_possibles(choix):
    codes = lazy(lambda: ", ".join(f"`{code}` ({libelle})" for code, libelle in choix), str)()
    return remplir(gettext_lazy("Valeurs : %(valeurs)s."), valeurs=codes)


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
APOSTROPHE = gettext_lazy(
    "Chaque cellule est entre guillemets. Une valeur qui commence par =, +, -, @, une "
    "tabulation ou un retour chariot est écrite précédée d'une apostrophe ('), pour qu'un "
    "tableur ne l'exécute pas comme une formule (recommandation de l'OWASP contre "
    "l'injection de formules) : un téléphone « +33 1 23 45 67 89 » s'écrit "
    "« '+33 1 23 45 67 89 ». Pour retrouver la valeur, retirez cette apostrophe initiale "
    "quand elle est suivie de l'un de ces caractères."
)
LISTE = remplir(
    gettext_lazy("plusieurs valeurs séparées par « %(separateur)s »"),
    separateur=SEPARATEUR.strip(),
)
SOURCES = Colonne(
    "sources",
    "string",
    remplir(
        gettext_lazy(
            "Documents d'où viennent ces informations : slugs de sources.csv (%(liste)s)."
        ),
        liste=LISTE,
    ),
    lambda o, base: slugs(o.sources),
)
MIS_A_JOUR = Colonne(
    "mis_a_jour",
    "datetime",
    gettext_lazy("Dernière mise à jour de la fiche (UTC)."),
    lambda o, base: instant(o.updated_at),
)
DEBUT = Colonne(
    "debut",
    "string",
    gettext_lazy(
        "Début, aussi précis que la source : année (2009), mois (2009-10) ou jour (2009-10-20)."
    ),
    lambda o, base: date_partielle(o.debut, o.debut_precision),
)
FIN = Colonne(
    "fin",
    "string",
    gettext_lazy("Fin, même écriture que le début ; vide si elle n'est pas connue."),
    lambda o, base: date_partielle(o.fin, o.fin_precision),
)


def colonne_slug(description):
    return Colonne("slug", "string", description, lambda o, base: o.slug)


def colonne_url(description):
    return Colonne("url", "string", description, adresse)


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
            nom,
            "string",
            format_lazy("{}. {}", sens, valeurs_possibles(choix)),
            lambda o, base: lire(o),
        )
    if champ.sorte == Sorte.TERRITOIRE:

        def slug_du_territoire(o, base):
            territoire = lire(o)
            return territoire.slug if territoire else ""

        description = remplir(gettext_lazy("%(sens)s : slug de territoires.csv."), sens=sens)
        return Colonne(nom, "string", description, slug_du_territoire, "territoires")
    if champ.sorte in TABLES_LIEES:
        # The tables of the set are named after their model, in the plural.
        table = publication.modele_champ(champ).related_model._meta.model_name + "s"
        description = remplir(
            gettext_lazy("%(sens)s : slugs de %(table)s.csv (%(liste)s)."),
            sens=sens,
            table=table,
            liste=LISTE,
        )
        return Colonne(
            nom,
            "string",
            description,
            lambda o, base: SEPARATEUR.join(liee.slug for liee in champ.liees(o)),
        )
    if champ.sorte == Sorte.DATE_PARTIELLE:
        return Colonne(
            nom, "string", format_lazy("{}.", sens), lambda o, base: champ.date_ecrite(o)
        )
    if champ.sorte == Sorte.TELEPHONE:
        return Colonne(
            nom, "string", format_lazy("{}.", sens), lambda o, base: champ.telephone_ecrit(o)
        )
    type_, ecrire, suite = ECRITURES[champ.sorte]
    return Colonne(nom, type_, format_lazy("{}{}", sens, suite), lambda o, base: ecrire(lire(o)))


# The kinds whose entries are written as slugs of another table of the set.
TABLES_LIEES = {Sorte.FICHES, Sorte.TERRITOIRES, Sorte.SOURCES}
# For the other kinds: (Frictionless type, how a value is written, end of the description).
ECRITURES = {
    Sorte.TEXTE: ("string", lambda valeur: valeur, "."),
    Sorte.ANNEE: ("year", lambda valeur: valeur, "."),
    Sorte.ADRESSE_WEB: ("string", lien_sur, "."),
    Sorte.LIBELLES: ("string", noms, format_lazy(" ({}).", LISTE)),
    Sorte.DATE_HEURE: ("datetime", instant, " (UTC)."),
}


def colonnes_publiees(publication):
    return [colonne_publiee(publication, c) for c in publication.pour(DONNEES_OUVERTES)]


TABLES = [
    Table(
        "organisations",
        gettext_lazy(
            "Les organisations de l'ESS : coopératives, associations, réseaux, collectivités…"
        ),
        lambda: (
            organisations_publiees()
            .select_related(*ORGANISATION.a_joindre(DONNEES_OUVERTES))
            .prefetch_related(*ORGANISATION.a_precharger(DONNEES_OUVERTES))
            .order_by("slug")
        ),
        [
            colonne_slug(
                gettext_lazy("Identifiant de l'organisation, tel que dans l'adresse de sa fiche.")
            ),
            colonne_url(gettext_lazy("Adresse de la fiche de l'organisation sur le site.")),
            *colonnes_publiees(ORGANISATION),
        ],
    ),
    Table(
        "personnes",
        gettext_lazy(
            "Les personnes qui occupent ou ont occupé une fonction dans une organisation."
        ),
        lambda: Personne.objects.published().prefetch_related("sources").order_by("slug"),
        [
            colonne_slug(
                gettext_lazy("Identifiant de la personne, tel que dans l'adresse de sa fiche.")
            ),
            colonne_url(gettext_lazy("Adresse de la fiche de la personne sur le site.")),
            texte("prenom", gettext_lazy("Prénom.")),
            texte(
                "nom",
                gettext_lazy("Nom de famille ; vide pour une personne que la source ne nomme pas."),
            ),
            texte(
                "designation",
                gettext_lazy(
                    "Pour une personne que la source ne nomme pas : comment elle "
                    "la désigne (« la coordinatrice de COOPCITY »)."
                ),
            ),
            texte("biographie", gettext_lazy("Parcours.")),
            # Personal data: only what an editor chose to publish, as the profile shows it.
            Colonne(
                "email",
                "string",
                gettext_lazy(
                    "Adresse électronique, seulement si un éditeur l'a publiée avec l'accord de "
                    "la personne ou parce qu'elle l'a elle-même rendue publique."
                ),
                lambda p, base: p.email if p.contact_is_published else "",
            ),
            Colonne(
                "telephone",
                "string",
                gettext_lazy("Téléphone, aux mêmes conditions."),
                lambda p, base: p.telephone if p.contact_is_published else "",
            ),
            SOURCES,
            MIS_A_JOUR,
        ],
    ),
    Table(
        "fonctions",
        gettext_lazy("Les fonctions des personnes dans les organisations (gérant, présidente…)."),
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
                gettext_lazy("La personne : slug de personnes.csv."),
                lambda f, base: f.personne.slug,
                reference="personnes",
            ),
            Colonne(
                "organisation",
                "string",
                gettext_lazy("L'organisation : slug de organisations.csv."),
                lambda f, base: f.organisation.slug,
                reference="organisations",
            ),
            texte("intitule", gettext_lazy("Intitulé de la fonction, tel que la source le donne.")),
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
                gettext_lazy("Vrai quand la fonction a pris fin, même sans date de fin connue."),
                lambda f, base: f.fin is not None or f.terminee,
            ),
            texte("note", gettext_lazy("Précisions.")),
            SOURCES,
        ],
        cle="",
    ),
    Table(
        "relations",
        gettext_lazy(
            "Les liens entre organisations, orientés de `source` vers `cible` : « source est "
            "membre de cible »."
        ),
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
                gettext_lazy("L'organisation d'où part le lien : slug de organisations.csv."),
                lambda r, base: r.source.slug,
                reference="organisations",
            ),
            Colonne(
                "type",
                "string",
                format_lazy(
                    "{} {}",
                    gettext_lazy(
                        "Type du lien, qui se lit de la source vers la cible ; `partenaire` et "
                        "`mutualisation` se lisent dans les deux sens."
                    ),
                    valeurs_possibles(TypeRelation.choices),
                ),
                lambda r, base: r.type,
            ),
            Colonne(
                "cible",
                "string",
                gettext_lazy("L'organisation où arrive le lien : slug de organisations.csv."),
                lambda r, base: r.cible.slug,
                reference="organisations",
            ),
            DEBUT,
            FIN,
            texte("description", gettext_lazy("Précisions sur le lien.")),
            SOURCES,
        ],
        cle="",
    ),
    Table(
        "dispositifs",
        gettext_lazy("Les dispositifs d'accompagnement portés par des organisations."),
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
            colonne_slug(
                gettext_lazy("Identifiant du dispositif, tel que dans l'adresse de sa fiche.")
            ),
            colonne_url(gettext_lazy("Adresse de la fiche du dispositif sur le site.")),
            *colonnes_publiees(DISPOSITIF),
        ],
    ),
    Table(
        "territoires",
        gettext_lazy("Les territoires, du pays à la commune, chacun rattaché à son parent."),
        lambda: Territoire.objects.select_related("parent").order_by("slug"),
        [
            colonne_slug(
                gettext_lazy("Identifiant du territoire, tel que dans l'adresse de sa fiche.")
            ),
            colonne_url(gettext_lazy("Adresse de la fiche du territoire sur le site.")),
            texte("nom", gettext_lazy("Nom du territoire.")),
            Colonne(
                "niveau",
                "string",
                valeurs_possibles(NiveauTerritoire.choices),
                lambda t, base: t.niveau,
            ),
            texte(
                "code",
                gettext_lazy("Code officiel : INSEE (France), INS/NIS (Belgique) ou ISO (pays)."),
            ),
            Colonne(
                "parent",
                "string",
                gettext_lazy("Territoire parent : slug de territoires.csv."),
                lambda t, base: t.parent.slug if t.parent else "",
                reference="territoires",
            ),
        ],
    ),
    Table(
        "sources",
        gettext_lazy(
            "Les documents d'où viennent les informations publiées (ceux que cite au moins une "
            "entrée publiée)."
        ),
        lambda: sources_citees().order_by("slug"),
        [
            colonne_slug(
                gettext_lazy("Identifiant de la source, tel que dans l'adresse de sa fiche.")
            ),
            texte("titre", gettext_lazy("Titre du document.")),
            Colonne(
                "nature",
                "string",
                valeurs_possibles(NatureSource.choices),
                lambda s, base: s.nature,
            ),
            texte("editeur", gettext_lazy("Éditeur ou publication.")),
            Colonne(
                "date_publication",
                "date",
                gettext_lazy("Date de publication."),
                lambda s, base: s.date_publication,
            ),
            adresse_web("url", gettext_lazy("Adresse web du document (http ou https).")),
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
        champ["title"] = str(colonne.titre)
    return {**champ, "type": colonne.type, "description": str(colonne.description)}


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
        "title": str(TITRE_PAQUET),
        "description": gettext(
            "Les organisations de l'économie sociale et solidaire en France et en "
            "Belgique, les personnes qui les font, leurs liens et les dispositifs "
            "d'accompagnement qu'elles portent. Voir LISEZMOI.md."
        )
        + " "
        + str(APOSTROPHE),
        "licenses": [LICENCES[licence]],
        "created": instant(cree),
        "resources": [
            {
                "name": table.nom,
                "path": f"{table.nom}.csv",
                "profile": "tabular-data-resource",
                "description": str(table.description),
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
    local = timezone.localtime(cree)
    lignes = [
        f"# {TITRE_PAQUET}",
        "",
        gettext("Données exportées le %(date)s à %(heure)s (heure de Paris).")
        % {"date": f"{local:%d/%m/%Y}", "heure": f"{local:%H:%M}"},
        "",
        "## " + gettext("Licence"),
        "",
        gettext(
            "Ces données sont publiées sous la %(licence)s (%(adresse)s). "
            "Citez « Écosystème » comme source, avec la date de l'export."
        )
        % {"licence": infos["title"], "adresse": infos["path"]},
        "",
        gettext(
            "Seules les fiches publiées y figurent, et seuls les liens (fonctions, relations, "
            "porteurs et partenaires des dispositifs) entre fiches publiées. Les coordonnées "
            "d'une personne sont des données personnelles : elles n'y figurent que si un "
            "éditeur les a publiées, et leur réutilisation doit respecter le RGPD."
        ),
        "",
        "## " + gettext("Fichiers"),
        "",
        gettext(
            "Un fichier CSV par table, en UTF-8, séparé par des virgules, avec une ligne "
            "d'en-tête. Une cellule qui contient plusieurs valeurs les sépare par "
            "« %(separateur)s ». `datapackage.json` décrit les mêmes tables au format "
            "Frictionless Data Package. Les slugs relient les tables entre elles."
        )
        % {"separateur": SEPARATEUR.strip()},
        "",
        str(APOSTROPHE),
    ]
    entetes = [
        pgettext("dictionnaire des données", "colonne"),
        pgettext("dictionnaire des données", "type"),
        pgettext("dictionnaire des données", "description"),
    ]
    for table in TABLES:
        nombre = comptes[table.nom]
        lignes += [
            "",
            # The French says « lignes » whatever the number, as it always has.
            "### "
            + ngettext("%(fichier)s (%(nombre)s lignes)", "%(fichier)s (%(nombre)s lignes)", nombre)
            % {"fichier": f"{table.nom}.csv", "nombre": nombre},
            "",
            str(table.description),
            "",
            f"| {' | '.join(entetes)} |",
            "|---|---|---|",
        ]
        lignes += [
            f"| `{c.nom}` | {c.type} | {str(c.description).replace('|', chr(92) + '|')} |"
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
