"""The support programmes listing: /accompagnement/.

What every listing does (pagination, sorting, notices, removal links, facet counts…) is tested
once, through the organisations listing, in tests/ecosysteme/listes/test_liste.py.
"""

import datetime
from types import SimpleNamespace

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accompagnement import filters
from accompagnement.enums import NatureDispositif
from ecosysteme.enums import NiveauTerritoire, PrecisionDate
from tests.factories import (
    DispositifFactory,
    OrganisationFactory,
    TerritoireFactory,
    ThematiqueFactory,
)
from tests.listes import avis, case, etiquette, resultats

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    """Three programmes: two natures, a territory tree, two themes, two carrying organisations."""
    france = TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS)
    bfc = TerritoireFactory(
        nom="Bourgogne-Franche-Comté", slug="bfc", niveau=NiveauTerritoire.REGION, parent=france
    )
    cote_d_or = TerritoireFactory(
        nom="Côte-d'Or", slug="cote-d-or", niveau=NiveauTerritoire.DEPARTEMENT, parent=bfc
    )
    dijon = TerritoireFactory(nom="Dijon", slug="dijon", parent=cote_d_or)
    limousin = TerritoireFactory(
        nom="Limousin", slug="limousin", niveau=NiveauTerritoire.REGION, parent=france
    )
    culture = ThematiqueFactory(nom="Culture", slug="culture")
    emploi = ThematiqueFactory(nom="Emploi", slug="emploi")
    pole = OrganisationFactory(nom="Pôle", slug="pole")
    liess = OrganisationFactory(nom="LIESS", slug="liess")
    cachee = OrganisationFactory(nom="Cachée", slug="cachee", is_published=False)

    puls = DispositifFactory(nom="Puls'actions", nature=NatureDispositif.ACCOMPAGNEMENT_CREATION)
    puls.territoires.add(dijon)
    puls.thematiques.add(emploi)
    puls.porteurs.add(pole)
    graine = DispositifFactory(nom="Graine d'Actions", nature=NatureDispositif.FINANCEMENT)
    graine.territoires.add(cote_d_or)
    graine.thematiques.add(culture, emploi)
    graine.porteurs.add(pole, cachee)
    incubateur = DispositifFactory(nom="Incubateur", nature=NatureDispositif.INCUBATION)
    incubateur.territoires.add(limousin)
    incubateur.porteurs.add(liess)
    DispositifFactory(nom="Brouillon", is_published=False).territoires.add(dijon)
    forum = DispositifFactory(
        nom="Forum",
        nature=NatureDispositif.FORUM,
        debut=datetime.date(2016, 10, 27),
        debut_precision=PrecisionDate.JOUR,
        lieu="Café de l'Acclameur",
    )
    forum.porteurs.add(pole)
    DispositifFactory(nom="Grille", nature=NatureDispositif.OUTIL)
    return SimpleNamespace(bfc=bfc, dijon=dijon, pole=pole)


PROGRAMMES = ["Graine d'Actions", "Incubateur", "Puls'actions"]
TOUS = ["Forum", "Graine d'Actions", "Grille", "Incubateur", "Puls'actions"]

GRILLE = [
    ({}, TOUS, []),
    ({"famille": ""}, TOUS, []),
    ({"famille": "programme"}, PROGRAMMES, []),
    ({"famille": ["evenement", "ressource"]}, ["Forum", "Grille"], []),
    ({"famille": "atelier"}, TOUS, ["atelier"]),
    ({"famille": ["evenement", "atelier"]}, ["Forum"], ["atelier"]),
    ({"type": ""}, TOUS, []),
    ({"type": "incubation"}, ["Incubateur"], []),
    ({"type": ["incubation", "financement"]}, ["Graine d'Actions", "Incubateur"], []),
    ({"type": "pepiniere"}, TOUS, ["pepiniere"]),
    ({"type": ["financement", "pepiniere"]}, ["Graine d'Actions"], ["pepiniere"]),
    ({"territoire": ""}, TOUS, []),
    ({"territoire": "bfc"}, ["Graine d'Actions", "Puls'actions"], []),
    ({"territoire": ["dijon", "limousin"]}, ["Incubateur", "Puls'actions"], []),
    ({"territoire": "atlantide"}, TOUS, ["atlantide"]),
    ({"territoire": ["limousin", "atlantide"]}, ["Incubateur"], ["atlantide"]),
    ({"thematique": ""}, TOUS, []),
    ({"thematique": "culture"}, ["Graine d'Actions"], []),
    ({"thematique": ["culture", "emploi"]}, ["Graine d'Actions", "Puls'actions"], []),
    ({"thematique": "peche"}, TOUS, ["peche"]),
    ({"thematique": ["emploi", "peche"]}, ["Graine d'Actions", "Puls'actions"], ["peche"]),
    ({"porteur": ""}, TOUS, []),
    ({"porteur": "pole"}, ["Forum", "Graine d'Actions", "Puls'actions"], []),
    ({"porteur": ["pole", "liess"]}, ["Forum", *PROGRAMMES], []),
    ({"porteur": "inconnue"}, TOUS, ["inconnue"]),
    # An unpublished organisation is not offered: it is as unknown as a made-up one.
    ({"porteur": ["liess", "cachee"]}, ["Incubateur"], ["cachee"]),
]


@pytest.mark.parametrize(("parametres", "attendus", "ignores"), GRILLE)
def test_each_filter_empty_one_several_unknown(client, catalogue, parametres, attendus, ignores):
    response = client.get("/accompagnement/", parametres)

    assert response.status_code == 200
    assert resultats(response) == attendus
    for valeur in ignores:
        assert any(f"« {valeur} »" in texte for texte in avis(response))
    if not ignores:
        assertNotContains(response, 'class="avis"')


def test_a_region_finds_a_programme_offered_in_a_commune_two_levels_below(client, catalogue):
    response = client.get(
        "/accompagnement/", {"territoire": "bfc", "type": "accompagnement_creation"}
    )

    assert resultats(response) == ["Puls'actions"]


def test_carriers_are_counted_and_only_published_ones_offered(client, catalogue):
    response = client.get("/accompagnement/", {"porteur": "pole"})

    # Carrying organisations: not restricted by the one chosen; the unpublished one is absent.
    assertContains(response, etiquette("porteur", "pole", "Pôle", 3), html=True)
    assertContains(response, etiquette("porteur", "liess", "LIESS", 1), html=True)
    assertNotContains(response, "Cachée")


def test_listing_shows_cards_count_title_and_legends(client, catalogue):
    response = client.get("/accompagnement/", {"type": "financement", "territoire": "bfc"})

    assertContains(response, "<h1>Financement en Bourgogne-Franche-Comté</h1>", html=True)
    assertContains(
        response,
        '<p class="liste__nombre" role="status">1 dispositif d\'accompagnement</p>',
        html=True,
    )
    assertContains(response, "Porté par Pôle")
    legendes = ["Programmes ou événements", "Type de dispositif", "Territoire", "Thématique"]
    for legende in [*legendes, "Porté par"]:
        assertContains(response, f"<legend>{legende}</legend>", html=True)


@pytest.mark.parametrize(
    ("parametres", "titre"),
    [
        ({}, "Dispositifs d'accompagnement"),
        (
            {"porteur": "pole", "thematique": "emploi"},
            "Dispositifs d'accompagnement, thème Emploi, porté par Pôle",
        ),
        (
            {"type": ["incubation", "financement"], "territoire": "dijon"},
            "Incubation ou financement à Dijon",
        ),
    ],
)
def test_title_says_what_is_listed(client, catalogue, parametres, titre):
    assertContains(client.get("/accompagnement/", parametres), f"<h1>{titre}</h1>", html=True)


@pytest.mark.parametrize("nombre", [1, 25])
def test_dispositif_list_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    region = TerritoireFactory(niveau=NiveauTerritoire.REGION)
    themes = ThematiqueFactory.create_batch(2)
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.porteurs.add(*OrganisationFactory.create_batch(2))
        dispositif.territoires.add(TerritoireFactory(parent=region))
        dispositif.thematiques.add(*themes)

    # Reading the index: the version of the data, the programmes with their families, their
    # kinds, their territories (with the parents of every territory), themes and carriers;
    # then, as any listing: the options of territories, themes and carriers, the page, its
    # carriers and its territories (an event's place).
    with django_assert_num_queries(14):
        response = client.get("/accompagnement/", {"territoire": region.slug})
    assert response.status_code == 200
    with django_assert_num_queries(7):
        response = client.get("/accompagnement/", {"territoire": region.slug})
    assert response.context["page"].paginator.count == nombre


def test_only_the_carriers_of_the_most_programmes_are_offered(client, monkeypatch):
    monkeypatch.setattr(filters.DispositifFilter.base_filters["porteur"], "limite", 2)
    grand, moyen, petit = (OrganisationFactory(nom=nom) for nom in ("Grand", "Moyen", "Petit"))
    for porteur, nombre in ((grand, 3), (moyen, 2), (petit, 1)):
        for dispositif in DispositifFactory.create_batch(nombre):
            dispositif.porteurs.add(porteur)
    # Unpublished programmes do not make a carrier frequent.
    for dispositif in DispositifFactory.create_batch(5, is_published=False):
        dispositif.porteurs.add(petit)

    response = client.get("/accompagnement/")
    assertContains(response, etiquette("porteur", grand.slug, "Grand", 3), html=True)
    assertContains(response, etiquette("porteur", moyen.slug, "Moyen", 2), html=True)
    assertNotContains(response, f'value="{petit.slug}"')

    # One asked for is offered too, checked, so that it can be unchecked.
    response = client.get("/accompagnement/", {"porteur": petit.slug})
    assertContains(response, case("porteur", petit.slug, "checked"), html=True)
    assert [d.porteurs.get() for d in response.context["page"]] == [petit]


@pytest.mark.parametrize(
    ("parametres", "titre"),
    [
        ({"famille": "evenement"}, "Événements"),
        (
            {"famille": "programme", "territoire": "bfc"},
            "Programmes d'accompagnement en Bourgogne-Franche-Comté",
        ),
    ],
)
def test_a_family_names_what_is_listed(client, catalogue, parametres, titre):
    assertContains(client.get("/accompagnement/", parametres), f"<h1>{titre}</h1>", html=True)


def test_families_are_counted(client, catalogue):
    response = client.get("/accompagnement/", {"porteur": "pole"})

    assertContains(
        response, etiquette("famille", "programme", "programmes d'accompagnement", 2), html=True
    )
    assertContains(response, etiquette("famille", "evenement", "événements", 1), html=True)


def test_an_event_card_shows_its_date_place_and_whether_it_is_past(client, catalogue):
    response = client.get("/accompagnement/", {"famille": "evenement"})

    assertContains(
        response, '<p class="carte__lieu">27 octobre 2016 · Café de l\'Acclameur</p>', html=True
    )
    assertContains(response, '<li class="etiquette">Passé</li>', html=True)
    assertContains(response, "Organisé par Pôle")


def test_an_event_card_without_a_place_shows_its_territory_and_says_the_date_is_unknown(client):
    rencontre = DispositifFactory(nom="Rendez-vous", nature=NatureDispositif.RENCONTRE)
    rencontre.territoires.add(TerritoireFactory(nom="Niort"))
    a_venir = DispositifFactory(
        nom="Conférence",
        nature=NatureDispositif.CONFERENCE,
        debut=datetime.date.today() + datetime.timedelta(days=30),
        debut_precision=PrecisionDate.JOUR,
    )

    response = client.get("/accompagnement/", {"famille": "evenement"})

    assertContains(response, '<p class="carte__lieu">Date non précisée · Niort</p>', html=True)
    assertContains(response, '<li class="etiquette">À venir</li>', html=True, count=1)
    assert a_venir.etat == "À venir" and rencontre.etat == ""


def test_a_programme_card_shows_no_date_line(client, catalogue):
    response = client.get("/accompagnement/", {"famille": "programme"})

    assertNotContains(response, "Date non précisée")
    assertContains(response, "Porté par Pôle")


# The seeded directory (see donnees_seed in tests/conftest.py)


def test_seeded_listing(client, donnees_seed):
    response = client.get("/accompagnement/", {"territoire": "bourgogne-franche-comte"})

    assert response.status_code == 200
    assert len(response.content) < 60_000
    noms = resultats(response)
    assert "Puls'actions" in noms
    assert all(dispositif.is_published for dispositif in response.context["page"])


def test_seeded_events_are_apart_from_programmes(client, donnees_seed):
    evenements = resultats(client.get("/accompagnement/", {"famille": "evenement"}))
    programmes = resultats(client.get("/accompagnement/", {"famille": "programme"}))

    assert (
        "Mois de l'ESS" in evenements
        and "Forum national de l'économie sociale et solidaire" in evenements
    )
    assert "Puls'actions" in programmes
    assert not set(evenements) & set(programmes)
    assert "Grille d'analyse des pôles territoriaux de coopération économique" not in programmes
