"""A network with many members: its profile shows a few of each group, a page shows them all."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from acteurs import liens
from acteurs.enums import TypeRelation
from acteurs.liens import LIENS_PAR_GROUPE, LIENS_PAR_PAGE, liens_du_groupe
from tests.factories import OrganisationFactory, RelationFactory

pytestmark = pytest.mark.django_db


def lien(organisation):
    return f'<a href="{organisation.get_absolute_url()}">{organisation.nom}</a>'


@pytest.fixture
def reseau():
    """A network with 60 members (two of them unpublished), 3 partners and one network."""
    reseau = OrganisationFactory(nom="Réseau", slug="reseau")
    membres = [OrganisationFactory(nom=f"Membre {i:02d}") for i in range(60)]
    for membre in membres:
        RelationFactory(source=membre, cible=reseau, type=TypeRelation.MEMBRE)
    for brouillon in membres[:2]:
        brouillon.is_published = False
        brouillon.save()
    partenaires = OrganisationFactory.create_batch(3)
    RelationFactory(source=reseau, cible=partenaires[0], type=TypeRelation.PARTENAIRE)
    RelationFactory(source=partenaires[1], cible=reseau, type=TypeRelation.PARTENAIRE)
    RelationFactory(source=partenaires[2], cible=reseau, type=TypeRelation.PARTENAIRE)
    tete = OrganisationFactory(nom="Tête de réseau")
    RelationFactory(source=reseau, cible=tete, type=TypeRelation.MEMBRE)
    return reseau, membres, partenaires, tete


def test_the_profile_shows_the_first_members_and_a_way_to_all_of_them(client, reseau):
    reseau, membres, partenaires, tete = reseau

    response = client.get(reseau.get_absolute_url())

    publies = membres[2:]
    for membre in publies[:LIENS_PAR_GROUPE]:
        assertContains(response, lien(membre), html=True)
    for membre in publies[LIENS_PAR_GROUPE:] + membres[:2]:
        assertNotContains(response, lien(membre), html=True)
    assertContains(response, '<h3>Membres <span class="discret">(58)</span></h3>', html=True)
    assertContains(
        response,
        '<a href="/acteurs/reseau/liens/membre/entrants/">Voir les 58 liens « Membres »</a>',
        html=True,
    )
    # Small groups are whole: no count, no link.
    assertContains(response, "<h3>Partenaires</h3>", html=True)
    assertContains(response, "<h3>Membre de</h3>", html=True)
    for organisation in [*partenaires, tete]:
        assertContains(response, lien(organisation), html=True)
    assertNotContains(response, "/liens/partenaire/")


def test_the_group_page_lists_them_all_page_by_page(client, reseau):
    reseau, membres, *_ = reseau
    publies = membres[2:]

    premiere = client.get("/acteurs/reseau/liens/membre/entrants/")
    seconde = client.get("/acteurs/reseau/liens/membre/entrants/", {"page": "2"})

    assert premiere.status_code == seconde.status_code == 200
    assertContains(premiere, '<h1>Membres <span class="discret">– Réseau</span></h1>', html=True)
    assertContains(premiere, "58 organisations, page 1 sur 2")
    assertContains(premiere, '<a href="/acteurs/reseau/">Réseau</a>', html=True)
    listes = [
        [organisation.nom for organisation, _ in r.context["groupe"].liens]
        for r in (premiere, seconde)
    ]
    assert listes == [
        [m.nom for m in publies[:LIENS_PAR_PAGE]],
        [m.nom for m in publies[LIENS_PAR_PAGE:]],
    ]
    assertContains(seconde, "<title>Membres – Réseau – page 2 – Écosystème</title>", html=True)
    assertContains(premiere, 'href="/acteurs/reseau/liens/membre/entrants/?page=2"')


@pytest.mark.parametrize(
    ("page", "numero", "avis"),
    [
        ("0", 1, "« 0 » n'est pas un numéro de page : voici la première page."),
        ("abc", 1, "« abc » n'est pas un numéro de page : voici la première page."),
        ("99", 2, "La page 99 n'existe pas : voici la dernière, la page 2."),
    ],
)
def test_a_wrong_page_number_gives_a_page_and_a_notice(client, reseau, page, numero, avis):
    response = client.get("/acteurs/reseau/liens/membre/entrants/", {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == numero
    assertContains(response, f"<li>{avis}</li>", html=True)


@pytest.mark.parametrize(
    "adresse",
    [
        "/acteurs/reseau/liens/inconnu/entrants/",
        "/acteurs/reseau/liens/membre/ailleurs/",
        "/acteurs/reseau/liens/partenaire/entrants/",  # one group for a symmetric type
        "/acteurs/inconnue/liens/membre/entrants/",
    ],
)
def test_unknown_groups_are_404(client, reseau, adresse):
    assert client.get(adresse).status_code == 404


def test_an_unpublished_organisation_has_no_group_page(client, reseau):
    reseau, *_ = reseau
    reseau.is_published = False
    reseau.save()

    assert client.get("/acteurs/reseau/liens/membre/entrants/").status_code == 404


def test_symmetric_groups_merge_both_directions_on_their_page(client, reseau):
    reseau, _, partenaires, _ = reseau

    response = client.get("/acteurs/reseau/liens/partenaire/sortants/")

    assert {o for o, _ in response.context["groupe"].liens} == set(partenaires)


@pytest.mark.parametrize("nombre", [5, 40])
def test_the_profile_query_count_does_not_grow_with_members(
    client, django_assert_num_queries, nombre
):
    reseau = OrganisationFactory()
    for membre in OrganisationFactory.create_batch(nombre):
        RelationFactory(source=membre, cible=reseau, type=TypeRelation.MEMBRE)
        RelationFactory(source=reseau, cible=membre, type=TypeRelation.ACCOMPAGNEMENT)

    # The organisation with its seat, nine prefetched relations, then its relations from
    # and to it (numbers only), the version of the data (the listing's index, read by the
    # first request, is in memory: which are published, in the order of their names), the
    # links shown with their organisations; then the graph: the organisations drawn, the
    # relations among them.
    client.get(reseau.get_absolute_url())
    with django_assert_num_queries(15):
        response = client.get(reseau.get_absolute_url())
    assert len(response.context["groupes_liens"]) == 2
    assert all(
        len(g.liens) == min(nombre, LIENS_PAR_GROUPE) for g in response.context["groupes_liens"]
    )


@pytest.mark.parametrize("nombre", [3, 30])
@pytest.mark.parametrize("lus_max", [liens.LIENS_LUS_MAX, 4])
def test_the_profile_query_count_does_not_depend_on_its_links(
    client, django_assert_num_queries, monkeypatch, nombre, lus_max
):
    # Beyond LIENS_LUS_MAX relations, what the profile shows of them is kept in memory.
    monkeypatch.setattr(liens, "LIENS_LUS_MAX", lus_max)
    reseau = OrganisationFactory()
    for autre in OrganisationFactory.create_batch(nombre):
        RelationFactory(source=autre, cible=reseau, type=TypeRelation.MEMBRE)
        # Partners recorded both ways: two relations, one organisation shown.
        RelationFactory(source=reseau, cible=autre, type=TypeRelation.PARTENAIRE)
        RelationFactory(source=autre, cible=reseau, type=TypeRelation.PARTENAIRE)
    for brouillon in OrganisationFactory.create_batch(nombre, is_published=False):
        RelationFactory(source=brouillon, cible=reseau, type=TypeRelation.MEMBRE)

    # As many queries whatever the number of links (see the test above).
    client.get(reseau.get_absolute_url())
    with django_assert_num_queries(15):
        response = client.get(reseau.get_absolute_url())

    membres, partenaires = response.context["groupes_liens"]
    assert (membres.intitule, partenaires.intitule) == ("Membres", "Partenaires")
    # The numbers are those of the groups' pages: published organisations only, a partner
    # recorded both ways counted twice, as its two relations.
    assert membres.nombre == nombre
    assert partenaires.nombre == 2 * nombre
    for groupe in (membres, partenaires):
        tous = liens_du_groupe(reseau, groupe.type, groupe.sens)
        assert groupe.nombre == tous.count()
        premiers = list(dict.fromkeys(relation.autre_id for relation in tous))
        montres = [organisation.pk for organisation, _ in groupe.liens]
        assert montres == premiers[:LIENS_PAR_GROUPE]


def test_a_network_kept_in_memory_shows_its_links_as_they_change(client, monkeypatch):
    monkeypatch.setattr(liens, "LIENS_LUS_MAX", 4)
    reseau = OrganisationFactory(nom="Réseau")
    for membre in OrganisationFactory.create_batch(6):
        RelationFactory(source=membre, cible=reseau, type=TypeRelation.MEMBRE)
    client.get(reseau.get_absolute_url())

    nouveau = OrganisationFactory(nom="AAA Nouveau membre")
    RelationFactory(source=nouveau, cible=reseau, type=TypeRelation.MEMBRE)
    response = client.get(reseau.get_absolute_url())

    (membres,) = response.context["groupes_liens"]
    assert membres.nombre == 7
    assert membres.liens[0][0] == nouveau
    assertContains(response, lien(nouveau), html=True)
