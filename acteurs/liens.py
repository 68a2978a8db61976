"""An organisation's links to others, grouped by how they read from it.

A network can have thousands of members: its profile shows the first few of each group, in
two queries whatever their number, and each group has a page of its own with all of them.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.http import urlencode

from ecosysteme.listes.facettes import Pagination, page_demandee

from .enums import INTITULES_RELATION, TypeRelation
from .models import ENTRANTE, SORTANTE, Relation

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


def groupes_de_liens(organisation):
    """Each group of links, with its number and its first LIENS_PAR_GROUPE, in one query.

    Groups follow the order of TypeRelation, the outgoing reading first.
    """
    groupe = [F("type"), F("sens")]
    premieres = (
        Relation.objects.of_organisation(organisation)
        .annotate(
            rang=Window(
                RowNumber(),
                partition_by=groupe,
                order_by=[F("autre_nom").asc(), F("autre_id").asc(), F("pk").asc()],
            ),
            nombre=Window(Count("pk"), partition_by=groupe),
        )
        .filter(rang__lte=LIENS_PAR_GROUPE)
        .select_related("source", "cible")
        .defer(*LOURDS)
        .order_by("autre_nom", "autre_id", "pk")
    )
    groupes = {}
    for relation in premieres:
        cle = (relation.type, relation.sens)
        if cle not in groupes:
            groupes[cle] = GroupeLiens(organisation, *cle, relation.nombre)
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
