"""The organisation and people listings: /acteurs/ and /personnes/.

What every listing does (pagination, sorting, notices, removal links, facet counts…) is tested
once, through this one, in tests/ecosysteme/listes/test_liste.py.
"""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import CategorieFonction
from acteurs.models import Organisation
from ecosysteme.enums import NiveauTerritoire
from tests import listes
from tests.factories import (
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)
from tests.listes import avis, case, etiquette, resultats

pytestmark = pytest.mark.django_db


@pytest.fixture
def territoires():
    return listes.territoires()


@pytest.fixture
def annuaire(territoires):
    return listes.annuaire(territoires)


# For each filter: empty, one value, several values, unknown, one valid and one unknown.

GRILLE = [
    ({}, ["Alpha", "Beta", "Delta", "Gamma"], []),
    ({"famille": ""}, ["Alpha", "Beta", "Delta", "Gamma"], []),
    ({"famille": "cooperative"}, ["Alpha", "Beta", "Delta"], []),
    ({"famille": ["cooperative", "accompagnement"]}, ["Alpha", "Beta", "Delta"], []),
    ({"famille": "mutualiste"}, ["Alpha", "Beta", "Delta", "Gamma"], ["mutualiste"]),
    ({"famille": ["accompagnement", "mutualiste"]}, [], ["mutualiste"]),
    ({"forme_juridique": ""}, ["Alpha", "Beta", "Delta", "Gamma"], []),
    ({"forme_juridique": "scop"}, ["Alpha", "Delta"], []),
    ({"forme_juridique": ["scop", "scic"]}, ["Alpha", "Beta", "Delta"], []),
    ({"forme_juridique": "sarlu"}, ["Alpha", "Beta", "Delta", "Gamma"], ["sarlu"]),
    ({"forme_juridique": ["scic", "sarlu"]}, ["Beta"], ["sarlu"]),
    ({"type": ""}, ["Alpha", "Beta", "Delta", "Gamma"], []),
    ({"type": "ptce"}, ["Beta", "Gamma"], []),
    ({"type": ["cae", "ptce"]}, ["Alpha", "Beta", "Gamma"], []),
    ({"type": "incubateur"}, ["Alpha", "Beta", "Delta", "Gamma"], ["incubateur"]),
    ({"type": ["cae", "incubateur"]}, ["Alpha", "Beta"], ["incubateur"]),
    ({"territoire": ""}, ["Alpha", "Beta", "Delta", "Gamma"], []),
    ({"territoire": "gironde"}, ["Alpha", "Beta"], []),
    ({"territoire": ["bordeaux", "bourgogne"]}, ["Alpha", "Gamma"], []),
    ({"territoire": "atlantide"}, ["Alpha", "Beta", "Delta", "Gamma"], ["atlantide"]),
    ({"territoire": ["bourgogne", "atlantide"]}, ["Gamma"], ["atlantide"]),
    ({"thematique": ""}, ["Alpha", "Beta", "Delta", "Gamma"], []),
    ({"thematique": "culture"}, ["Alpha", "Gamma"], []),
    ({"thematique": ["culture", "energie"]}, ["Alpha", "Beta", "Gamma"], []),
    ({"thematique": "peche"}, ["Alpha", "Beta", "Delta", "Gamma"], ["peche"]),
    ({"thematique": ["energie", "peche"]}, ["Beta", "Gamma"], ["peche"]),
]


@pytest.mark.parametrize(("parametres", "attendus", "ignores"), GRILLE)
def test_each_filter_empty_one_several_unknown(client, annuaire, parametres, attendus, ignores):
    response = client.get("/acteurs/", parametres)

    assert response.status_code == 200
    assert resultats(response) == attendus
    for valeur in ignores:
        assert any(f"« {valeur} »" in texte for texte in avis(response))
    if not ignores:
        assertNotContains(response, 'class="avis"')


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"forme_juridique": ["scop", "association"]},
        {"type": "cae"},
        {"forme_juridique": "scop", "territoire": "gironde"},
        {"q": "alpha"},
        {"forme_juridique": "scic", "q": "inconnu"},
    ],
)
def test_the_number_of_results_is_the_sum_of_the_legal_form_counts(client, annuaire, parametres):
    OrganisationFactory(nom="Sans forme", forme_juridique="")

    response = client.get("/acteurs/", parametres)

    nombre = response.context["page"].paginator.count
    assert nombre == response.context["filtres"].qs.count()
    assert f"{nombre} organisation" in response.content.decode()


def test_legal_form_and_kind_of_activity_are_independent(client, annuaire):
    # A CAE may be a SCOP or a SCIC: the kind filter does not look at the legal form.
    response = client.get("/acteurs/", {"type": "cae"})
    assert resultats(response) == ["Alpha", "Beta"]


def test_a_family_spans_legal_forms_and_kinds_of_activity(client, annuaire):
    # A CAE is a cooperative whatever legal form the directory knows it by.
    OrganisationFactory(nom="CAE associative", forme_juridique="association").types.add(
        annuaire.cae
    )
    incubateur = OrganisationFactory(nom="Incubateur", forme_juridique="association")
    incubateur.types.add(TypeActiviteFactory(slug="incubateur"))

    response = client.get("/acteurs/", {"famille": "cooperative"})
    assert resultats(response) == ["Alpha", "Beta", "CAE associative", "Delta"]
    assertContains(response, "<h1>Coopératives</h1>", html=True)
    assertContains(
        response,
        etiquette("famille", "accompagnement", "structures d'accompagnement", 1),
        html=True,
    )
    response = client.get("/acteurs/", {"famille": "accompagnement"})
    assert resultats(response) == ["Incubateur"]
    assertContains(response, etiquette("famille", "cooperative", "coopératives", 4), html=True)


def test_a_region_finds_what_is_seated_or_active_anywhere_below_it(client, territoires):
    # Seated in a commune two levels below the département, three below the région.
    dans_commune = OrganisationFactory(nom="Dans la commune", siege=territoires.bordeaux)
    active = OrganisationFactory(nom="Active dans la métropole")
    active.territoires_action.add(territoires.metropole, territoires.bourgogne)
    OrganisationFactory(nom="Ailleurs", siege=territoires.bourgogne)

    response = client.get("/acteurs/", {"territoire": "na"})

    assert resultats(response) == [active.nom, dans_commune.nom]
    # Listed once, though active in two territories.
    response = client.get("/acteurs/", {"territoire": ["na", "bourgogne"]})
    assert resultats(response) == [active.nom, "Ailleurs", dans_commune.nom]


def test_unpublished_organisations_are_neither_listed_nor_counted(client, annuaire):
    response = client.get("/acteurs/", {"territoire": "bordeaux"})

    assert resultats(response) == ["Alpha"]
    assertContains(response, etiquette("type", "cae", "CAE", 1), html=True)


# Facet counts


def test_facet_counts_take_no_query_once_in_memory(client, annuaire, django_assert_num_queries):
    parametres = {
        "forme_juridique": ["scop", "scic"],
        "type": "cae",
        "territoire": ["na", "gironde"],
    }
    # The first listing of a process, or the first after a write, reads the index: the
    # version of the data, the listed organisations with their forms, then their families,
    # kinds, territories and themes and those that have ceased their activity (one query
    # each); then, as any listing: the options of kinds, territories, themes, the page with
    # seats, the kinds of its organisations.
    with django_assert_num_queries(13):
        client.get("/acteurs/", parametres)
    # Then only the version is checked.
    with django_assert_num_queries(6):
        response = client.get("/acteurs/", parametres)
    assert resultats(response) == ["Alpha", "Beta"]
    assert response.context["page"].paginator.count == 2


# Titles


@pytest.mark.parametrize(
    ("parametres", "titre"),
    [
        ({}, "Acteurs"),
        ({"forme_juridique": "scic", "territoire": "na"}, "SCIC en Nouvelle-Aquitaine"),
        (
            {"forme_juridique": ["scop", "scic"], "territoire": "gironde", "thematique": "culture"},
            "SCOP ou SCIC en Gironde, thème Culture",
        ),
        ({"type": "cae", "territoire": "bordeaux"}, "CAE à Bordeaux"),
        ({"forme_juridique": "scop", "type": "cae"}, "SCOP, type CAE"),
        ({"thematique": "culture"}, "Acteurs, thème Culture"),
        ({"forme_juridique": "association"}, "Association"),
    ],
)
def test_title_and_heading_say_what_is_listed(client, annuaire, parametres, titre):
    response = client.get("/acteurs/", parametres)

    assertContains(response, f"<h1>{titre}</h1>", html=True)
    assertContains(response, f"<title>{titre} – Écosystème</title>", html=True)


# Query counts


@pytest.mark.parametrize("nombre", [1, 30])
def test_organisation_list_query_count_does_not_grow(
    client, django_assert_num_queries, territoires, nombre
):
    themes = ThematiqueFactory.create_batch(3)
    for organisation in OrganisationFactory.create_batch(nombre, siege=territoires.bordeaux):
        organisation.types.add(*TypeActiviteFactory.create_batch(2))
        organisation.thematiques.add(*themes)
        organisation.territoires_action.add(territoires.bourgogne)

    # Reading the index (see above, with those that have ceased their activity), then the
    # version of the data; the options of kinds, territories, themes; the page with the seats;
    # the kinds of the page's organisations.
    with django_assert_num_queries(13):
        response = client.get("/acteurs/", {"territoire": "france"})
    assert response.status_code == 200
    with django_assert_num_queries(6):
        response = client.get("/acteurs/", {"page": "2", "tri": "recent"})
    assert response.status_code == 200


# People


@pytest.fixture
def personnes():
    coop = OrganisationFactory(nom="Coop")
    gerante = FonctionFactory(
        personne__nom="Arnaud",
        organisation=coop,
        intitule="gérante",
        categorie=CategorieFonction.DIRECTION,
    )
    FonctionFactory(
        personne__nom="Blanc", organisation=coop, categorie=CategorieFonction.GOUVERNANCE
    )
    cachee = OrganisationFactory(is_published=False)
    FonctionFactory(
        personne__nom="Caron", organisation=cachee, categorie=CategorieFonction.DIRECTION
    )
    PersonneFactory(nom="Brouillon", is_published=False)
    return gerante


@pytest.mark.parametrize(
    ("parametres", "attendus", "ignores"),
    [
        ({}, ["Camille Arnaud", "Camille Blanc", "Camille Caron"], []),
        ({"fonction": ""}, ["Camille Arnaud", "Camille Blanc", "Camille Caron"], []),
        ({"fonction": "direction"}, ["Camille Arnaud"], []),
        ({"fonction": ["direction", "gouvernance"]}, ["Camille Arnaud", "Camille Blanc"], []),
        ({"fonction": "pdg"}, ["Camille Arnaud", "Camille Blanc", "Camille Caron"], ["pdg"]),
        ({"fonction": ["gouvernance", "pdg"]}, ["Camille Blanc"], ["pdg"]),
    ],
)
def test_people_filter_by_role(client, personnes, parametres, attendus, ignores):
    response = client.get("/personnes/", parametres)

    assert response.status_code == 200
    assert [p.nom_complet for p in response.context["page"]] == attendus
    for valeur in ignores:
        assert any(f"« {valeur} »" in texte for texte in avis(response))


@pytest.mark.parametrize(
    ("parametres", "attendus", "ignores"),
    [
        ({"thematique": ""}, ["Camille Arnaud", "Camille Blanc", "Camille Caron"], []),
        ({"thematique": "culture"}, ["Camille Arnaud", "Camille Blanc"], []),
        ({"thematique": ["culture", "energie"]}, ["Camille Arnaud", "Camille Blanc"], []),
        ({"thematique": "energie"}, [], []),
        ({"thematique": "peche"}, ["Camille Arnaud", "Camille Blanc", "Camille Caron"], ["peche"]),
        ({"thematique": ["energie", "peche"]}, [], ["peche"]),
    ],
)
def test_people_filter_by_the_themes_of_their_organisations(
    client, personnes, parametres, attendus, ignores
):
    culture = ThematiqueFactory(nom="Culture", slug="culture")
    ThematiqueFactory(nom="Énergie", slug="energie")
    # Caron's role is in an unpublished organisation: its themes do not count.
    for organisation in Organisation.objects.all():
        organisation.thematiques.add(culture)

    response = client.get("/personnes/", parametres)

    assert [p.nom_complet for p in response.context["page"]] == attendus
    for valeur in ignores:
        assert any(f"« {valeur} »" in texte for texte in avis(response))


def test_people_listing_shows_cards_counts_and_title(client, personnes):
    response = client.get("/personnes/", {"fonction": "direction"})

    assertContains(response, "<h1>Personnes, fonction direction</h1>", html=True)
    assertContains(response, '<p class="liste__nombre" role="status">1 personne</p>', html=True)
    assertContains(response, etiquette("fonction", "direction", "direction", 1), html=True)
    # Caron's role is in an unpublished organisation: it does not count.
    assertContains(response, case("fonction", "salarie", "disabled"), html=True)
    assertContains(
        response, f'<a href="{personnes.personne.get_absolute_url()}">Camille Arnaud</a>'
    )


@pytest.mark.parametrize("nombre", [1, 25])
def test_people_list_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    for personne in PersonneFactory.create_batch(nombre):
        FonctionFactory.create_batch(2, personne=personne)

    # Reading the index: the version of the data, the listed people, their roles' categories,
    # the themes of their organisations; then the options of themes, the page and their roles
    # with organisations.
    with django_assert_num_queries(7):
        response = client.get("/personnes/")
    assert response.status_code == 200
    with django_assert_num_queries(4):
        response = client.get("/personnes/", {"tri": "recent"})
    assert response.status_code == 200


# Free text (search() itself is tested in tests/ecosysteme/recherche/test_moteur_recherche.py)


@pytest.mark.parametrize("nombre", [1, 30])
def test_a_search_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    region = TerritoireFactory(niveau=NiveauTerritoire.REGION)
    for organisation in OrganisationFactory.create_batch(
        nombre, nom="Coopérative énergie", siege=region
    ):
        organisation.types.add(TypeActiviteFactory())

    client.get("/acteurs/")
    # The six queries of a listing whose index is in memory, the spelling variants of
    # "energie", and the organisations that match it.
    with django_assert_num_queries(8):
        response = client.get("/acteurs/", {"q": "energie"})
    assert response.context["page"].paginator.count == nombre


def test_people_search(client, personnes):
    response = client.get("/personnes/", {"q": "arnaud"})

    assert [p.nom_complet for p in response.context["page"]] == ["Camille Arnaud"]
    assertContains(response, "<h1>Personnes – «\u00a0arnaud\u00a0»</h1>", html=True)
    assertContains(response, etiquette("fonction", "direction", "direction", 1), html=True)
    assertContains(response, case("fonction", "gouvernance", "disabled"), html=True)


# The seeded directory (see donnees_seed in tests/conftest.py)


def test_seeded_region_finds_an_organisation_seated_in_a_commune_below(client, donnees_seed):
    # LIESS is seated in Limoges, a commune of Haute-Vienne, in Nouvelle-Aquitaine.
    response = client.get("/acteurs/", {"territoire": "nouvelle-aquitaine"})

    slugs = [organisation.slug for organisation in response.context["page"]]
    assert "liess" in slugs
    assert "pqn-a" in slugs  # active in the région itself
    assert "coopaname" not in slugs


def test_seeded_listing_is_small_enough(client, donnees_seed):
    response = client.get("/acteurs/")

    assert response.status_code == 200
    assert response.context["page"].paginator.count == 60
    assert len(response.content) < 60_000


def test_seeded_kind_counts_with_a_legal_form(client, donnees_seed):
    response = client.get("/acteurs/", {"forme_juridique": "scic"})

    # Cooproduction, Go'Up and Smart France: a network, a generator and a CAE.
    assert len(resultats(response)) == 3
    assertContains(
        response,
        etiquette("type", "cae", "Coopérative d'activité et d'emploi (CAE)", 1),
        html=True,
    )
