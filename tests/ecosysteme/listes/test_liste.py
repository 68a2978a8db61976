"""What every listing does, tested once through the organisations listing (/acteurs/):
filters combined, facet counts, the form, removal links and ways out of an empty result,
sorting, pagination, parameters it cannot use, and free text. Each listing's own filters,
cards, titles and query counts are tested with their app: tests/acteurs/test_listing.py,
tests/accompagnement/test_listing.py.
"""

import datetime

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from tests import listes
from tests.factories import OrganisationFactory, ThematiqueFactory
from tests.listes import (
    avis,
    case,
    etiquette,
    montrees,
    repliees,
    resultats,
    valeurs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def territoires():
    return listes.territoires()


@pytest.fixture
def annuaire(territoires):
    return listes.annuaire(territoires)


# Filters and facet counts


def test_filters_combine_with_and_between_and_or_within(client, annuaire):
    response = client.get("/acteurs/", {"forme_juridique": ["scop", "scic"], "type": "ptce"})
    assert resultats(response) == ["Beta"]

    response = client.get("/acteurs/", {"type": "cae", "thematique": "culture"})
    assert resultats(response) == ["Alpha"]


def test_facet_counts_combine_the_other_filters_not_their_own(client, annuaire):
    response = client.get("/acteurs/", {"forme_juridique": "scop"})

    # Kinds: SCOPs only (Alpha is a CAE, Delta has no kind).
    assertContains(response, etiquette("type", "cae", "CAE", 1), html=True)
    assertContains(response, etiquette("type", "ptce", "PTCE", 0), html=True)
    # Legal forms: not restricted by the legal form chosen, so one can add another.
    assertContains(response, etiquette("forme_juridique", "scop", "SCOP", 2), html=True)
    assertContains(response, etiquette("forme_juridique", "scic", "SCIC", 1), html=True)
    assertContains(
        response, etiquette("forme_juridique", "association", "association", 1), html=True
    )
    # Themes and territories: SCOPs only.
    assertContains(response, etiquette("thematique", "culture", "Culture", 1), html=True)
    assertContains(response, etiquette("thematique", "energie", "Énergie", 0), html=True)
    assertContains(response, etiquette("territoire", "na", "Nouvelle-Aquitaine", 1), html=True)


def test_facet_counts_follow_the_search_and_every_other_filter(client, annuaire):
    response = client.get("/acteurs/", {"type": "ptce", "thematique": "energie"})

    assert resultats(response) == ["Beta", "Gamma"]
    assertContains(response, etiquette("forme_juridique", "scic", "SCIC", 1), html=True)
    assertContains(response, etiquette("forme_juridique", "scop", "SCOP", 0), html=True)
    # Kinds: with the theme only (Alpha, a CAE, has no energy theme).
    assertContains(response, etiquette("type", "cae", "CAE", 1), html=True)
    assertContains(response, etiquette("type", "ptce", "PTCE", 2), html=True)
    # Themes: with the kind only.
    assertContains(response, etiquette("thematique", "culture", "Culture", 1), html=True)
    assertContains(response, etiquette("thematique", "energie", "Énergie", 2), html=True)


def test_territory_counts_include_everything_below(client, annuaire):
    response = client.get("/acteurs/")

    # Alpha is seated in Bordeaux, Beta active in Gironde: both are in the région and country.
    assertContains(response, etiquette("territoire", "na", "Nouvelle-Aquitaine", 2), html=True)
    assertContains(response, etiquette("territoire", "france", "France", 3), html=True)
    assertContains(response, etiquette("territoire", "bourgogne", "Bourgogne", 1), html=True)


def test_territory_options_are_countries_regions_and_below_a_chosen_one(client, annuaire):
    response = client.get("/acteurs/")
    assertContains(response, case("territoire", "na"), html=True)
    assertNotContains(response, 'id="territoire-gironde"')

    response = client.get("/acteurs/", {"territoire": "na"})
    assertContains(response, case("territoire", "na", "checked"), html=True)
    assertContains(response, etiquette("territoire", "gironde", "Gironde", 2), html=True)
    assertNotContains(response, 'id="territoire-bordeaux-metropole"')

    # A commune chosen by its URL shows in place, under the territories above it.
    response = client.get("/acteurs/", {"territoire": "bordeaux"})
    assertContains(response, case("territoire", "bordeaux", "checked"), html=True)
    assertContains(
        response, etiquette("territoire", "bordeaux-metropole", "Bordeaux Métropole", 1), html=True
    )
    groupe = response.context["filtres"].groupes[3]
    assert [(o.valeur, o.profondeur) for o in groupe.options] == [
        ("france", 0),
        ("bourgogne", 1),
        ("na", 1),
        ("gironde", 2),
        ("bordeaux-metropole", 3),
        ("bordeaux", 4),
    ]


def test_options_without_results_are_disabled_but_a_chosen_one_stays_active(client, annuaire):
    response = client.get("/acteurs/", {"forme_juridique": "scop", "type": "ptce"})

    assert resultats(response) == []
    assertContains(response, case("forme_juridique", "asbl", "disabled"), html=True)
    assertContains(response, case("thematique", "energie", "disabled"), html=True)
    # No SCOP is a PTCE: both chosen options count 0, and both can still be unchecked.
    assertContains(response, case("forme_juridique", "scop", "checked"), html=True)
    assertContains(response, case("type", "ptce", "checked"), html=True)
    assertContains(response, case("type", "cae"), html=True)


def test_a_narrow_search_shows_the_options_that_count_and_folds_the_others(client, annuaire):
    response = client.get("/acteurs/", {"q": "alpha"})

    assert resultats(response) == ["Alpha"]
    # Alpha: a SCOP and a CAE in Bordeaux, on culture; and the organisations that ceased
    # their activity could be included (the one option that counts all the results).
    assert valeurs(montrees(response)) == [
        "cooperative",
        "scop",
        "cae",
        "france",
        "na",
        "culture",
        "oui",
    ]
    assert "(0)" not in montrees(response)
    replis = repliees(response)
    autres_formes = len(FormeJuridique.choices) - 1
    assert list(replis) == [
        "Afficher l'autre option (Famille, sans résultat)",
        f"Afficher les {autres_formes} autres (Forme juridique, sans résultat)",
        "Afficher l'autre option (Type d'activité, sans résultat)",
        "Afficher l'autre option (Territoire, sans résultat)",
        "Afficher l'autre option (Thématique, sans résultat)",
    ]
    assert replis["Afficher l'autre option (Type d'activité, sans résultat)"] == ["ptce"]
    assert replis["Afficher l'autre option (Territoire, sans résultat)"] == ["bourgogne"]
    # Folded, they are still there, greyed: one sees what else the directory holds.
    assertContains(response, case("type", "ptce", "disabled"), html=True)
    assertContains(response, etiquette("type", "ptce", "PTCE", 0), html=True)


def test_without_a_search_every_option_with_results_shows(client, annuaire):
    response = client.get("/acteurs/")

    assert valeurs(montrees(response)) == [
        "cooperative",
        "association",
        "scop",
        "scic",
        "cae",
        "ptce",
        "france",
        "bourgogne",
        "na",
        "culture",
        "energie",
        "oui",
    ]
    assert list(repliees(response)) == [
        "Afficher l'autre option (Famille, sans résultat)",
        "Afficher les 11 autres (Forme juridique, sans résultat)",
    ]


def test_a_chosen_option_shows_even_without_results_and_so_do_the_ones_above_it(client, annuaire):
    # Beta, the one SCIC, is in Gironde: neither in Bourgogne nor in Bordeaux, both chosen.
    response = client.get(
        "/acteurs/", {"forme_juridique": "scic", "territoire": ["bourgogne", "bordeaux"]}
    )

    assert resultats(response) == []
    montre = valeurs(montrees(response))
    assert "scic" in montre
    # Bordeaux Métropole counts 0, but Bordeaux is under it: it shows, so that Bordeaux shows
    # in place.
    territoires = ["france", "bourgogne", "na", "gironde", "bordeaux-metropole", "bordeaux"]
    assert [valeur for valeur in montre if valeur in territoires] == territoires
    assertContains(response, case("territoire", "bourgogne", "checked"), html=True)
    assertContains(response, case("territoire", "bordeaux", "checked"), html=True)


# The form


def test_filters_are_one_get_form_with_fieldsets_labels_and_counts(client, annuaire):
    response = client.get("/acteurs/", {"type": "cae"})

    contenu = response.content.decode()
    assert contenu.count("<form") == 1 + contenu.count('role="search"')
    assertContains(response, '<form class="filtres" method="get" action="/acteurs/"')
    assertContains(
        response, '<label for="filtre-q">Rechercher parmi les acteurs</label>', html=True
    )
    assertContains(response, "<summary>Filtres</summary>", html=True)
    for legende in ["Forme juridique", "Type d'activité", "Territoire", "Thématique"]:
        assertContains(response, f"<legend>{legende}</legend>", html=True)
    assertContains(response, case("type", "cae", "checked"), html=True)
    assertContains(response, etiquette("type", "cae", "CAE", 2), html=True)
    assertContains(response, '<button type="submit">Filtrer</button>', html=True)


@pytest.mark.parametrize("adresse", ["/acteurs/", "/personnes/", "/accompagnement/"])
def test_a_listing_has_one_search_field_its_own(client, adresse):
    response = client.get(adresse, {"q": "alpha"})

    assertContains(response, 'type="search"', count=1)
    assertContains(response, 'name="q" value="alpha"', count=1)
    assertNotContains(response, 'id="recherche-entete"')


def test_the_number_of_results_is_announced(client, annuaire):
    response = client.get("/acteurs/", {"type": "cae"})
    assertContains(
        response, '<p class="liste__nombre" role="status">2 organisations</p>', html=True
    )

    response = client.get("/acteurs/", {"type": "cae", "forme_juridique": "scic"})
    assertContains(response, '<p class="liste__nombre" role="status">1 organisation</p>', html=True)


def test_each_active_filter_has_a_removal_link(client, annuaire):
    response = client.get(
        "/acteurs/", {"forme_juridique": ["scop", "scic"], "territoire": "na", "tri": "recent"}
    )

    retirer = '<a href="{}"><span class="invisible">Retirer le filtre {} : </span>{} <span aria-hidden="true">×</span></a>'  # noqa: E501
    assertContains(
        response,
        retirer.format(
            "/acteurs/?forme_juridique=scic&amp;territoire=na&amp;tri=recent",
            "Forme juridique",
            "SCOP",
        ),
        html=True,
    )
    assertContains(
        response,
        retirer.format(
            "/acteurs/?forme_juridique=scop&amp;forme_juridique=scic&amp;tri=recent",
            "Territoire",
            "Nouvelle-Aquitaine",
        ),
        html=True,
    )
    assertContains(
        response, '<a class="filtres-actifs__tout" href="/acteurs/">Réinitialiser</a>', html=True
    )


def test_no_removal_links_nor_reset_without_filters(client, annuaire):
    response = client.get("/acteurs/")
    assertNotContains(response, "Réinitialiser")
    assertNotContains(response, "Retirer le filtre")


def test_with_one_filter_and_a_search_removing_the_filter_is_the_only_way_out(client, annuaire):
    response = client.get("/acteurs/", {"q": "alpha", "forme_juridique": "scic"})

    assertContains(response, "Retirer le filtre Forme juridique (SCIC)")
    assertNotContains(response, "sans filtre")
    assertContains(response, "Chercher « alpha » dans tout l&#x27;annuaire")


def test_an_empty_result_says_so_and_offers_ways_out(client, annuaire):
    response = client.get("/acteurs/", {"forme_juridique": "scop", "type": "ptce"})

    assertContains(response, "Aucun résultat ne correspond à ces critères.")
    assertContains(
        response,
        '<a href="/acteurs/?type=ptce">Retirer le filtre Forme juridique (SCOP)</a>',
        html=True,
    )
    assertContains(
        response,
        '<a href="/acteurs/?forme_juridique=scop">Retirer le filtre Type d\'activité (PTCE)</a>',
        html=True,
    )
    assertContains(response, '<a href="/acteurs/">Tout afficher</a>', html=True)


# Sorting


def test_sorted_by_name_by_default_or_by_latest_update(client, annuaire):
    Organisation.objects.filter(pk=annuaire.gamma.pk).update(updated_at=timezone.now())
    Organisation.objects.filter(pk=annuaire.alpha.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=1)
    )

    assert resultats(client.get("/acteurs/"))[:2] == ["Alpha", "Beta"]
    response = client.get("/acteurs/", {"tri": "recent"})
    assert resultats(response)[0] == "Gamma"
    assert resultats(response)[-1] == "Alpha"
    assertContains(response, '<a href="/acteurs/?tri=recent" aria-current="true">', html=False)
    assertContains(response, '<a href="/acteurs/">nom</a>', html=True)


def test_an_unknown_sort_falls_back_to_the_default_with_a_notice(client, annuaire):
    response = client.get("/acteurs/", {"tri": "<b>hasard</b>"})

    assert response.status_code == 200
    assert resultats(response) == ["Alpha", "Beta", "Delta", "Gamma"]
    assert avis(response) == [
        "Le tri « &lt;b&gt;hasard&lt;/b&gt; » n&#x27;existe pas : tri par défaut."
    ]


# Pagination


@pytest.fixture
def quarante_cinq(territoires):
    organisations = OrganisationFactory.create_batch(45, siege=territoires.gironde)
    OrganisationFactory(forme_juridique=FormeJuridique.SCIC, siege=territoires.gironde)
    return organisations


def test_pagination_keeps_every_parameter_and_marks_the_current_page(client, quarante_cinq):
    response = client.get(
        "/acteurs/", {"forme_juridique": "scop", "territoire": "gironde", "page": "2"}
    )

    assert len(resultats(response)) == 20
    base = "/acteurs/?forme_juridique=scop&amp;territoire=gironde"
    assertContains(
        response,
        f'<a href="{base}&amp;page=2" aria-current="page">'
        '<span class="invisible">Page </span>2</a>',
        html=True,
    )
    assertContains(
        response, f'<a href="{base}"><span class="invisible">Page </span>1</a>', html=True
    )
    assertContains(response, f'<a rel="next" href="{base}&amp;page=3">Suivante</a>', html=True)
    assertContains(response, f'<a rel="prev" href="{base}">Précédente</a>', html=True)
    assertContains(response, "<title>SCOP en Gironde – page 2 – Écosystème</title>", html=True)


@pytest.mark.parametrize(
    ("page", "numero", "message"),
    [
        ("abc", 1, "« abc » n&#x27;est pas un numéro de page : voici la première page."),
        ("0", 1, "« 0 » n&#x27;est pas un numéro de page : voici la première page."),
        ("-3", 1, "« -3 » n&#x27;est pas un numéro de page : voici la première page."),
        ("99", 3, "La page 99 n&#x27;existe pas : voici la dernière, la page 3."),
        ("9" * 50, 3, f"La page {'9' * 39}… n&#x27;existe pas : voici la dernière, la page 3."),
        (
            "9" * 5000,
            1,
            f"« {'9' * 39}… » n&#x27;est pas un numéro de page : voici la première page.",
        ),
    ],
)
def test_a_wrong_page_shows_the_first_or_last_with_a_notice(
    client, quarante_cinq, page, numero, message
):
    response = client.get("/acteurs/", {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == numero
    assert avis(response) == [message]


def test_a_single_page_has_no_pagination(client, annuaire):
    assertNotContains(client.get("/acteurs/"), 'aria-label="Pagination"')


# Invalid parameters


def test_unknown_parameters_are_ignored(client, annuaire):
    response = client.get("/acteurs/?utm_source=lettre&foo=1&foo=2&forme_juridique=scic")

    assert resultats(response) == ["Beta"]
    assertNotContains(response, 'class="avis"')
    assertNotContains(response, "utm_source")


def test_values_no_database_could_hold_are_unknown(client, annuaire):
    response = client.get("/acteurs/", {"territoire": ["gironde", "a\x00b", "é" * 300]})

    assert response.status_code == 200
    assert resultats(response) == ["Alpha", "Beta"]
    assert len(avis(response)) == 1


def test_repeated_values_count_once_and_too_many_are_cut(client, annuaire):
    response = client.get("/acteurs/", {"type": ["cae", "cae", *[f"x{n}" for n in range(40)]]})

    assert response.status_code == 200
    assert resultats(response) == ["Alpha", "Beta"]
    assert avis(response)[0] == (
        "Type d&#x27;activité : seules les 30 premières valeurs ont été retenues."
    )


# Free text (search() itself is tested in tests/ecosysteme/recherche/test_moteur_recherche.py)


@pytest.fixture
def energie():
    OrganisationFactory(nom="Alpha", description="Fournit de l'énergie renouvelable.")
    OrganisationFactory(nom="Zeta Énergie", forme_juridique=FormeJuridique.SCIC)
    OrganisationFactory(nom="Beta", description="Culture.")


def test_a_search_is_sorted_by_relevance_then_by_name_on_request(client, energie):
    response = client.get("/acteurs/", {"q": "énergie"})

    # The name matches first.
    assert resultats(response) == ["Zeta Énergie", "Alpha"]
    assertContains(response, "<h1>Acteurs – «\u00a0énergie\u00a0»</h1>", html=True)
    assertContains(response, '<a href="/acteurs/?q=%C3%A9nergie" aria-current="true">')
    assertContains(response, '<a href="/acteurs/?q=%C3%A9nergie&amp;tri=nom">nom</a>', html=True)
    assertContains(
        response, '<input type="search" id="filtre-q" name="q" value="énergie"', html=False
    )

    response = client.get("/acteurs/", {"q": "énergie", "tri": "nom"})
    assert resultats(response) == ["Alpha", "Zeta Énergie"]
    # The sort is kept when the form is submitted again.
    assertContains(response, '<input type="hidden" name="tri" value="nom">', html=True)


def test_a_search_combines_with_filters_and_counts(client, energie):
    response = client.get("/acteurs/", {"q": "energie", "forme_juridique": "scic"})

    assert resultats(response) == ["Zeta Énergie"]
    assertContains(response, etiquette("forme_juridique", "scop", "SCOP", 1), html=True)
    assertContains(response, etiquette("forme_juridique", "scic", "SCIC", 1), html=True)
    assertContains(response, "<h1>SCIC – «\u00a0energie\u00a0»</h1>", html=True)
    assertContains(
        response,
        '<a href="/acteurs/?forme_juridique=scic"><span class="invisible">Retirer le filtre '
        'Recherche : </span>« energie » <span aria-hidden="true">×</span></a>',
        html=True,
    )


def test_relevance_is_only_offered_for_a_search(client, energie):
    response = client.get("/acteurs/", {"tri": "pertinence"})

    assert response.status_code == 200
    assert resultats(response) == ["Alpha", "Beta", "Zeta Énergie"]
    assertNotContains(response, ">pertinence</a>")
    assertNotContains(response, 'class="avis"')


def test_a_search_without_results_offers_wider_ones(client, energie):
    ThematiqueFactory(slug="culture")
    response = client.get(
        "/acteurs/",
        {"q": "énergie", "forme_juridique": "association", "thematique": "culture", "tri": "nom"},
    )

    assertContains(
        response,
        '<a href="/acteurs/?q=%C3%A9nergie&amp;tri=nom">Chercher « énergie » sans filtre</a>',
        html=True,
    )
    assertContains(
        response,
        '<a href="/recherche/?q=%C3%A9nergie">Chercher « énergie » dans tout l\'annuaire</a>',
        html=True,
    )
    assertContains(response, '<a href="/acteurs/">Tout afficher</a>', html=True)


def test_an_overlong_search_is_shortened_with_a_notice(client, energie):
    response = client.get("/acteurs/", {"q": "énergie " * 500})

    assert response.status_code == 200
    assert resultats(response) == ["Zeta Énergie", "Alpha"]
    assert avis(response) == [
        "Votre recherche était trop longue : seuls ses 200 premiers caractères environ ont "
        "été pris en compte."
    ]
    assert len(response.context["filtres"].q) <= 200


def test_a_search_with_no_usable_word_shows_everything_with_a_notice(client, energie):
    response = client.get("/acteurs/", {"q": "le \x00 de"})

    assert response.status_code == 200
    assert resultats(response) == ["Alpha", "Beta", "Zeta Énergie"]
    assert avis(response) == [
        "« le de » ne contient aucun mot assez significatif pour une recherche : toutes les "
        "entrées sont affichées."
    ]
