"""An organisation's links to others, grouped by how they read from it.

A network can have thousands of members: its profile shows the first few of each group, and
each group has a page of its own with all of them. The profile reads its links as numbers
only; which of them are published, how many each group has and which come first by name are
found in the organisations listing's index, in memory; only the links shown are read whole.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils.http import urlencode

from ecosysteme.listes.facettes import Pagination, page_demandee
from ecosysteme.listes.index_facettes import index_de, lignes

from .enums import INTITULES_RELATION, RELATIONS_SYMETRIQUES, TypeRelation
from .filters import OrganisationFilter
from .models import ENTRANTE, SORTANTE, Organisation, Relation

# How many links of each group the profile shows; the rest are on the group's page.
LIENS_PAR_GROUPE = 12
LIENS_PAR_PAGE = 50
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
    for champ in ("description", "recherche_nom", "recherche_texte")
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
        self.octets = index.derive("publiees_en_octets", lambda: en_octets(index.entrees))

    def __contains__(self, pk):
        return pk >> 3 < len(self.octets) and self.octets[pk >> 3] >> (pk & 7) & 1

    def premiers(self, pks, nombre):
        """The `nombre` first of these organisations by name."""
        return self.index.premiers(pks, nombre)


def en_octets(bits):
    return bits.to_bytes((bits.bit_length() + 7) // 8, "little")


def organisations_publiees():
    return Publiees(index_de(OrganisationFilter, Organisation.objects.published()))


def relations_de(organisation):
    """[(type, sens, other organisation's pk)] of each of its relations, published or not.

    Plain numbers, read from two indexes (by source, by target) without the rows of the
    relations or of the organisations at their other end: what the profile's groups and its
    graph both start from, in one query.
    """
    sortantes = Relation.objects.filter(source=organisation).values_list(
        "type", Value(SORTANTE), "cible_id"
    )
    # A symmetric type reads the same from both ends: its one group is the outgoing one.
    sens = Case(When(type__in=RELATIONS_SYMETRIQUES, then=Value(SORTANTE)), default=Value(ENTRANTE))
    entrantes = Relation.objects.filter(cible=organisation).values_list("type", sens, "source_id")
    return lignes(sortantes.order_by().union(entrantes.order_by(), all=True))


def groupes_de_liens(organisation, relations=None, publiees=None):
    """Each group of links, with its number and its first LIENS_PAR_GROUPE.

    `relations`: relations_de(organisation), if read already; `publiees`: Publiees, if read
    already. Whatever the number of links, only those shown are read with their
    organisations: one query, besides that of relations_de() and the index's version.

    Groups follow the order of TypeRelation, the outgoing reading first.
    """
    if relations is None:
        relations = relations_de(organisation)
    if not relations:
        return []
    if publiees is None:
        publiees = organisations_publiees()
    autres_par_groupe = {}
    for type_, sens, autre in relations:
        if autre in publiees:
            autres_par_groupe.setdefault((type_, sens), []).append(autre)
    groupes, rangs = {}, {}
    for cle, autres in autres_par_groupe.items():
        # As many as the group's page lists: a partner recorded both ways counts twice.
        groupes[cle] = GroupeLiens(organisation, *cle, len(autres))
        premiers = publiees.premiers(set(autres), LIENS_PAR_GROUPE)
        rangs[cle] = {autre: rang for rang, autre in enumerate(premiers)}
    montres = {autre for rang in rangs.values() for autre in rang}
    if montres:
        affichees = (
            Relation.objects.filter(
                Q(source=organisation, cible__in=montres)
                | Q(cible=organisation, source__in=montres)
            )
            .select_related("source", "cible")
            .defer(*LOURDS)
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
