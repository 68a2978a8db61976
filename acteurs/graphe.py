"""Partnership graphs, laid out on the server and drawn as SVG.

The organisations sit in one column, in a fixed order (their relation's type, then their
name), with their names (or acronyms) written on the right, horizontally and whole, and their
relations drawn as arcs on the left, so that no line crosses a name; the same data always
draws the same picture, as large as what it holds. An organisation's own graph has it on
top; a territory's or a theme's has none. Beyond sixty organisations, the most significant are
drawn (around an organisation: by type of relation, then the longest known; in a territory or
a theme: the most linked) and one more node says how many are left out.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from html import escape

from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from ecosysteme.listes.index_facettes import Classement, en_bits, lignes

from .enums import RELATIONS_SYMETRIQUES, TypeRelation
from .liens import NOEUDS_MAX, ORDRE_TYPES, Voisinage, voisinage
from .models import Organisation, Relation

# A territory's or a theme's graph draws, among this many of its most linked organisations,
# those with the most relations among themselves.
CANDIDATS = 2 * NOEUDS_MAX
# The drawing is sized in CSS pixels and shown at that size (never enlarged, and narrower than
# a phone's column), so that its names keep the small text size of the site, 14 px.
TAILLE_TEXTE = 14
INTERLIGNE = 18
PAS = 30  # between two organisations whose names hold on one line
# Names wider than this wrap, whole, on several lines: with the arcs on their left, the
# drawing stays within a 360 px wide phone's column (328 px).
LARGEUR_NOM_MAX = 190
RAYON_NOEUD = 6
ECART_NOM = 8  # between a node and its name
ARC_MIN, ARC_MAX = 20, 110  # how far the relations bend out to the left
# Spans are measured against this height at least, so that a small graph has small arcs.
HAUTEUR_REFERENCE = 400
ECART_PARALLELES = 16  # between two relations of the same two organisations
MARGE = 6


# Widths of characters, in ems, a little above those of DejaVu Sans (the widest of the
# usual system fonts), so that an estimated name is never wider than its drawing.
class Largeurs(dict):
    """Width of each character, in ems; any other than those given, by its kind (learnt once)."""

    def __missing__(self, c):
        self[c] = 0.76 if c.isupper() else 0.66 if c.isdigit() else 0.64
        return self[c]


LARGEURS = Largeurs({**dict.fromkeys("ijlI.,;:'’|!", 0.32), **dict.fromkeys("ftr -()", 0.42)})
LARGEURS.update(dict.fromkeys("mwMW@", 1.0))


def largeur_texte(texte, gras=False):
    ems = sum(map(LARGEURS.__getitem__, texte))
    return ems * TAILLE_TEXTE * (1.12 if gras else 1)


@dataclass
class Noeud:
    nom: str
    url: str
    sigle: str = ""
    x: float = 0.0
    y: float = 0.0
    est_centre: bool = False
    interligne = INTERLIGNE

    @property
    def libelle(self):
        """The acronym when there is one: the full name is in the title and the text version."""
        return self.sigle or self.nom

    @property
    def titre(self):
        return f"{self.nom} ({self.sigle})" if self.sigle else self.nom

    @cached_property
    def lignes(self):
        lignes = []
        for mot in self.libelle.split():
            suite = f"{lignes[-1]} {mot}" if lignes else mot
            if lignes and largeur_texte(suite, self.est_centre) <= LARGEUR_NOM_MAX:
                lignes[-1] = suite
            else:
                lignes.append(mot)
        return lignes or [self.libelle]

    @property
    def largeur(self):
        return max(largeur_texte(ligne, self.est_centre) for ligne in self.lignes)

    @property
    def rayon(self):
        return 8 if self.est_centre else RAYON_NOEUD

    @property
    def x_texte(self):
        return self.x + RAYON_NOEUD + ECART_NOM

    @property
    def suites(self):
        """The lines of the name after the first."""
        return self.lignes[1:]

    @property
    def svg(self):
        """Its link, circle and name; numbers unlocalised (points, not commas)."""
        suites = "".join(
            f'<tspan x="{self.x_texte}" dy="{self.interligne}">{escape(ligne)}</tspan>'
            for ligne in self.suites
        )
        centre = " graphe__noeud--centre" if self.est_centre else ""
        return (
            f'<a class="graphe__noeud{centre}" href="{escape(self.url)}">\n'
            f"      <title>{escape(self.titre)}</title>\n"
            f'      <circle cx="{self.x}" cy="{self.y}" r="{self.rayon}"/>\n'
            f'      <text x="{self.x_texte}" y="{self.y}" dy="0.35em">'
            f"{escape(self.lignes[0])}{suites}</text>\n    </a>"
        )


@dataclass
class Arete:
    source: Noeud
    cible: Noeud
    type: str
    principale: bool  # drawn bold: a relation of the centre, or any in a graph without one
    courbure: float = 0.0  # further out, for the second relation of the same two organisations
    ecart: float = ARC_MIN  # how far out it bends

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
    def svg(self):
        secondaire = "" if self.principale else " graphe__arete--secondaire"
        fleche = ' marker-end="url(#graphe-fleche)"' if self.oriente else ""
        return (
            f'<path class="graphe__arete graphe__arete--{escape(self.type)}{secondaire}" '
            f'd="{self.chemin}"{fleche}><title>{escape(self.phrase)}</title></path>'
        )

    @property
    def chemin(self):
        """An SVG path from the left of one node to the left of the other, bending out to the
        left of the column, away from the names: an arrow head shows where it ends."""
        x = self.source.x - self.source.rayon - 2
        controle = self.source.x - self.ecart - self.courbure
        y1, y2 = self.source.y, self.cible.y
        return (
            f"M{x:.1f},{y1:.1f} C{controle:.1f},{y1:.1f} {controle:.1f},{y2:.1f} {x:.1f},{y2:.1f}"
        )


@dataclass
class Graphe:
    titre: str
    noeuds: list
    aretes: list
    autres: int = 0  # organisations left out
    url_autres: str = ""
    largeur: int = 0
    hauteur: int = 0
    legende: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.aretes)

    @property
    def elements_svg(self):
        """The relations, then the organisations over them, as SVG elements: written here
        rather than by loops of the template, for a few hundred values in a large graph
        (every text escaped)."""
        elements = [arete.svg for arete in self.aretes] + [noeud.svg for noeud in self.noeuds]
        return mark_safe("\n    ".join(elements))


def disposer(noeuds, aretes):
    """Puts the nodes in one column, in their order, their names on the right (horizontal,
    never cut) and the relations as arcs on the left: no line crosses a name, and the
    drawing is as large as what it holds. Returns its (width, height)."""
    y = MARGE + INTERLIGNE / 2
    for noeud in noeuds:
        noeud.y = round(y, 1)
        y += PAS + INTERLIGNE * (len(noeud.lignes) - 1)
    hauteur = y - PAS + INTERLIGNE / 2 + MARGE
    # The farther apart, the farther out: each span has its own curve, the longest ARC_MAX.
    for arete in aretes:
        portee = abs(arete.cible.y - arete.source.y) / max(hauteur, HAUTEUR_REFERENCE)
        arete.ecart = ARC_MIN + (ARC_MAX - ARC_MIN) * math.sqrt(portee)
    # A curve whose control points lie d to the left of its ends bends out by 3/4 of d.
    saillie = max((0.75 * (a.ecart + a.courbure) for a in aretes), default=0)
    x = round(MARGE + saillie + RAYON_NOEUD, 1)
    for noeud in noeuds:
        noeud.x = x
    largeur = max((noeud.x_texte + noeud.largeur for noeud in noeuds), default=0) + MARGE
    return math.ceil(largeur), math.ceil(hauteur)


def courber(aretes):
    """Several relations between the same two organisations are drawn one beside the other."""
    paires = {}
    for arete in aretes:
        paires.setdefault(frozenset((id(arete.source), id(arete.cible))), []).append(arete)
    for groupe in paires.values():
        for i, arete in enumerate(groupe):
            arete.courbure = i * ECART_PARALLELES
    return aretes


def legende(aretes):
    presents = {arete.type for arete in aretes}
    return [(type_, TypeRelation(type_).label) for type_ in ORDRE_TYPES if type_ in presents]


def noeud_de(organisation, est_centre=False):
    return Noeud(
        organisation.nom,
        organisation.get_absolute_url(),
        organisation.sigle_affiche,
        est_centre=est_centre,
    )


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


def graphe_organisation(organisation, voisins=None):
    """Its relations with published organisations, and the relations among those.

    `voisins`: its liens.Voisinage, if read already (None: it has no relation).
    """
    if voisins is None:
        voisins = voisinage(organisation) or Voisinage({}, [], 0)
    type_de = {pk: rang_type for rang_type, pk in voisins.dessinees}
    gardes = list(type_de)
    fiches = Organisation.objects.only("nom", "sigle", "slug").in_bulk(gardes)
    # Under the organisation: by type of relation, then by name.
    gardes.sort(key=lambda pk: (type_de[pk], fiches[pk].nom.casefold(), pk))
    noeuds = {pk: noeud_de(fiches[pk]) for pk in gardes}
    centre = noeud_de(organisation, est_centre=True)
    noeuds[organisation.pk] = centre
    aretes = courber(
        [
            Arete(noeuds[source], noeuds[cible], type_, organisation.pk in (source, cible))
            for source, cible, type_ in relations_entre([organisation.pk, *gardes])
        ]
    )
    colonne = [centre, *(noeuds[pk] for pk in gardes)]
    autres = voisins.voisines - len(gardes)
    if autres:
        colonne.append(noeud_autres(autres, "#liens"))
    largeur, hauteur = disposer(colonne, aretes)
    return Graphe(
        titre=gettext("Les liens de %(nom)s") % {"nom": organisation.nom},
        noeuds=colonne,
        aretes=aretes,
        autres=autres,
        url_autres="#liens",
        largeur=largeur,
        hauteur=hauteur,
        legende=legende(aretes),
    )


def noeud_autres(nombre, url):
    return Noeud(
        ngettext("%(nombre)s autre", "%(nombre)s autres", nombre) % {"nombre": nombre}, url
    )


def classement_par_liens(index):
    """(Classement, bitset): the published organisations linked to another published one,
    the most linked first (then the oldest in the directory).

    Read with every relation, once per version of the data and process, and kept with the
    organisations listing's `index` (of the same version), so that a territory's or a
    theme's graph never reads all of its relations.
    """

    def construire():
        publiees = index.entrees
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
    fiches = Organisation.objects.only("nom", "sigle", "slug", "forme_juridique").in_bulk(dessines)
    ordre = sorted(dessines, key=lambda pk: (fiches[pk].forme_juridique, fiches[pk].nom, pk))
    noeuds = {pk: noeud_de(fiches[pk]) for pk in ordre}
    aretes = courber([Arete(noeuds[s], noeuds[c], type_, True) for s, c, type_ in relations])
    # Every linked organisation of the set was a candidate: those with a relation within it
    # are known. Otherwise, those linked to any organisation.
    liees_du_set = organisations.intersection_cardinality(liees)
    autres = (len(degres) if liees_du_set <= len(candidats) else liees_du_set) - len(dessines)
    colonne = [noeuds[pk] for pk in ordre]
    if autres:
        colonne.append(noeud_autres(autres, url_autres))
    largeur, hauteur = disposer(colonne, aretes)
    return Graphe(titre, colonne, aretes, autres, url_autres, largeur, hauteur, legende(aretes))
