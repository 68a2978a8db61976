"""An organisation's links to others, grouped by how they read from it.

A network can have thousands of members: its profile shows the first few of each group, and
each group has a page of its own with all of them. The profile reads its links as numbers
only; which of them are published, how many each group has and which come first by name are
found in the organisations listing's index, in memory; only the links shown are read whole.
Beyond LIENS_LUS_MAX links, what the profile shows of them is kept in memory until the data
changes: a profile costs the same whatever the number of its links.
"""

import heapq
from dataclasses import dataclass, field

from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.http import urlencode
from modeltranslation.utils import get_translation_fields

from ecosysteme.listes.facettes import Pagination, page_demandee
from ecosysteme.listes.index_facettes import index_de, lignes

from .enums import INTITULES_RELATION, RELATIONS_SYMETRIQUES, TypeRelation
from .filters import OrganisationFilter
from .models import ENTRANTE, SORTANTE, Organisation, Relation

# How many links of each group the profile shows; the rest are on the group's page.
LIENS_PAR_GROUPE = 12
LIENS_PAR_PAGE = 50
# An organisation with more relations than this has what its profile shows of them kept in
# memory (see voisinage()).
LIENS_LUS_MAX = 500
# The graph of an organisation draws at most this many of the organisations related to it,
# the most telling first: what it comes from and belongs to, then whom it works with.
NOEUDS_MAX = 60
ORDRE_TYPES = [
    TypeRelation.FUSION,
    TypeRelation.FONDATION,
    TypeRelation.ANTENNE,
    TypeRelation.PILOTAGE,
    TypeRelation.COORDINATION,
    TypeRelation.MEMBRE,
    TypeRelation.HEBERGEMENT,
    TypeRelation.ACCOMPAGNEMENT,
    TypeRelation.FINANCEMENT,
    TypeRelation.MUTUALISATION,
    TypeRelation.SOUTIEN,
    TypeRelation.PARTENAIRE,
]
RANG_TYPE = {type_: rang for rang, type_ in enumerate(ORDRE_TYPES)}
# The end of a relation, as it is written in the address of a group's page.
SENS = {"sortants": SORTANTE, "entrants": ENTRANTE}


@dataclass
class GroupeLiens:
    """Related organisations under one heading, e.g. « Membres », each with its relation."""

    organisation: object
    type: str
    sens: int
    nombre: int  # how many relations the group has, however many are shown
    liens: list = field(default_factory=list)  # (organisation, relation)

    @property
    def intitule(self):
        return INTITULES_RELATION[self.type][self.sens]

    @property
    def url(self):
        sens = next(cle for cle, valeur in SENS.items() if valeur == self.sens)
        return reverse("organisation_liens", args=[self.organisation.slug, self.type, sens])

    @property
    def incomplet(self):
        return self.nombre > LIENS_PAR_GROUPE

    def ajouter(self, relation):
        # Partners recorded both ways (A→B and B→A) are listed once.
        if all(autre.pk != relation.autre_id for autre, _ in self.liens):
            autre = (
                relation.cible if relation.source_id == self.organisation.pk else relation.source
            )
            self.liens.append((autre, relation))


# What a link shows of the organisations at its ends: not their search documents.
LOURDS = [
    f"{bout}__{champ}"
    for bout in ("source", "cible")
    for champ in (
        "description",
        *get_translation_fields("description"),
        "recherche_nom",
        "recherche_texte",
    )
]


# What the profile shows of a link: the relation, and the name of the organisations at its ends.
MONTRE = [
    *("type", "description", "debut", "debut_precision", "fin", "fin_precision"),
    *(f"{bout}__{champ}" for bout in ("source", "cible") for champ in ("nom", "sigle", "slug")),
]


def liens_du_groupe(organisation, type_relation, sens):
    """Every relation of one group, ordered by the other organisation's name."""
    return (
        Relation.objects.of_organisation(organisation)
        .filter(type=type_relation, sens=sens)
        .select_related("source", "cible")
        .defer(*LOURDS)
        .order_by("autre_nom", "autre_id", "pk")
    )


class Publiees:
    """The published organisations, as the organisations listing's index knows them (in
    memory, read again when the data changes): whether one is, and the order of their names.

    Both cost the same whatever the size of the directory: a byte looked up, a rank read.
    """

    def __init__(self, index):
        self.index = index

    def __contains__(self, pk):
        return pk in self.index.entrees

    def premiers(self, pks, nombre):
        """The `nombre` first of these organisations by name."""
        return self.index.premiers(pks, nombre)

    def garder(self, cle, construire):
        """What `construire()` reads, kept until an organisation or a relation is written."""
        return self.index.derive(cle, construire, fiches=True)


def organisations_publiees():
    return Publiees(index_de(OrganisationFilter, Organisation.objects.published()))


def relations_de(organisation, limite=None):
    """[(type, sens, other organisation's pk)] of its relations (at most `limite`), published
    or not.

    Plain numbers, read from two indexes (by source, by target) without the rows of the
    relations or of the organisations at their other end, in one query.
    """
    sortantes = Relation.objects.filter(source=organisation).values_list(
        "type", Value(SORTANTE), "cible_id"
    )
    # A symmetric type reads the same from both ends: its one group is the outgoing one.
    sens = Case(When(type__in=RELATIONS_SYMETRIQUES, then=Value(SORTANTE)), default=Value(ENTRANTE))
    entrantes = Relation.objects.filter(cible=organisation).values_list("type", sens, "source_id")
    relations = sortantes.order_by().union(entrantes.order_by(), all=True)
    return lignes(relations[:limite] if limite else relations)


@dataclass
class Voisinage:
    """What an organisation's profile shows of its links with published organisations, as
    numbers: the number of each group and its first organisations by name; the organisations
    its graph draws (the most telling: by type of relation, then the oldest), and how many it
    is linked to."""

    groupes: dict  # (type, sens) → (number of relations, [pks of the first, by name])
    dessinees: list  # (rank of the most telling type of relation with it, pk), NOEUDS_MAX at most
    voisines: int

    @classmethod
    def de(cls, relations, publiees):
        autres_par_groupe, rang = {}, {}
        for type_, sens, autre in relations:
            if autre in publiees:
                autres_par_groupe.setdefault((type_, sens), []).append(autre)
                cle = (RANG_TYPE[type_], autre)
                rang[autre] = min(rang.get(autre, cle), cle)
        groupes = {
            # As many as the group's page lists: a partner recorded both ways counts twice.
            cle: (len(autres), publiees.premiers(set(autres), LIENS_PAR_GROUPE))
            for cle, autres in autres_par_groupe.items()
        }
        return cls(groupes, heapq.nsmallest(NOEUDS_MAX, rang.values()), len(rang))


def voisinage(organisation):
    """Its Voisinage, or None when it has no relation.

    At most LIENS_LUS_MAX relations are read: beyond, the Voisinage is read once per process
    and version of the data, and kept with the listing's index, so that a network with
    thousands of members costs no more than an organisation with a few.
    """
    relations = relations_de(organisation, limite=LIENS_LUS_MAX + 1)
    if not relations:
        return None
    publiees = organisations_publiees()
    if len(relations) <= LIENS_LUS_MAX:
        return Voisinage.de(relations, publiees)
    return publiees.garder(
        ("voisinage", organisation.pk),
        lambda: Voisinage.de(relations_de(organisation), publiees),
    )


def groupes_de_liens(organisation, voisins=None):
    """Each group of links, with its number and its first LIENS_PAR_GROUPE.

    `voisins`: its Voisinage, if read already. Only the links shown are read with their
    organisations, in one query.

    Groups follow the order of TypeRelation, the outgoing reading first.
    """
    if voisins is None:
        voisins = voisinage(organisation)
        if voisins is None:
            return []
    groupes, rangs = {}, {}
    for cle, (nombre, premiers) in voisins.groupes.items():
        groupes[cle] = GroupeLiens(organisation, *cle, nombre)
        rangs[cle] = {autre: rang for rang, autre in enumerate(premiers)}
    montres = {autre for rang in rangs.values() for autre in rang}
    if montres:
        affichees = (
            Relation.objects.filter(
                Q(source=organisation, cible__in=montres)
                | Q(cible=organisation, source__in=montres)
            )
            .select_related("source", "cible")
            .only(*MONTRE)
            .order_by("pk")
        )
        lues = []
        for relation in affichees:
            sortante = relation.source_id == organisation.pk
            relation.autre_id = relation.cible_id if sortante else relation.source_id
            sens = SORTANTE if sortante or relation.est_symetrique else ENTRANTE
            rang = rangs.get((relation.type, sens), {}).get(relation.autre_id)
            if rang is not None:
                lues.append(((relation.type, sens), rang, relation))
        for cle, _, relation in sorted(lues, key=lambda lue: lue[:2]):
            groupes[cle].ajouter(relation)
    ordre = list(TypeRelation.values)
    return [groupes[cle] for cle in sorted(groupes, key=lambda c: (ordre.index(c[0]), c[1]))]


class PageDeLiens:
    """A page of a group's links, with what the pagination include expects of a listing."""

    def __init__(self, request, relations):
        self.request, self.avis = request, []
        paginator = Pagination(relations, LIENS_PAR_PAGE)
        self.page = page_demandee(paginator, request.GET.get("page", "").strip(), self.avis)

    def url_page(self, numero):
        return f"{self.request.path}?{urlencode({'page': numero})}" if numero > 1 else "?"

    @property
    def pages(self):
        numeros = self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2)
        return [(n, self.url_page(n)) if isinstance(n, int) else (None, "") for n in numeros]

    @property
    def url_page_precedente(self):
        return self.url_page(self.page.number - 1) if self.page.has_previous() else ""

    @property
    def url_page_suivante(self):
        return self.url_page(self.page.number + 1) if self.page.has_next() else ""
