"""The maps: France by département (overseas ones as insets) and Belgium by province, shaded by
the number of organisations, each area a link to the listing filtered on it.

The outlines are a static file, ecosysteme/donnees/fonds_de_carte.json, made once by
scripts/fonds_de_carte.py (see ecosysteme/donnees/FONDS_DE_CARTE.md for their source and
licence). Areas are matched to the directory's territories by official code: INSEE code of the
département, NIS code of the province (04000, the region's, for Brussels).
"""

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Territoire

FONDS = Path(__file__).resolve().parent.parent / "donnees" / "fonds_de_carte.json"
# Which territories each map's areas are: French départements; Belgian provinces, and the
# Brussels-Capital Region, which belongs to none.
NIVEAUX = {
    "france": [NiveauTerritoire.DEPARTEMENT],
    "belgique": [NiveauTerritoire.DEPARTEMENT, NiveauTerritoire.REGION],
}
PAYS = {"FR": "france", "BE": "belgique"}
# Each map's title, and what its areas are called (one, several).
TITRES = {
    "france": ("France, par département", "département", "départements"),
    "belgique": ("Belgique, par province", "province", "provinces"),
}
NUANCES = 4  # shades for the areas with organisations; one more for those without
PLACE_ETIQUETTE = 22  # an area narrower than this (pixels) shows its count in its title only


@cache
def fonds():
    return json.loads(FONDS.read_text(encoding="utf-8"))


@dataclass
class Zone:
    code: str
    nom: str
    d: str
    x: float
    y: float
    place: float
    territoire: Territoire = None
    url: str = ""  # the listing filtered on its territory, if the directory has it
    nombre: int = 0
    nuance: int = 0
    courante: bool = False

    @property
    def etiquetee(self):
        return self.nombre and self.place >= PLACE_ETIQUETTE

    @property
    def description(self):
        if not self.nombre:
            return f"{self.nom} : aucune organisation"
        return f"{self.nom} : {self.nombre} organisation{'s' if self.nombre > 1 else ''}"


@dataclass
class Nuance:
    rang: int
    bas: int
    haut: int

    @property
    def libelle(self):
        if not self.haut:
            return "aucune"
        if self.bas == self.haut:
            return str(self.bas)
        return f"{self.bas} à {self.haut}"


@dataclass
class Carte:
    nom: str
    titre: str
    zone: str  # what an area is called: « département »
    zones_au_pluriel: str
    largeur: int
    hauteur: int
    zones: list
    encarts: list
    nuances: list = field(default_factory=list)

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
        """The count written on each area wide enough for it."""
        return format_html_join(
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
    """{map name: {code: territory}}, with the parents that ancetres() reads: one query per
    process and per change of the data, kept with the organisations listing's `index`
    (ecosysteme.listes.index_facettes), which every write that may move them forgets."""
    return index.derive("territoires_des_zones", lire_territoires_des_zones)


def lire_territoires_des_zones():
    codes = [zone["code"] for carte in fonds()["cartes"].values() for zone in carte["zones"]]
    territoires = Territoire.objects.filter(
        code__in=codes,
        niveau__in=[NiveauTerritoire.DEPARTEMENT, NiveauTerritoire.REGION],
    ).select_related("parent__parent__parent")
    par_carte = {nom: {} for nom in NIVEAUX}
    for territoire in territoires:
        nom = carte_du_territoire(territoire)
        if nom is not None and territoire.niveau in NIVEAUX[nom]:
            par_carte[nom][territoire.code] = territoire
    return par_carte


def cartes(index, noms=("france", "belgique"), territoire=None):
    """The maps named, with each area's count of organisations in it or below it, read from
    the organisations listing's `index` (ecosysteme.listes.index_facettes). Areas that contain
    `territoire`, or lie within it, are marked as current."""
    par_carte = territoires_des_zones(index)
    autour = set()
    if territoire is not None:
        autour = {territoire.pk, *(parent.pk for parent in territoire.ancetres())}
    liste = reverse("organisation_list")
    resultat = []
    for nom in noms:
        dessin = fonds()["cartes"][nom]
        zones = []
        for donnees in dessin["zones"]:
            zone = Zone(**donnees, territoire=par_carte[nom].get(donnees["code"]))
            if zone.territoire is not None:
                zone.nom = zone.territoire.nom  # as the listing it leads to names it
                zone.url = f"{liste}?territoire={zone.territoire.slug}"
                zone.nombre = index.par_defaut("territoire", zone.territoire.pk).bit_count()
                if territoire is not None:
                    dessous = territoire in zone.territoire.ancetres()
                    zone.courante = zone.territoire.pk in autour or dessous
            zones.append(zone)
        echelle = nuances(max((zone.nombre for zone in zones), default=0))
        for zone in zones:
            zone.nuance = next(n.rang for n in echelle if zone.nombre <= n.haut)
        zones.sort(key=lambda zone: zone.courante)  # drawn last: their outline stays whole
        resultat.append(
            Carte(
                nom,
                *TITRES[nom],
                dessin["largeur"],
                dessin["hauteur"],
                zones,
                dessin["encarts"],
                echelle,
            )
        )
    return resultat


def carte_du_territoire(territoire):
    """The name of the map a territory belongs to, or None (a territory outside both)."""
    pays = (territoire.ancetres()[-1:] or [territoire])[0]
    if pays.niveau != NiveauTerritoire.PAYS:
        return None
    return PAYS.get(pays.code)
