"""The search page: one query across organisations, people and programmes."""

import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation, Personne
from ecosysteme.recherche.moteur import LONGUEUR_MAX_REQUETE
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    TypeActiviteFactory,
    bandes_energie,
)

pytestmark = pytest.mark.django_db


def lien(objet, texte=None):
    return f'<a href="{objet.get_absolute_url()}">{texte or objet}</a>'


# French typography: a no-break space inside guillemets and before a colon.
NBSP = "\u00a0"


def statut(texte):
    return f'<p class="recherche-resume" role="status">{texte}</p>'


# Without a query


def test_empty_query_shows_the_form_and_what_it_searches(client):
    response = client.get("/recherche/")

    assert response.status_code == 200
    assertContains(response, "<title>Rechercher dans l'annuaire – Écosystème</title>", html=True)
    assertContains(response, "<h1>Rechercher dans l'annuaire</h1>", html=True)
    assertContains(
        response,
        '<label for="recherche-q" class="recherche__libelle">'
        "Organisation, personne ou dispositif d'accompagnement</label>",
        html=True,
    )
    assertContains(response, 'action="/recherche/" method="get"', count=1)
    assertContains(response, "Une seule recherche parcourt les organisations")
    assertNotContains(response, 'role="status"')


@pytest.mark.parametrize("q", ["", "   ", "\x00\x01\t"])
def test_blank_query_is_an_empty_query(client, q):
    response = client.get("/recherche/", {"q": q})

    assert response.status_code == 200
    assertContains(response, "<h1>Rechercher dans l'annuaire</h1>", html=True)


# Results


def test_results_are_grouped_by_kind_with_their_count(client):
    organisation = OrganisationFactory(nom="Coopérative Alpha")
    dispositif = DispositifFactory(nom="Incubateur coopératif")
    personne = PersonneFactory(prenom="Lou", nom="Cooperative")
    OrganisationFactory(nom="Association Beta", forme_juridique=FormeJuridique.ASSOCIATION)

    response = client.get("/recherche/", {"q": "coopérative"})

    assert response.status_code == 200
    assertContains(
        response,
        f"<title>Recherche{NBSP}: «{NBSP}coopérative{NBSP}» – Écosystème</title>",
        html=True,
    )
    assertContains(response, f"<h1>Recherche{NBSP}: «{NBSP}coopérative{NBSP}»</h1>", html=True)
    assertContains(
        response,
        statut("3 résultats : 1 organisation, 1 personne et 1 dispositif d'accompagnement."),
        html=True,
    )
    for numero, titre in enumerate(
        ["Organisations", "Personnes", "Dispositifs d'accompagnement"], start=1
    ):
        assertContains(
            response,
            f'<h2 id="resultats-{numero}">{titre} <span class="compte">(1)</span></h2>',
            html=True,
        )
    assertContains(response, lien(organisation), html=True)
    assertContains(response, lien(personne, "Lou Cooperative"), html=True)
    assertContains(response, lien(dispositif), html=True)
    assertNotContains(response, "Association Beta")


def test_each_group_shows_its_first_five_and_links_to_its_full_list(client):
    OrganisationFactory.create_batch(7, description="Une coopérative de la région.")

    response = client.get("/recherche/", {"q": "coopérative"})

    assertContains(response, statut("7 résultats : 7 organisations."), html=True)
    assertContains(response, '<article class="carte">', count=5)
    assertContains(
        response,
        # Those that ceased their activity included, as the search finds them.
        '<a href="/acteurs/?q=coop%C3%A9rative&amp;cessees=oui">Voir les 7 organisations</a>',
        html=True,
    )
    # Groups without a result are left out.
    assertNotContains(response, "Personnes <span")
    assertNotContains(response, "/personnes/?q=")


def test_each_group_links_to_its_own_list(client):
    OrganisationFactory(nom="Dijon Solidaire")
    PersonneFactory(nom="Dijon")
    DispositifFactory(nom="Dijon Incubateur")

    response = client.get("/recherche/", {"q": "Dijon"})

    for liste, pluriel in [
        # Those that ceased their activity included, as the search finds them.
        ("/acteurs/?q=Dijon&amp;cessees=oui", "organisations"),
        ("/personnes/?q=Dijon", "personnes"),
        ("/accompagnement/?q=Dijon", "dispositifs d'accompagnement"),
    ]:
        assertContains(
            response,
            f'<a href="{liste}">Ouvrir ces résultats dans la liste des {pluriel}</a>',
            html=True,
        )


def test_results_are_ordered_by_relevance_then_name(client):
    OrganisationFactory(nom="Zèbre", description="Membre du réseau Enercoop.")
    OrganisationFactory(nom="Enercoop Bourgogne")
    OrganisationFactory(nom="Enercoop Ardennes")

    contenu = client.get("/recherche/", {"q": "enercoop"}).content.decode()

    positions = [contenu.index(nom) for nom in ("Enercoop Ardennes", "Enercoop Bourgogne", "Zèbre")]
    assert positions == sorted(positions)


def test_a_person_result_shows_their_current_roles_and_organisations(client):
    personne = PersonneFactory(prenom="Aline", nom="Verdier")
    actuelle = FonctionFactory(
        personne=personne, intitule="gérante", organisation__nom="Coop Alpha"
    )
    FonctionFactory(
        personne=personne,
        intitule="stagiaire",
        organisation__nom="Ancienne Coop",
        fin=datetime.date(2010, 1, 1),
    )
    FonctionFactory(
        personne=personne, organisation__nom="Brouillon", organisation__is_published=False
    )

    response = client.get("/recherche/", {"q": "Verdier"})

    assertContains(
        response,
        f'<h3 class="carte__titre">{lien(personne, "Aline Verdier")}</h3>'
        f'<ul class="carte__fonctions"><li>Gérante, {lien(actuelle.organisation)}</li></ul>',
        html=True,
    )
    # Its organisations are found too, by the names of their people: not the draft.
    assertNotContains(response, "Brouillon")


def test_a_person_without_current_role_shows_their_past_ones(client):
    fonction = FonctionFactory(
        personne__nom="Verdier",
        intitule="chargé d'étude",
        debut=datetime.date(2009, 1, 1),
        fin=datetime.date(2012, 1, 1),
    )

    response = client.get("/recherche/", {"q": "Verdier"})

    assertContains(
        response,
        '<p class="carte__lieu">Auparavant :</p><ul class="carte__fonctions"><li>'
        f'Chargé d\'étude, {lien(fonction.organisation)} <span class="discret">(2009 – 2012)'
        "</span></li></ul>",
        html=True,
    )


def test_unpublished_entries_are_never_found(client):
    OrganisationFactory(nom="Coopérative cachée", is_published=False)
    PersonneFactory(nom="Coopérative", is_published=False)
    DispositifFactory(nom="Coopérative en brouillon", is_published=False)

    response = client.get("/recherche/", {"q": "coopérative"})

    assertContains(response, statut(f"Aucun résultat pour «{NBSP}coopérative{NBSP}»."), html=True)
    assertNotContains(response, "cachée")
    assertNotContains(response, "brouillon")


def test_the_first_results_are_the_best_of_the_best_scores(client):
    # Read by key: the best scores, and in the last one needed, the first by name.
    bandes_energie(dans_le_texte=9)
    trouves = Organisation.objects.published().search("energie")
    attendus = list(trouves.order_by("-pertinence", "nom", "pk")[:5])

    response = client.get("/recherche/", {"q": "energie"})

    (groupe,) = response.context["groupes"]
    assert groupe.nombre == 16
    assert groupe.resultats == attendus
    assert [o.nom for o in attendus[:3]] == ["Énergie 0", "Énergie 1", "Énergie 2"]


# No results, odd input


def test_no_result_says_so_and_suggests_ways_out(client):
    OrganisationFactory(nom="Enercoop")

    response = client.get("/recherche/", {"q": "xylophone"})

    assert response.status_code == 200
    assertContains(response, f"<h1>Recherche{NBSP}: «{NBSP}xylophone{NBSP}»</h1>", html=True)
    assertContains(response, statut(f"Aucun résultat pour «{NBSP}xylophone{NBSP}»."), html=True)
    assertContains(response, "vérifier l'orthographe")
    for ancre, texte in [
        ("par-type", "par type d'activité"),
        ("par-region", "par région"),
        ("par-thematique", "par thématique"),
    ]:
        assertContains(response, f'<a href="/#{ancre}">{texte}</a>', html=True)
    assertNotContains(response, "<h2")


def test_stop_words_alone_find_nothing_rather_than_everything(client):
    OrganisationFactory(nom="Enercoop")

    response = client.get("/recherche/", {"q": "de la"})

    assertContains(response, statut(f"Aucun résultat pour «{NBSP}de la{NBSP}»."), html=True)
    assertNotContains(response, "Enercoop")


def test_an_overlong_query_is_shortened_with_a_notice(client):
    OrganisationFactory(nom="Enercoop")
    q = "enercoop " + "x" * 5000

    response = client.get("/recherche/", {"q": q})

    assert response.status_code == 200
    assertContains(response, "Votre recherche était trop longue")
    titre = response.context["q"]
    assert len(titre) <= LONGUEUR_MAX_REQUETE
    assertContains(response, f'value="{titre}"')


def test_a_short_query_has_no_notice(client):
    response = client.get("/recherche/", {"q": "enercoop"})

    assertNotContains(response, "trop longue")


@pytest.mark.parametrize(
    "q",
    [
        "coop\x00érative",
        "\x1b[31mcoop\x7f",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%",
        "_",
        "💡 énergie",
        "a" * 100_000,
    ],
)
def test_odd_input_never_errors(client, q):
    OrganisationFactory(nom="Coopérative")

    response = client.get("/recherche/", {"q": q})

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
    assertNotContains(response, "<script>alert")


def test_query_is_escaped_in_the_page(client):
    response = client.get("/recherche/", {"q": '"><b>gras</b>'})

    assertNotContains(response, "<b>gras</b>")
    assertContains(response, "&lt;b&gt;gras&lt;/b&gt;")


# The header's search box


def test_header_search_box_is_on_every_other_page(client):
    organisation = OrganisationFactory()

    response = client.get(organisation.get_absolute_url())

    assertContains(
        response,
        '<label for="recherche-entete" class="recherche__libelle invisible">'
        "Rechercher dans l'annuaire</label>",
        html=True,
    )
    assertContains(response, 'role="search"', count=1)
    assertContains(response, 'action="/recherche/" method="get"', count=1)
    assertContains(response, '<button class="recherche__bouton" type="submit">', count=1)


def test_header_links_to_the_three_lists(client):
    response = client.get("/recherche/")

    for adresse, texte in [
        ("/acteurs/", "Acteurs"),
        ("/personnes/", "Personnes"),
        ("/accompagnement/", "Accompagnement"),
    ]:
        assertContains(response, f'<a href="{adresse}">{texte}</a>', html=True)


# Seeded directory


def test_seeded_person_is_found_with_their_organisations(client, donnees_seed):
    bossuet = Personne.objects.get(slug="stephane-bossuet")

    response = client.get("/recherche/", {"q": "Stéphane Bossuet"})

    assertContains(response, lien(bossuet, "Stéphane Bossuet"), html=True)
    for slug in ("cooproduction", "artenreel", "cooperer-pour-entreprendre", "kaleidoscoop"):
        assertContains(response, lien(Organisation.objects.get(slug=slug)), html=True)


def test_seeded_cooperatives(client, donnees_seed):
    response = client.get("/recherche/", {"q": "coopérative"})

    assert response.context["nombre_resultats"] > 0
    assertContains(response, "Organisations <span")


# Query count


@pytest.mark.parametrize("nombre", [2, 12])
def test_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    for n in range(nombre):
        organisation = OrganisationFactory(nom=f"Coopérative {n}", siege=TerritoireFactory())
        organisation.types.add(*TypeActiviteFactory.create_batch(2))
        for fonction in FonctionFactory.create_batch(2, organisation=organisation):
            fonction.personne.nom = f"Coopérative{n}"
            fonction.personne.save()
        dispositif = DispositifFactory(nom=f"Coopérative {n}")
        dispositif.porteurs.add(organisation, OrganisationFactory())

    client.get("/")  # reads the listings' indexes (their order by name)
    # The version of the data; for each kind: the typo lookup in the vocabulary, the matches
    # with their pertinence, the first results, and their related rows (organisations:
    # kinds; people: roles; programmes: porteurs and territories, an event's place).
    with django_assert_num_queries(14):
        response = client.get("/recherche/", {"q": "cooperative"})
    assert response.status_code == 200
    assert response.context["nombre_resultats"] >= 3 * nombre
