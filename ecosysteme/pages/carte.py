"""The maps: France (overseas départements as insets) and Belgium, shaded by the number of
organisations, each area a link to the listing filtered on it.

Each map is drawn by région or by département (province in Belgium), whichever the data
holds: by région as soon as some organisation is placed in a région and in none of its
départements (a whole région, a former région), since a map by département would leave it
out; by département otherwise, which says more.

The outlines are a static file, ecosysteme/donnees/fonds_de_carte.json, made once by
scripts/fonds_de_carte.py (see ecosysteme/donnees/FONDS_DE_CARTE.md for their source and
licence). Areas are matched to the directory's territories by level and official code: INSEE
code of the région or département, NIS code of the Belgian region or province.
"""

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext, pgettext_lazy
from pyroaring import BitMap

from ecosysteme.enums import NiveauTerritoire
from ecosysteme.listes.index_facettes import union
from ecosysteme.models import Territoire

FONDS = Path(__file__).resolve().parent.parent / "donnees" / "fonds_de_carte.json"
CODES_PAYS = {"france": "FR", "belgique": "BE"}
PAYS = {code: nom for nom, code in CODES_PAYS.items()}
NIVEAU_PAYS, REGION, DEPARTEMENT = (
    NiveauTerritoire.PAYS,
    NiveauTerritoire.REGION,
    NiveauTerritoire.DEPARTEMENT,
)
# Each map's country, what its areas are called at each level (one, several), and why it is
# drawn at that level.
NOMS_PAYS = {"france": gettext_lazy("France"), "belgique": gettext_lazy("Belgique")}
ZONES = {
    ("france", REGION): (gettext_lazy("région"), gettext_lazy("régions")),
    ("france", DEPARTEMENT): (gettext_lazy("département"), gettext_lazy("départements")),
    # The Belgian regions are not the French ones: « gewesten » in Dutch.
    ("belgique", REGION): (
        pgettext_lazy("Belgique", "région"),
        pgettext_lazy("Belgique", "régions"),
    ),
    ("belgique", DEPARTEMENT): (gettext_lazy("province"), gettext_lazy("provinces")),
}
EXPLICATIONS = {
    ("france", REGION): gettext_lazy(
        "Par région, car %(nombre)s que dans une région (ou une ancienne région), sans "
        "département plus précis. Chaque région compte toutes les organisations qui s'y situent."
    ),
    ("france", DEPARTEMENT): gettext_lazy(
        "Par département : chaque organisation de la carte y est placée dans un département ou "
        "plus précisément."
    ),
    ("belgique", REGION): gettext_lazy(
        "Par région, car %(nombre)s que dans une région, sans province plus précise. Chaque "
        "région compte toutes les organisations qui s'y situent."
    ),
    ("belgique", DEPARTEMENT): gettext_lazy(
        "Par province : chaque organisation de la carte y est placée dans une province, dans la "
        "Région de Bruxelles-Capitale ou plus précisément."
    ),
}
HORS_ZONE = {"france": gettext_lazy("en France"), "belgique": gettext_lazy("en Belgique")}
NUANCES = 4  # shades for the areas with organisations; one more for those without
PLACE_ETIQUETTE = 22  # an area narrower than this (pixels) shows its count in its title only


@cache
def fonds():
    return json.loads(FONDS.read_text(encoding="utf-8"))


@dataclass
class Zone:
    code: str
    niveau: str  # of the territory it stands for: Brussels is a region among provinces
    nom: str
    d: str
    x: float
    y: float
    place: float
    departements: list = field(default_factory=list)  # a region's, by code
    renvoi: dict = None  # where an area too small for its count is named, by a line
    territoire: Territoire = None
    url: str = ""  # the listing filtered on its territory, if the directory has it
    bits: BitMap = field(default_factory=BitMap)  # its organisations, in the listing's index
    nuance: int = 0
    courante: bool = False

    @property
    def nombre(self):
        return len(self.bits)

    @property
    def etiquetee(self):
        return self.nombre and self.place >= PLACE_ETIQUETTE and not self.renvoi

    @property
    def description(self):
        if not self.nombre:
            return gettext("%(zone)s : aucune organisation") % {"zone": self.nom}
        return ngettext(
            "%(zone)s : %(nombre)s organisation",
            "%(zone)s : %(nombre)s organisations",
            self.nombre,
        ) % {"zone": self.nom, "nombre": self.nombre}


@dataclass
class Nuance:
    rang: int
    bas: int
    haut: int

    @property
    def libelle(self):
        if not self.haut:
            return pgettext("organisations", "aucune")
        if self.bas == self.haut:
            return str(self.bas)
        return gettext("%(bas)s à %(haut)s") % {"bas": self.bas, "haut": self.haut}


@dataclass
class Carte:
    nom: str
    niveau: str  # REGION or DEPARTEMENT: what its areas are
    largeur: int
    hauteur: int
    zones: list
    encarts: list
    nuances: list = field(default_factory=list)
    sans_departement: int = 0  # organisations in a region and in none of its départements
    sans_region: int = 0  # organisations in the country and in none of its areas
    territoire: Territoire = None  # the page's, marked on the map

    @property
    def zone(self):
        """What an area is called: « département »."""
        return ZONES[self.nom, self.niveau][0]

    @property
    def zones_au_pluriel(self):
        return ZONES[self.nom, self.niveau][1]

    @property
    def titre(self):
        return gettext("%(pays)s, par %(zone)s") % {"pays": NOMS_PAYS[self.nom], "zone": self.zone}

    @property
    def explication(self):
        """Why the map is drawn at its level, and what it leaves out."""
        n = self.sans_departement
        nombre = ngettext(
            "%(nombre)s organisation n'y est placée",
            "%(nombre)s organisations n'y sont placées",
            n,
        ) % {"nombre": n}
        texte = str(EXPLICATIONS[self.nom, self.niveau]) % {"nombre": nombre}
        lieu = HORS_ZONE[self.nom]
        if self.sans_region == 1:
            texte += " " + gettext(
                "Une autre, placée %(lieu)s sans plus de précision, ne figure sur aucune zone."
            ) % {"lieu": lieu}
        elif self.sans_region:
            texte += " " + gettext(
                "%(nombre)s autres, placées %(lieu)s sans plus de précision, ne figurent sur "
                "aucune zone."
            ) % {"nombre": self.sans_region, "lieu": lieu}
        return texte

    @property
    def libelle_courant(self):
        """The legend of the areas marked: the page's territory, or the areas it lies in."""
        courantes = [zone for zone in self.zones if zone.courante]
        if not courantes or any(zone.territoire == self.territoire for zone in courantes):
            return self.territoire.nom
        if all(self.territoire in zone.territoire.ancetres() for zone in courantes):
            return self.territoire.nom  # areas within it
        noms = ", ".join(zone.nom for zone in courantes)
        return gettext("%(zones)s, où se situe %(territoire)s") % {
            "zones": noms,
            "territoire": self.territoire.nom,
        }

    @cached_property
    def zones_peuplees(self):
        """The areas with organisations, most first: the map's table."""
        return sorted((z for z in self.zones if z.nombre), key=lambda z: (-z.nombre, z.nom))

    # The areas and their labels are written here rather than in a template loop: a hundred
    # areas cost a millisecond this way, twenty through the template engine.

    @cached_property
    def dessin(self):
        """Each area: a link to its listing when the directory has its territory."""
        morceaux = []
        for zone in self.zones:
            classes = f"carto__zone carto__zone--{zone.nuance}"
            if zone.courante:
                classes += " carto__zone--courante"
            chemin = format_html(
                '<path class="{}" d="{}"><title>{}</title></path>',
                classes,
                zone.d,
                zone.description,
            )
            if zone.url:
                chemin = format_html(
                    '<a href="{}" aria-label="{}">{}</a>', zone.url, zone.description, chemin
                )
            morceaux.append(chemin)
        return mark_safe("\n".join(morceaux))  # each piece escaped by format_html

    @cached_property
    def etiquettes(self):
        """The count written on each area wide enough for it; the small areas named beside
        them, with their count, at the end of a line."""
        comptes = format_html_join(
            "",
            '<text class="{}" x="{}" y="{}">{}</text>',
            (
                (
                    "carto__etiquette" + (" carto__etiquette--claire" if z.nuance >= 3 else ""),
                    z.x,
                    z.y,
                    z.nombre,
                )
                for z in self.zones
                if z.etiquetee
            ),
        )
        renvois = format_html_join(
            "",
            '<line class="carto__trait" x1="{}" y1="{}" x2="{}" y2="{}"/>'
            '<text class="carto__renvoi" x="{}" y="{}">{}{}</text>',
            (
                (
                    z.x,
                    z.y,
                    z.renvoi["x"],
                    z.renvoi["y"],
                    z.renvoi["x"],
                    z.renvoi["y"],
                    z.renvoi["nom"],
                    format_html(' : <tspan class="carto__compte">{}</tspan>', z.nombre)
                    if z.nombre
                    else "",
                )
                for z in self.zones
                if z.renvoi
            ),
        )
        return comptes + renvois


def nuances(maximum):
    """Up to NUANCES ranges of counts, the last ending at the largest count."""
    if not maximum:
        return [Nuance(0, 0, 0)]
    bornes = sorted({max(1, round(maximum * rang / NUANCES)) for rang in range(1, NUANCES + 1)})
    resultat, bas = [Nuance(0, 0, 0)], 1
    for rang, haut in enumerate(bornes, start=1):
        resultat.append(Nuance(rang, bas, haut))
        bas = haut + 1
    return resultat


def territoires_des_zones(index):
    """{map name: {(level, code): territory}}, the countries included, with the parents that
    ancetres() reads: one query per process and per change of the data, kept with the
    organisations listing's `index` (ecosysteme.listes.index_facettes), which every write
    that may move them forgets."""
    return index.derive("territoires_des_zones", lire_territoires_des_zones)


def lire_territoires_des_zones():
    codes = {
        zone["code"]
        for carte in fonds()["cartes"].values()
        for zones in carte["niveaux"].values()
        for zone in zones
    }
    territoires = Territoire.objects.filter(
        Q(code__in=codes, niveau__in=[REGION, DEPARTEMENT]) | Q(code__in=PAYS, niveau=NIVEAU_PAYS)
    ).select_related("parent__parent__parent")
    par_carte = {nom: {} for nom in NOMS_PAYS}
    for territoire in territoires:
        nom = carte_du_territoire(territoire)
        if nom is not None:
            par_carte[nom][territoire.niveau, territoire.code] = territoire
    return par_carte


def zones_du_niveau(nom, niveau, territoires, index):
    """The areas of a map at one level, with their territories and organisations."""
    liste = reverse("organisation_list")
    zones = []
    for donnees in fonds()["cartes"][nom]["niveaux"][niveau]:
        zone = Zone(**donnees)
        zone.territoire = territoires.get((zone.niveau, zone.code))
        if zone.territoire is not None:
            zone.nom = zone.territoire.nom  # as the listing it leads to names it
            zone.url = f"{liste}?territoire={zone.territoire.slug}"
            zone.bits = index.par_defaut("territoire", zone.territoire.pk)
        zones.append(zone)
    return zones


def carte(nom, territoires, index, territoire=None):
    """One map, at the level its data holds (see the module's docstring), its areas that
    contain `territoire`, or lie within it, marked as current."""
    regions = zones_du_niveau(nom, REGION, territoires, index)
    departements = zones_du_niveau(nom, DEPARTEMENT, territoires, index)
    par_code = {zone.code: zone for zone in departements}
    sans_departement = union(
        region.bits - union(par_code[code].bits for code in region.departements)
        for region in regions
    )
    zones = regions if sans_departement else departements
    pays = territoires.get((NIVEAU_PAYS, CODES_PAYS[nom]))
    sans_region = BitMap()
    if pays is not None:
        placees = union(zone.bits for zone in regions + departements)
        sans_region = index.par_defaut("territoire", pays.pk) - placees
    if territoire is not None:
        autour = {territoire.pk, *(parent.pk for parent in territoire.ancetres())}
        for zone in zones:
            if zone.territoire is not None:
                dessous = territoire in zone.territoire.ancetres()
                zone.courante = zone.territoire.pk in autour or dessous
    echelle = nuances(max((zone.nombre for zone in zones), default=0))
    for zone in zones:
        zone.nuance = next(n.rang for n in echelle if zone.nombre <= n.haut)
    zones.sort(key=lambda zone: zone.courante)  # drawn last: their outline stays whole
    dessin = fonds()["cartes"][nom]
    return Carte(
        nom,
        REGION if sans_departement else DEPARTEMENT,
        dessin["largeur"],
        dessin["hauteur"],
        zones,
        dessin["encarts"],
        echelle,
        sans_departement=len(sans_departement),
        sans_region=len(sans_region),
        territoire=territoire,
    )


def cartes(index, noms=("france", "belgique"), territoire=None):
    """The maps named, with each area's count of organisations in it or below it, read from
    the organisations listing's `index` (ecosysteme.listes.index_facettes)."""
    par_carte = territoires_des_zones(index)
    return [carte(nom, par_carte[nom], index, territoire) for nom in noms]


def carte_du_territoire(territoire):
    """The name of the map a territory belongs to, or None (a territory outside both)."""
    pays = (territoire.ancetres()[-1:] or [territoire])[0]
    if pays.niveau != NiveauTerritoire.PAYS:
        return None
    return PAYS.get(pays.code)
