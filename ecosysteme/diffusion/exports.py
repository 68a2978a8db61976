"""Every listing as data: CSV and JSON downloads with the same parameters as the page.

The rows are written as they are read, a few thousand at a time: 100,000 organisations never
sit in memory together. The columns are the public facts of each entry (for an organisation,
those its app declares it publishes: acteurs.publication); people's contact details are never
exported.

What an entry has several of (its themes, its roles…) is read for a whole batch of entries
in one query per column, as plain names: no related object is built for each row, which
would make a download of the whole directory several times slower.
"""

import csv
import json
from collections import defaultdict
from itertools import islice

from django.http import Http404, StreamingHttpResponse

from accompagnement.filters import DispositifFilter
from accompagnement.models import Dispositif
from accompagnement.publication import DISPOSITIF
from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import Fonction, Organisation, Personne
from acteurs.publication import ORGANISATION
from ecosysteme.models import DansLaLangue, colonne_francaise
from ecosysteme.publication import API, PLUSIEURS, TELECHARGEMENTS, Sorte
from ecosysteme.textes import lien_sur

LOT = 2000


def noms(relation, **condition):
    """Reads, for a batch of entries, the names of what a many-to-many relation links them
    to, in the order of the linked model, those meeting `condition` only: {pk: "a | b"}."""

    def lire(modele, pks):
        champ = modele._meta.get_field(relation)
        cote, autre = champ.m2m_field_name(), champ.m2m_reverse_field_name()
        liens = champ.remote_field.through.objects.filter(**{f"{cote}__in": pks})
        liens = liens.filter(**{f"{autre}__{nom}": valeur for nom, valeur in condition.items()})
        lie = champ.related_model
        ordre = [f"{autre}__{en_francais(lie, terme)}" for terme in lie._meta.ordering]
        nommes = liens.order_by(*ordre, f"{autre}__pk")
        return joindre(nommes.values_list(cote, f"{autre}__{en_francais(lie, 'nom')}"))

    return lire


def en_francais(modele, terme):
    """The column of a field, or of a term of a model's order, in French: the downloads speak
    French, as the API does."""
    return colonne_francaise(modele, terme.champ if isinstance(terme, DansLaLangue) else terme)


def fonctions(modele, pks):
    """The roles of a batch of people in published organisations, latest first."""
    roles = Fonction.objects.of_published_organisations().filter(personne__in=pks)
    return joindre(
        (personne, f"{intitule} – {organisation}")
        for personne, intitule, organisation in roles.values_list(
            "personne", "intitule", "organisation__nom"
        )
    )


def joindre(paires):
    textes = defaultdict(list)
    for pk, texte in paires:
        textes[pk].append(texte)
    return {pk: " | ".join(liste) for pk, liste in textes.items()}


# How a download writes each kind of published value (ecosysteme.publication) that an entry
# holds itself; what it has several of is read by batch (PAR_LOT), as names.
VALEURS = {
    Sorte.TEXTE: lambda champ: champ.valeur,
    Sorte.ANNEE: lambda champ: champ.valeur,
    Sorte.CHOIX: lambda champ: champ.libelle_du_choix,
    Sorte.ADRESSE_WEB: lambda champ: lambda entree: lien_sur(champ.valeur(entree)),
    Sorte.TERRITOIRE: lambda champ: lambda entree: str(champ.valeur(entree) or ""),
    Sorte.DATE_HEURE: lambda champ: (
        lambda entree: champ.valeur(entree).isoformat() if champ.valeur(entree) else ""
    ),
    Sorte.DATE_PARTIELLE: lambda champ: champ.date_ecrite,
    Sorte.TELEPHONE: lambda champ: champ.telephone_ecrit,
}


def colonnes(publication):
    """The columns (title, value of an entry) of what an entity publishes in its downloads."""
    return [
        (
            champ.nom,
            lire_par_lot(champ.nom) if champ.sorte in PLUSIEURS else VALEURS[champ.sorte](champ),
        )
        for champ in publication.pour(TELECHARGEMENTS)
    ]


def lire_par_lot(nom):
    return lambda entree: entree.par_lot[nom]


def par_lot(publication):
    """The batch readers of what an entity publishes several of in its downloads."""
    lecteurs = {}
    for champ in publication.pour(TELECHARGEMENTS):
        if champ.sorte == Sorte.FICHES:
            # An entry still in draft is named nowhere public, not even as a partner.
            lecteurs[champ.nom] = noms(champ.attribut_lu, is_published=True)
        elif champ.sorte in PLUSIEURS:
            lecteurs[champ.nom] = noms(champ.attribut_lu)
    return lecteurs


# For each listing: its FilterSet, its entries with what a page of them shows (the API,
# ecosysteme.diffusion.api, reads the same FilterSets and entries), and the columns (title,
# value of an entry). What the columns read by batch is in PAR_LOT.
EXPORTS = {
    "acteurs": (
        OrganisationFilter,
        lambda: (
            Organisation.objects.published()
            .select_related(*ORGANISATION.a_joindre(API))
            .prefetch_related(*ORGANISATION.a_precharger(API))
        ),
        colonnes(ORGANISATION),
    ),
    "personnes": (
        PersonneFilter,
        lambda: Personne.objects.published().with_fonctions(),
        [
            ("nom", lambda p: p.nom_complet),
            ("fonctions", lambda p: p.par_lot["fonctions"]),
            ("biographie", lambda p: p.biographie),
        ],
    ),
    "accompagnement": (
        DispositifFilter,
        lambda: (
            Dispositif.objects.published()
            .select_related(*DISPOSITIF.a_joindre(API))
            .prefetch_related(*DISPOSITIF.a_precharger(API))
        ),
        colonnes(DISPOSITIF),
    ),
}
# What the columns read by batch: {column: its reader}. The entries' own prefetches are for
# the pages of the API; the downloads read these instead.
PAR_LOT = {
    "acteurs": par_lot(ORGANISATION),
    "personnes": {"fonctions": fonctions},
    "accompagnement": par_lot(DISPOSITIF),
}
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class Tampon:
    """What csv.writer writes to: each row is handed back rather than kept."""

    def write(self, texte):
        return texte


# A spreadsheet runs a cell beginning with one of these as a formula (OWASP, « CSV
# Injection »): such a cell is written after a single quote, which the spreadsheet shows as text.
DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")


def cellule_neutre(valeur):
    texte = "" if valeur is None else str(valeur)
    return "'" + texte if texte.startswith(DEBUTS_DE_FORMULE) else texte


class EcrivainCsv:
    """The one writer of every CSV of the site, downloads and open data set alike.

    Every cell is quoted, so that no separator inside a value can start a new cell, and a
    cell that a spreadsheet would run as a formula is neutralised. Without a file, writerow
    returns the row written, for a streamed answer.
    """

    def __init__(self, fichier=None):
        self.ecrivain = csv.writer(fichier or Tampon(), quoting=csv.QUOTE_ALL)

    def writerow(self, valeurs):
        return self.ecrivain.writerow([cellule_neutre(valeur) for valeur in valeurs])


def lignes(request, liste):
    """The entries of a listing, filtered, searched and sorted as the page, and its columns."""
    classe, entrees, colonnes = EXPORTS[liste]
    filtres = classe(request.GET, entrees(), request=request)
    objets = filtres.qs.prefetch_related(None).iterator(chunk_size=LOT)
    return filtres, par_lots(objets, PAR_LOT[liste]), colonnes


def par_lots(objets, lecteurs):
    """The entries, each with `par_lot`, what the readers found for it, read a batch at a time."""
    while lot := list(islice(objets, LOT)):
        pks = [objet.pk for objet in lot]
        lus = {nom: lire(type(lot[0]), pks) for nom, lire in lecteurs.items()}
        for objet in lot:
            objet.par_lot = {nom: valeurs.get(objet.pk, "") for nom, valeurs in lus.items()}
        yield from lot


def en_csv(request, objets, colonnes):
    ecrivain = EcrivainCsv()
    yield ecrivain.writerow(["url", *(titre for titre, _ in colonnes)])
    for objet in objets:
        url = request.build_absolute_uri(objet.get_absolute_url())
        yield ecrivain.writerow([url, *(valeur(objet) for _, valeur in colonnes)])


def en_json(request, objets, colonnes):
    return liste_json(
        {
            "url": request.build_absolute_uri(objet.get_absolute_url()),
            **{titre: valeur(objet) for titre, valeur in colonnes},
        }
        for objet in objets
    )


def liste_json(lignes):
    """A JSON list of these rows, written a row at a time."""
    yield "["
    for rang, ligne in enumerate(lignes):
        yield ("," if rang else "") + "\n" + json.dumps(ligne, ensure_ascii=False)
    yield "\n]\n"


def exporter(request, liste, format):
    if liste not in EXPORTS or format not in FORMATS:
        raise Http404("Ce téléchargement n'existe pas.")
    _filtres, objets, colonnes = lignes(request, liste)
    ecrire = en_csv if format == "csv" else en_json
    reponse = StreamingHttpResponse(ecrire(request, objets, colonnes), content_type=FORMATS[format])
    reponse["Content-Disposition"] = f'attachment; filename="{liste}.{format}"'
    return reponse
