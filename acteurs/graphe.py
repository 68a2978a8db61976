"""Partnership graphs, laid out on the server and drawn as SVG.

The organisations sit on one circle, in a fixed order (their relation's type, then their
name), with their names written along the radius: sixty names never overlap, and the same
data always draws the same picture. An organisation's own graph has it in the centre; a
territory's or a theme's has no centre. Beyond sixty organisations, the most significant are
drawn (around an organisation: by type of relation, then the longest known; in a territory or
a theme: the most linked) and one more node says how many are left out.
"""

import math
from collections import Counter
from dataclasses import dataclass, field

from ecosysteme.listes.index_facettes import Classement, en_bits, index_de, lignes, pks_de

from .enums import RELATIONS_SYMETRIQUES, TypeRelation
from .filters import OrganisationFilter
from .models import Organisation, Relation

NOEUDS_MAX = 60
# A territory's or a theme's graph draws, among this many of its most linked organisations,
# those with the most relations among themselves.
CANDIDATS = 2 * NOEUDS_MAX
# Most telling first: what an organisation comes from and belongs to, then whom it works with.
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
RAYON = 230  # of the circle the organisations sit on
MARGE = 200  # beyond it, for their names
LONGUEUR_NOM = 26
RAYON_NOEUD = 6


@dataclass
class Noeud:
    nom: str
    url: str
    x: float = 0.0
    y: float = 0.0
    angle: float = 0.0  # degrees, 0 to the right, clockwise
    est_centre: bool = False

    @property
    def libelle(self):
        if len(self.nom) <= LONGUEUR_NOM:
            return self.nom
        return self.nom[: LONGUEUR_NOM - 1].rstrip() + "…"

    @property
    def rayon(self):
        return 10 if self.est_centre else RAYON_NOEUD

    @property
    def a_gauche(self):
        return 90 < self.angle < 270

    @property
    def rotation(self):
        """The name reads outwards along the radius, never upside down."""
        return self.angle - 180 if self.a_gauche else self.angle

    @property
    def ancre(self):
        return "end" if self.a_gauche else "start"

    @property
    def decalage(self):
        return -(RAYON_NOEUD + 4) if self.a_gauche else RAYON_NOEUD + 4


@dataclass
class Arete:
    source: Noeud
    cible: Noeud
    type: str
    principale: bool  # drawn bold: a relation of the centre, or any in a graph without one
    courbure: float = 0.0

    @property
    def oriente(self):
        return self.type not in RELATIONS_SYMETRIQUES

    @property
    def libelle_type(self):
        return TypeRelation(self.type).label

    @property
    def phrase(self):
        return f"{self.source.nom} {self.libelle_type} {self.cible.nom}"

    @property
    def chemin(self):
        """An SVG path from edge to edge of the two nodes, so that the arrow head shows; bent
        by `courbure` pixels when two organisations have several relations."""
        x1, y1, x2, y2 = self.source.x, self.source.y, self.cible.x, self.cible.y
        longueur = math.hypot(x2 - x1, y2 - y1) or 1
        cx = (x1 + x2) / 2 - (y2 - y1) / longueur * self.courbure
        cy = (y1 + y2) / 2 + (x2 - x1) / longueur * self.courbure

        def retire(noeud):
            vx, vy = cx - noeud.x, cy - noeud.y
            part = (noeud.rayon + 2) / (math.hypot(vx, vy) or 1)
            return f"{noeud.x + vx * part:.1f},{noeud.y + vy * part:.1f}"

        return f"M{retire(self.source)} Q{cx:.1f},{cy:.1f} {retire(self.cible)}"


@dataclass
class Graphe:
    titre: str
    noeuds: list
    aretes: list
    autres: int = 0  # organisations left out
    url_autres: str = ""
    cote: int = 2 * (RAYON + MARGE)
    legende: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.aretes)


def disposer(noeuds, centre=None):
    """Puts the nodes on the circle, in their order, starting on the right."""
    milieu = RAYON + MARGE
    if centre:
        centre.x = centre.y = milieu
    for i, noeud in enumerate(noeuds):
        noeud.angle = 360 * i / len(noeuds)
        radians = math.radians(noeud.angle)
        noeud.x = round(milieu + RAYON * math.cos(radians), 1)
        noeud.y = round(milieu + RAYON * math.sin(radians), 1)


def courber(aretes):
    """Several relations between the same two organisations are drawn side by side."""
    paires = {}
    for arete in aretes:
        paires.setdefault(frozenset((id(arete.source), id(arete.cible))), []).append(arete)
    for groupe in paires.values():
        for i, arete in enumerate(groupe):
            # Bent the same way whichever end is the source.
            sens = 1 if arete.source.nom <= arete.cible.nom else -1
            arete.courbure = sens * (i - (len(groupe) - 1) / 2) * 18
    return aretes


def legende(aretes):
    presents = {arete.type for arete in aretes}
    return [(type_, TypeRelation(type_).label) for type_ in ORDRE_TYPES if type_ in presents]


def noeud_de(organisation):
    return Noeud(organisation.nom, organisation.get_absolute_url())


def relations_entre(pks):
    """The relations among these organisations, each once, in a fixed order."""
    lignes = (
        Relation.objects.filter(source_id__in=pks, cible_id__in=pks)
        .order_by("source_id", "cible_id", "type")
        .values_list("source_id", "cible_id", "type")
    )
    vues, relations = set(), []
    for source, cible, type_ in lignes:
        # Partners recorded both ways (A→B and B→A) are drawn once.
        cle = (min(source, cible), max(source, cible), type_)
        if type_ in RELATIONS_SYMETRIQUES and cle in vues:
            continue
        vues.add(cle)
        relations.append((source, cible, type_))
    return relations


def voisins_de(organisation):
    """{published related organisation's pk: its rank}, the rank being the most telling type
    of relation with it, then its age in the directory (its pk).

    The related organisations' rows are not read: whether they are published comes from the
    listing's index in memory, so that a network with thousands of members costs two
    index scans of the relations.
    """
    rang = {}
    for bout, autre in (("source", "cible_id"), ("cible", "source_id")):
        relations = Relation.objects.filter(**{bout: organisation}).order_by()
        for type_, autre_id in relations.values_list("type", autre):
            cle = (ORDRE_TYPES.index(type_), autre_id)
            rang[autre_id] = min(rang.get(autre_id, cle), cle)
    publiees = index_de(OrganisationFilter, Organisation.objects.published()).entrees
    return {pk: rang[pk] for pk in pks_de(en_bits(rang) & publiees)}


def graphe_organisation(organisation, limite=NOEUDS_MAX):
    """Its relations with published organisations, and the relations among those."""
    rang = voisins_de(organisation)
    gardes = sorted(rang, key=rang.get)[:limite]
    voisins = Organisation.objects.only("nom", "slug").in_bulk(gardes)
    # On the circle: by type of relation, then by name.
    gardes.sort(key=lambda pk: (rang[pk][0], voisins[pk].nom.casefold(), pk))
    noeuds = {pk: noeud_de(voisins[pk]) for pk in gardes}
    centre = Noeud(organisation.nom, organisation.get_absolute_url(), est_centre=True)
    noeuds[organisation.pk] = centre
    aretes = courber(
        [
            Arete(noeuds[source], noeuds[cible], type_, organisation.pk in (source, cible))
            for source, cible, type_ in relations_entre([organisation.pk, *gardes])
        ]
    )
    cercle = [noeuds[pk] for pk in gardes]
    autres = len(rang) - len(gardes)
    if autres:
        cercle.append(noeud_autres(autres, "#liens"))
    disposer(cercle, centre)
    return Graphe(
        titre=f"Les liens de {organisation.nom}",
        noeuds=[*cercle, centre],
        aretes=aretes,
        autres=autres,
        url_autres="#liens",
        legende=legende(aretes),
    )


def noeud_autres(nombre, url):
    return Noeud(f"{nombre} autre{'s' if nombre > 1 else ''}", url)


def classement_par_liens(index):
    """(Classement, bitset): the published organisations linked to another published one,
    the most linked first (then the oldest in the directory).

    Read with every relation, once per version of the data and process, and kept with the
    organisations listing's `index` (of the same version), so that a territory's or a
    theme's graph never reads all of its relations.
    """

    def construire():
        publiees = set(pks_de(index.entrees))
        liens = Counter()
        for source, cible in lignes(Relation.objects.order_by().values_list("source", "cible")):
            if source in publiees and cible in publiees:
                liens[source] += 1
                liens[cible] += 1
        ordre = sorted(liens, key=lambda pk: (-liens[pk], pk))
        return Classement.de(ordre), en_bits(ordre)

    return index.derive("liens", construire)


def graphe_ensemble(organisations, index, titre, url_autres="", limite=NOEUDS_MAX):
    """The relations among a set of organisations (a bitset of the organisations listing's
    `index`: a territory's, a theme's…): among its CANDIDATS most linked organisations, the
    `limite` with the most relations among themselves, in order of legal form and name.

    Two queries however large the set: the relations among the candidates, their names.
    """
    classement, liees = classement_par_liens(index)
    candidats = classement.premiers_de(organisations & liees, CANDIDATS)
    relations = relations_entre(candidats)
    degres = Counter(pk for source, cible, _ in relations for pk in (source, cible))
    rang = {pk: i for i, pk in enumerate(candidats)}
    gardes = set(sorted(degres, key=lambda pk: (-degres[pk], rang[pk]))[:limite])
    relations = [r for r in relations if r[0] in gardes and r[1] in gardes]
    dessines = {pk for source, cible, _ in relations for pk in (source, cible)}
    fiches = Organisation.objects.only("nom", "slug", "forme_juridique").in_bulk(dessines)
    ordre = sorted(dessines, key=lambda pk: (fiches[pk].forme_juridique, fiches[pk].nom, pk))
    noeuds = {pk: noeud_de(fiches[pk]) for pk in ordre}
    aretes = courber([Arete(noeuds[s], noeuds[c], type_, True) for s, c, type_ in relations])
    # Every linked organisation of the set was a candidate: those with a relation within it
    # are known. Otherwise, those linked to any organisation.
    liees_du_set = (organisations & liees).bit_count()
    autres = (len(degres) if liees_du_set <= len(candidats) else liees_du_set) - len(dessines)
    cercle = [noeuds[pk] for pk in ordre]
    if autres:
        cercle.append(noeud_autres(autres, url_autres))
    disposer(cercle)
    return Graphe(titre, cercle, aretes, autres, url_autres, legende=legende(aretes))
