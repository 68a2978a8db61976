import re
from html import unescape

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from ecosysteme.enums import NiveauTerritoire
from ecosysteme.pages.carte import fonds, nuances
from scripts.fonds_de_carte import contour
from tests.factories import OrganisationFactory, TerritoireFactory

pytestmark = pytest.mark.django_db


def pays_et_departements():
    """France → Nouvelle-Aquitaine → Gironde (33) → Bordeaux, and Landes (40); Belgique →
    Région de Bruxelles-Capitale (04000) → Bruxelles, and the province of Liège (60000)."""
    france = TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS, code="FR")
    region = TerritoireFactory(
        nom="Nouvelle-Aquitaine",
        slug="nouvelle-aquitaine",
        niveau="region",
        code="75",
        parent=france,
    )
    gironde = TerritoireFactory(
        nom="Gironde", slug="gironde", niveau="departement", code="33", parent=region
    )
    landes = TerritoireFactory(
        nom="Landes", slug="landes", niveau="departement", code="40", parent=region
    )
    bordeaux = TerritoireFactory(nom="Bordeaux", slug="bordeaux", code="33063", parent=gironde)
    belgique = TerritoireFactory(nom="Belgique", slug="belgique", niveau="pays", code="BE")
    bruxelles = TerritoireFactory(
        nom="Région de Bruxelles-Capitale", slug="bruxelles", niveau="region", code="04000",
        parent=belgique,
    )  # fmt: skip
    liege = TerritoireFactory(
        nom="Liège", slug="liege", niveau="departement", code="60000", parent=belgique
    )
    return {
        "france": france,
        "region": region,
        "gironde": gironde,
        "landes": landes,
        "bordeaux": bordeaux,
        "belgique": belgique,
        "bruxelles": bruxelles,
        "liege": liege,
    }


def zone(response, code_ou_nom):
    """The markup of one area of the maps, found by the name in its title."""
    html = response.content.decode()
    trouve = re.search(rf"<(a|path)[^>]*>(?:(?!</a>).)*?<title>{code_ou_nom} :[^<]*</title>", html)
    assert trouve, f"aucune zone « {code_ou_nom} » sur la page"
    return trouve.group(0)


def texte(response):
    return unescape(response.content.decode())


def niveaux(nom):
    return fonds()["cartes"][nom]["niveaux"]


def test_the_outlines_hold_every_departement_and_province():
    cartes = fonds()["cartes"]
    france = {zone["code"] for zone in niveaux("france")["departement"]}
    belgique = {zone["code"] for zone in niveaux("belgique")["departement"]}

    assert len(france) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976", "75", "33"} <= france
    assert belgique == {
        "04000", "10000", "20001", "20002", "30000", "40000",
        "50000", "60000", "70000", "80000", "90000",
    }  # fmt: skip
    for carte in cartes.values():
        for zones in carte["niveaux"].values():
            for area in zones:
                assert re.fullmatch(r"(M[-\d.]+,[-\d.]+l[-\d., ]+z)+", area["d"]), area["nom"]
                assert 0 < area["x"] < carte["largeur"] and 0 < area["y"] < carte["hauteur"]
    assert [encart["nom"] for encart in cartes["france"]["encarts"]] == [
        "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte",
    ]  # fmt: skip


def test_the_regions_are_whole_and_each_departement_in_one_of_them():
    for nom, nombre in [("france", 18), ("belgique", 3)]:
        regions = niveaux(nom)["region"]
        departements = [zone["code"] for zone in niveaux(nom)["departement"]]
        membres = [code for region in regions for code in region["departements"]]
        assert len(regions) == nombre
        assert sorted(membres) == sorted(departements)  # each in one région, and only one

    par_code = {region["code"]: region for region in niveaux("france")["region"]}
    assert par_code["75"]["nom"] == "Nouvelle-Aquitaine"
    assert len(par_code["75"]["departements"]) == 12
    assert par_code["94"]["departements"] == ["2A", "2B"]
    assert par_code["04"]["departements"] == ["974"]
    assert {"11", "24", "27", "28", "32", "44", "52", "53", "76", "84", "93"} < set(par_code)
    # Its outline is not its départements' drawn side by side: the borders inside it are gone.
    gironde = next(zone for zone in niveaux("france")["departement"] if zone["code"] == "33")
    assert len(par_code["75"]["d"]) < len(gironde["d"]) * 6


def test_brussels_is_named_beside_itself_at_both_levels():
    for niveau in ["region", "departement"]:
        (bruxelles,) = [zone for zone in niveaux("belgique")[niveau] if zone["code"] == "04000"]
        assert bruxelles["niveau"] == "region"
        assert bruxelles["renvoi"]["nom"] == "Bruxelles"


def test_a_region_outline_is_the_arcs_its_parts_do_not_share():
    # Two squares side by side, sharing arc 1 (read backwards by the second): their union is
    # one ring of the six other arcs, in order.
    arcs = [
        [(0, 0), (1, 0)],  # 0: bottom of the left square
        [(1, 0), (1, 1)],  # 1: the shared side
        [(1, 1), (0, 1), (0, 0)],  # 2: top and left of the left square
        [(1, 0), (2, 0)],  # 3
        [(2, 0), (2, 1)],  # 4
        [(2, 1), (1, 1)],  # 5
    ]
    gauche = [[[0, 1, 2]]]
    droite = [[[3, 4, 5, ~1]]]
    ile = [[[6]]]
    arcs.append([(5, 5), (6, 5), (6, 6), (5, 5)])  # 6: an island, a ring of its own

    assert contour([gauche, droite, ile], arcs) == [[[0, 3, 4, 5, 2]], [[6]]]


def test_home_map_is_by_departement_when_every_organisation_is_in_one(client):
    t = pays_et_departements()
    OrganisationFactory(siege=t["bordeaux"])  # in a commune of the Gironde
    OrganisationFactory().territoires_action.add(t["gironde"])
    OrganisationFactory(siege=t["bordeaux"], is_published=False)
    OrganisationFactory(siege=t["bruxelles"])

    response = client.get("/")

    assert response.status_code == 200
    assertContains(response, "France, par département")
    assertContains(response, "Par département : chaque organisation de la carte y est placée")
    gironde = zone(response, "Gironde")
    assert gironde.startswith('<a href="/acteurs/?territoire=gironde"')
    assert 'aria-label="Gironde : 2 organisations"' in gironde
    # A département of the directory without organisations is still a link; one that the
    # directory does not know is drawn, without a link.
    assert zone(response, "Landes").startswith('<a href="/acteurs/?territoire=landes"')
    assert "aucune organisation" in zone(response, "Landes")
    assert zone(response, "Dordogne").startswith("<path")
    assert 'aria-label="Région de Bruxelles-Capitale : 1 organisation"' in zone(
        response, "Région de Bruxelles-Capitale"
    )
    assert zone(response, "Liège").startswith('<a href="/acteurs/?territoire=liege"')
    # Brussels, too small for its count, is named beside it with the count.
    assertContains(
        response,
        '<text class="carto__renvoi" x="110.7" y="46.8">Bruxelles : '
        '<tspan class="carto__compte">1</tspan></text>',
    )
    # The table says the same counts in words.
    assertContains(
        response,
        '<tr><th scope="row"><a href="/acteurs/?territoire=gironde">Gironde</a></th>'
        "<td>2</td></tr>",
        html=True,
    )
    assertNotContains(response, '<a href="/acteurs/?territoire=landes">Landes</a></th>')


def test_home_map_is_by_region_as_soon_as_an_organisation_is_in_a_region_only(client):
    t = pays_et_departements()
    OrganisationFactory(siege=t["bordeaux"])
    ancienne = TerritoireFactory(nom="Aquitaine", slug="aquitaine", parent=t["region"])
    OrganisationFactory(siege=ancienne)  # a former région: in no département either
    OrganisationFactory(siege=t["region"], is_published=False)  # not counted
    OrganisationFactory(siege=t["france"])  # on no area

    response = client.get("/")

    assertContains(response, "France, par région")
    assert (
        "Par région, car 1 organisation n'y est placée que dans une région (ou une ancienne "
        "région), sans département plus précis. Chaque région compte toutes les organisations "
        "qui s'y situent. Une autre, placée en France sans plus de précision, ne figure sur "
        "aucune zone." in texte(response)
    )
    region = zone(response, "Nouvelle-Aquitaine")
    assert region.startswith('<a href="/acteurs/?territoire=nouvelle-aquitaine"')
    assert 'aria-label="Nouvelle-Aquitaine : 2 organisations"' in region
    # The whole région is one area: its départements are not drawn apart.
    assert "<title>Gironde :" not in response.content.decode()
    assert zone(response, "Occitanie").startswith("<path")  # not in the directory
    assertContains(response, '<th scope="col">Région</th>', html=True)
    # Belgium holds nothing of the kind: by province still.
    assertContains(response, "Belgique, par province")


def test_a_belgian_region_without_a_province_makes_belgium_by_region(client):
    t = pays_et_departements()
    flandre = TerritoireFactory(
        nom="Région flamande", slug="flandre", niveau="region", code="02000", parent=t["belgique"]
    )
    OrganisationFactory.create_batch(2, siege=flandre)
    OrganisationFactory(siege=t["bruxelles"])  # a region, but on the map of provinces too

    response = client.get("/")

    assertContains(response, "Belgique, par région")
    assert "Par région, car 2 organisations n'y sont placées que dans une" in texte(response)
    assert 'aria-label="Région flamande : 2 organisations"' in zone(response, "Région flamande")
    assert "<title>Liège :" not in response.content.decode()
    assertContains(response, "France, par département")


def test_brussels_alone_keeps_belgium_by_province(client):
    t = pays_et_departements()
    OrganisationFactory(siege=t["bruxelles"])
    OrganisationFactory(siege=t["belgique"])

    response = client.get("/")

    assertContains(response, "Belgique, par province")
    assertContains(response, "Une autre, placée en Belgique sans plus de précision")


def test_the_listing_a_map_links_to_counts_what_the_map_says(client):
    t = pays_et_departements()
    OrganisationFactory.create_batch(3, siege=t["bordeaux"])
    OrganisationFactory().territoires_action.add(t["gironde"], t["bordeaux"])

    carte = client.get("/")
    liste = client.get("/acteurs/?territoire=gironde")

    assert 'aria-label="Gironde : 4 organisations"' in zone(carte, "Gironde")
    assertContains(liste, "4 organisations")


def test_shades_say_the_count_in_the_legend_and_the_label(client):
    t = pays_et_departements()
    OrganisationFactory.create_batch(4, siege=t["gironde"])
    OrganisationFactory(siege=t["landes"])

    response = client.get("/")

    assert 'class="carto__zone carto__zone--4"' in zone(response, "Gironde")
    assert 'class="carto__zone carto__zone--1"' in zone(response, "Landes")
    assert 'class="carto__zone carto__zone--0"' in zone(response, "Dordogne")
    # The Gironde is wide enough for its count to be written on it.
    assertContains(response, '<text class="carto__etiquette carto__etiquette--claire"', count=1)
    for libelle in ["aucune", "1", "2", "3", "4"]:
        assert re.search(rf'carto__pastille--\d" aria-hidden="true"></span> {libelle}</li>',
                         response.content.decode())  # fmt: skip


@pytest.mark.parametrize(
    ("maximum", "attendu"),
    [
        (0, ["aucune"]),
        (1, ["aucune", "1"]),
        (3, ["aucune", "1", "2", "3"]),
        (4, ["aucune", "1", "2", "3", "4"]),
        (100, ["aucune", "1 à 25", "26 à 50", "51 à 75", "76 à 100"]),
    ],
)
def test_shades_cover_every_count_up_to_the_largest(maximum, attendu):
    echelle = nuances(maximum)

    assert [nuance.libelle for nuance in echelle] == attendu
    assert [nuance.rang for nuance in echelle] == list(range(len(attendu)))


def test_the_maps_follow_a_territory_added_or_renamed(client):
    t = pays_et_departements()
    assert zone(client.get("/"), "Dordogne").startswith("<path")

    dordogne = TerritoireFactory(
        nom="Dordogne", slug="dordogne", niveau="departement", code="24", parent=t["region"]
    )
    assert zone(client.get("/"), "Dordogne").startswith('<a href="/acteurs/?territoire=dordogne"')

    dordogne.nom = "Périgord"
    dordogne.save()
    t["gironde"].nom = "Gironde-sur-Mer"
    t["gironde"].save()
    assert zone(client.get("/"), "Périgord").startswith('<a href="/acteurs/?territoire=dordogne"')
    # The territory's own page draws the same map, from the same index.
    assert "carto__zone--courante" in zone(client.get("/territoires/gironde/"), "Gironde-sur-Mer")


def test_a_departement_page_shows_its_country_map_with_itself_marked(client):
    t = pays_et_departements()
    OrganisationFactory(siege=t["bordeaux"])

    response = client.get("/territoires/gironde/")

    assert "carto__zone--courante" in zone(response, "Gironde")
    assert "carto__zone--courante" not in zone(response, "Landes")
    assertNotContains(response, "Belgique, par province")
    assertContains(
        response,
        '<li><span class="carto__pastille carto__pastille--courante" aria-hidden="true"></span>'
        " Gironde</li>",
        html=True,
    )


def test_a_region_page_marks_its_departements_and_a_commune_page_its_own(client):
    t = pays_et_departements()

    region = client.get("/territoires/nouvelle-aquitaine/")
    commune = client.get("/territoires/bordeaux/")

    assert "carto__zone--courante" in zone(region, "Gironde")
    assert "carto__zone--courante" in zone(region, "Landes")
    assert "carto__zone--courante" in zone(commune, "Gironde")
    assert "carto__zone--courante" not in zone(commune, "Landes")
    assert t["bordeaux"].parent == t["gironde"]


def test_a_belgian_territory_shows_the_map_of_belgium(client):
    pays_et_departements()

    response = client.get("/territoires/bruxelles/")

    assertContains(response, "Belgique, par province")
    assertNotContains(response, "France, par département")
    assert "carto__zone--courante" in zone(response, "Région de Bruxelles-Capitale")


def test_a_territory_outside_both_countries_has_no_map(client):
    suisse = TerritoireFactory(nom="Suisse", slug="suisse", niveau="pays", code="CH")
    TerritoireFactory(nom="Vaud", slug="vaud", niveau="region", parent=suisse)

    for adresse in ["/territoires/suisse/", "/territoires/vaud/"]:
        response = client.get(adresse)
        assert response.status_code == 200
        assertNotContains(response, "Sur la carte")


@pytest.mark.parametrize("nombre", [1, 10])
def test_territory_page_with_its_map_query_count_does_not_grow(
    client, django_assert_num_queries, nombre
):
    t = pays_et_departements()
    for _ in range(nombre):
        OrganisationFactory(siege=t["bordeaux"]).territoires_action.add(t["landes"])
    client.get("/")  # the listing's index, built once for every page

    # The territory with its parents; the version of the data (the areas' territories and
    # the listings' indexes are kept by it, read by the home page); its children; the first
    # organisations and their kinds; the first programmes (none here).
    with django_assert_num_queries(6):
        response = client.get("/territoires/gironde/")
    assert response.status_code == 200


def test_a_departement_added_or_renamed_shows_on_the_map_at_once(client):
    t = pays_et_departements()
    assert zone(client.get("/"), "Dordogne").startswith("<path")

    TerritoireFactory(
        nom="Dordogne", slug="dordogne", niveau="departement", code="24", parent=t["region"]
    )
    t["landes"].nom = "Les Landes"
    t["landes"].save()

    response = client.get("/")
    assert zone(response, "Dordogne").startswith('<a href="/acteurs/?territoire=dordogne"')
    assert zone(response, "Les Landes").startswith('<a href="/acteurs/?territoire=landes"')
