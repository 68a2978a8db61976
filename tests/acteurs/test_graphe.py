"""The partnership graph drawn on organisation profiles."""

import html
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from acteurs import graphe
from acteurs.enums import TypeRelation
from acteurs.graphe import INTERLIGNE, NOEUDS_MAX, graphe_organisation
from acteurs.models import Organisation
from tests.factories import (
    OrganisationFactory,
    RelationFactory,
    TerritoireFactory,
    ThematiqueFactory,
)

pytestmark = pytest.mark.django_db


def dessin(response):
    (svg,) = re.findall(r'<svg class="graphe__dessin".*?</svg>', response.content.decode(), re.S)
    return svg


def noeuds(svg):
    """(address, name as written, its lines joined) of each node, in drawing order."""
    return [
        (adresse, html.unescape(" ".join(re.findall(r">([^<]+)<", texte))))
        for adresse, texte in re.findall(
            r'<a class="graphe__noeud[^"]*" href="([^"]+)">.*?(<text.*?</text>)', svg, re.S
        )
    ]


def dimensions(svg):
    largeur, hauteur = (float(n) for n in re.search(r'viewBox="0 0 (\S+) (\S+)"', svg).groups())
    assert re.search(rf'width="{largeur:g}" height="{hauteur:g}"', svg)
    return largeur, hauteur


def test_a_profile_draws_its_relations_each_node_a_link(client):
    pole = OrganisationFactory(nom="Pôle ESS", slug="pole")
    reseau = OrganisationFactory(nom="Réseau", slug="reseau")
    coop = OrganisationFactory(nom="Coop", slug="coop")
    RelationFactory(source=pole, cible=reseau, type=TypeRelation.MEMBRE)
    RelationFactory(source=coop, cible=pole, type=TypeRelation.PARTENAIRE)

    response = client.get("/acteurs/pole/")
    svg = dessin(response)

    # The organisation on top, then those it is linked to.
    assert noeuds(svg) == [
        ("/acteurs/pole/", "Pôle ESS"),
        ("/acteurs/reseau/", "Réseau"),
        ("/acteurs/coop/", "Coop"),
    ]
    assert svg.count('<path class="graphe__arete ') == 2
    assert "<title>Pôle ESS membre de Réseau</title>" in svg
    # Directed relations carry an arrow; partnerships go both ways and have none.
    assert re.search(r'graphe__arete--membre"[^>]*marker-end=', svg)
    assert not re.search(r'graphe__arete--partenaire"[^>]*marker-end=', svg)
    # Coordinates are numbers with a point, whatever the language of the page.
    for chemin in re.findall(r'class="graphe__arete[^"]*" d="([^"]+)"', svg):
        assert re.fullmatch(
            r"M[\d.]+,[\d.]+ C-?[\d.]+,[\d.]+ -?[\d.]+,[\d.]+ [\d.]+,[\d.]+", chemin
        )
    legende = re.search(r'<ul class="graphe__legende".*?</ul>', response.content.decode(), re.S)
    assert "membre de" in legende.group() and "partenaire de" in legende.group()
    # The text version: the same sentences (the lists below have the links).
    assertContains(response, "<li>Pôle ESS membre de Réseau</li>", html=True)
    assertContains(response, "<li>Coop partenaire de Pôle ESS</li>", html=True)


def test_relations_between_neighbours_are_drawn_too(client):
    centre = OrganisationFactory(slug="centre")
    a, b = OrganisationFactory(), OrganisationFactory()
    RelationFactory(source=centre, cible=a, type=TypeRelation.MEMBRE)
    RelationFactory(source=centre, cible=b, type=TypeRelation.MEMBRE)
    RelationFactory(source=a, cible=b, type=TypeRelation.FINANCEMENT)

    svg = dessin(client.get("/acteurs/centre/"))

    assert svg.count("graphe__arete--secondaire") == 1
    assert f"<title>{a.nom} finance {b.nom}</title>" in svg


def test_unpublished_organisations_are_not_drawn(client):
    centre = OrganisationFactory(slug="centre")
    RelationFactory(source=centre, cible=OrganisationFactory(), type=TypeRelation.MEMBRE)
    RelationFactory(
        source=centre,
        cible=OrganisationFactory(nom="Brouillon", is_published=False),
        type=TypeRelation.MEMBRE,
    )

    response = client.get("/acteurs/centre/")

    assert len(noeuds(dessin(response))) == 2
    assertNotContains(response, "Brouillon")


def test_an_organisation_without_relations_has_no_graph(client):
    OrganisationFactory(slug="seule")

    assertNotContains(client.get("/acteurs/seule/"), "graphe__dessin")


def test_the_same_data_draws_the_same_picture(client):
    centre = OrganisationFactory(slug="centre")
    # Created in reverse order of their names: the drawing follows names, not creation.
    for nom in ["Delta", "Charlie", "Bravo", "Alpha"]:
        RelationFactory(source=centre, cible=OrganisationFactory(nom=nom), type="partenaire")

    premier = dessin(client.get("/acteurs/centre/"))
    second = dessin(client.get("/acteurs/centre/"))

    assert premier == second
    assert [nom for _, nom in noeuds(premier)][1:] == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_beyond_sixty_the_most_significant_are_drawn_and_the_rest_counted(client):
    centre = OrganisationFactory(slug="reseau")
    for i in range(NOEUDS_MAX + 5):
        RelationFactory(source=OrganisationFactory(nom=f"Membre {i:02}"), cible=centre)
    # Last by name, but a merger says more of an organisation than a membership.
    RelationFactory(source=centre, cible=OrganisationFactory(nom="Zèbre"), type=TypeRelation.FUSION)

    response = client.get("/acteurs/reseau/")
    dessines = noeuds(dessin(response))

    assert len(dessines) == NOEUDS_MAX + 2  # the centre, the sixty, « 6 autres »
    assert dessines[1][1] == "Zèbre"
    assert dessines[-1] == ("#liens", "6 autres")
    assertContains(response, "6 autres organisations liées ne sont pas dessinées")


def test_several_relations_between_two_organisations_are_drawn_apart(db):
    centre = OrganisationFactory()
    autre = OrganisationFactory()
    RelationFactory(source=autre, cible=centre, type=TypeRelation.MEMBRE)
    RelationFactory(source=centre, cible=autre, type=TypeRelation.COORDINATION)

    graphe = graphe_organisation(centre)

    # One bends out farther than the other, whichever way each one reads.
    controles = {re.search(r"C(\S+)", arete.chemin).group(1) for arete in graphe.aretes}
    assert len(controles) == 2


def test_names_are_horizontal_whole_and_within_a_drawing_sized_to_them(client):
    long = "Groupement d'accompagnement à l'innovation sociale et solidaire du Grand Est"
    centre = OrganisationFactory(nom="Centre", slug="centre")
    RelationFactory(source=OrganisationFactory(nom=long), cible=centre, type=TypeRelation.MEMBRE)
    RelationFactory(source=centre, cible=OrganisationFactory(nom="Bravo"), type="partenaire")

    svg = dessin(client.get("/acteurs/centre/"))
    largeur, hauteur = dimensions(svg)

    assert "rotate" not in svg and "transform" not in svg
    # The long name, whole, on several lines; nothing cut.
    assert [nom for _, nom in noeuds(svg)] == ["Centre", long, "Bravo"]
    assert "…" not in svg
    assert svg.count("<tspan") >= 2
    # Three organisations take three rows, not an 860 px square; the drawing fits the
    # column of a 360 px wide phone (328 px) at its own size.
    assert hauteur < 150
    assert largeur <= 328
    graphe = graphe_organisation(Organisation.objects.get(slug="centre"))
    for noeud in graphe.noeuds:
        assert noeud.x_texte + noeud.largeur <= largeur
        assert 0 < noeud.y <= hauteur - INTERLIGNE * len(noeud.lignes) / 2
    # Every relation runs left of the column; every name starts right of it.
    for arete in graphe.aretes:
        abscisses = [float(x) for x in re.findall(r"(-?[\d.]+),", arete.chemin)]
        assert max(abscisses) < min(noeud.x_texte for noeud in graphe.noeuds)


def test_an_organisation_is_named_by_its_acronym_and_its_full_name_in_words(client):
    centre = OrganisationFactory(nom="Centre", slug="centre")
    grais = OrganisationFactory(
        nom="Groupement d'accompagnement à l'innovation sociale", sigle="GRAIS"
    )
    RelationFactory(source=grais, cible=centre, type=TypeRelation.MEMBRE)

    response = client.get("/acteurs/centre/")
    svg = dessin(response)

    assert (grais.get_absolute_url(), "GRAIS") in noeuds(svg)
    assert (
        "<title>Groupement d&#x27;accompagnement à l&#x27;innovation sociale (GRAIS)</title>" in svg
    )
    assertContains(
        response,
        "<li>Groupement d'accompagnement à l'innovation sociale membre de Centre</li>",
        html=True,
    )


# The network of a territory or a theme


def test_the_network_page_draws_the_relations_within_a_theme(client):
    theme = ThematiqueFactory(nom="Alimentation", slug="alimentation")
    dedans = OrganisationFactory.create_batch(3)
    dehors = OrganisationFactory(nom="Hors thème")
    for organisation in dedans:
        organisation.thematiques.add(theme)
    RelationFactory(source=dedans[0], cible=dedans[1], type=TypeRelation.MEMBRE)
    RelationFactory(source=dedans[2], cible=dedans[1], type=TypeRelation.FINANCEMENT)
    RelationFactory(source=dehors, cible=dedans[1], type=TypeRelation.MEMBRE)

    response = client.get("/reseau/?thematique=alimentation")
    svg = dessin(response)

    assertContains(response, "<h1>Le réseau : Alimentation</h1>", html=True)
    assert sorted(nom for _, nom in noeuds(svg)) == sorted(o.nom for o in dedans)
    assert "Hors thème" not in svg
    assert svg.count('class="graphe__arete graphe__arete--') == 2
    assert "graphe__arete--secondaire" not in svg
    # The text version links each name, as there is no list of them on this page.
    assertContains(
        response,
        f'<li><a href="{dedans[0].get_absolute_url()}">{dedans[0].nom}</a> membre de '
        f'<a href="{dedans[1].get_absolute_url()}">{dedans[1].nom}</a></li>',
        html=True,
    )
    assertContains(response, '<a href="/acteurs/?thematique=alimentation">les voir en liste</a>')


def test_the_network_of_a_territory_includes_the_territories_within(client):
    region = TerritoireFactory(nom="Grand Est", slug="grand-est", niveau="region")
    ville = TerritoireFactory(nom="Nancy", slug="nancy", parent=region)
    a, b = OrganisationFactory(siege=ville), OrganisationFactory(siege=region)
    RelationFactory(source=a, cible=b, type=TypeRelation.PARTENAIRE)

    svg = dessin(client.get("/reseau/?territoire=grand-est"))

    assert sorted(nom for _, nom in noeuds(svg)) == sorted([a.nom, b.nom])


def test_the_network_page_without_a_choice_offers_territories_and_themes(client):
    TerritoireFactory(nom="Grand Est", slug="grand-est", niveau="region")
    ThematiqueFactory(nom="Mobilité", slug="mobilite")

    response = client.get("/reseau/")

    assert response.status_code == 200
    assertContains(response, '<a href="/reseau/?territoire=grand-est">Grand Est</a>', html=True)
    assertContains(response, '<a href="/reseau/?thematique=mobilite">Mobilité</a>', html=True)
    assertNotContains(response, "graphe__dessin")


def test_the_network_page_says_when_nothing_links_the_organisations(client):
    theme = ThematiqueFactory(slug="solitude")
    OrganisationFactory().thematiques.add(theme)

    response = client.get("/reseau/?thematique=solitude")

    assertContains(response, "Aucune relation n'est connue entre ces organisations")


@pytest.mark.parametrize("parametres", ["territoire=inconnu", "thematique=x&page=abc", "q=%00"])
def test_the_network_page_takes_unknown_values_calmly(client, parametres):
    assert client.get(f"/reseau/?{parametres}").status_code == 200


@pytest.mark.parametrize("valeur", ["inconnu", "scop%00", "%00%00"])
def test_an_unknown_territory_is_set_aside_with_a_notice(client, valeur):
    TerritoireFactory(nom="Grand Est", slug="grand-est", niveau="region")

    response = client.get(f"/reseau/?territoire={valeur}")

    assert response.status_code == 200
    assert (
        "n'existe pas dans l'annuaire, ce filtre a été ignoré."
        in response.content.decode().replace("&#x27;", "'")
    )
    assertContains(response, '<a href="/reseau/?territoire=grand-est">Grand Est</a>', html=True)


def test_a_known_territory_beside_an_unknown_one_still_draws_its_network(client):
    TerritoireFactory(nom="Grand Est", slug="grand-est", niveau="region")

    response = client.get("/reseau/?territoire=grand-est&territoire=nulle-part")

    assertContains(response, "<h1>Le réseau : Grand Est</h1>", html=True)
    assert "« nulle-part » n'existe pas dans l'annuaire" in response.content.decode().replace(
        "&#x27;", "'"
    )


def reseau_en_etoile(theme, branches):
    """A centre in the theme linked to `branches` organisations of the theme."""
    centre = OrganisationFactory(nom="Centre")
    centre.thematiques.add(theme)
    for i in range(branches):
        branche = OrganisationFactory(nom=f"Branche {i:02}")
        branche.thematiques.add(theme)
        RelationFactory(source=branche, cible=centre, type=TypeRelation.MEMBRE)
    return centre


def test_the_network_of_a_large_set_draws_the_most_linked_and_counts_the_others(client):
    theme = ThematiqueFactory(nom="Alimentation", slug="alimentation")
    reseau_en_etoile(theme, NOEUDS_MAX + 10)

    response = client.get("/reseau/?thematique=alimentation")
    dessines = noeuds(dessin(response))

    assert len(dessines) == NOEUDS_MAX + 1  # the centre, 59 branches, « 11 autres »
    assert ("/acteurs/?thematique=alimentation", "11 autres") in dessines
    assert "Centre" in [nom for _, nom in dessines]
    assertContains(
        response,
        "11 autres organisations liées ne sont pas dessinées : "
        '<a href="/acteurs/?thematique=alimentation">voir la liste complète</a>.',
    )


def test_the_network_reads_only_the_relations_among_the_most_linked(client, monkeypatch):
    monkeypatch.setattr(graphe, "CANDIDATS", 4)
    theme = ThematiqueFactory(slug="habitat")
    centre = reseau_en_etoile(theme, 3)
    # Two less linked organisations of the theme, linked to each other: not candidates.
    d, e = OrganisationFactory(nom="Delta"), OrganisationFactory(nom="Epsilon")
    for organisation in (d, e):
        organisation.thematiques.add(theme)
    RelationFactory(source=d, cible=e, type=TypeRelation.PARTENAIRE)

    dessines = [nom for _, nom in noeuds(dessin(client.get("/reseau/?thematique=habitat")))]

    assert sorted(dessines) == ["2 autres", "Branche 00", "Branche 01", "Branche 02", centre.nom]


def test_the_network_follows_new_relations(client):
    theme = ThematiqueFactory(slug="mobilite")
    a, b = OrganisationFactory(nom="Alpha"), OrganisationFactory(nom="Bravo")
    for organisation in (a, b):
        organisation.thematiques.add(theme)
    assertContains(client.get("/reseau/?thematique=mobilite"), "Aucune relation n'est connue")

    RelationFactory(source=a, cible=b, type=TypeRelation.PARTENAIRE)

    svg = dessin(client.get("/reseau/?thematique=mobilite"))
    assert sorted(nom for _, nom in noeuds(svg)) == ["Alpha", "Bravo"]


@pytest.mark.parametrize("branches", [1, NOEUDS_MAX + 10])
def test_network_query_count_does_not_grow(client, django_assert_num_queries, branches):
    region = TerritoireFactory(slug="grand-est", niveau="region")
    theme = ThematiqueFactory(slug="alimentation")
    reseau_en_etoile(theme, branches)
    for organisation in Organisation.objects.all():
        organisation.territoires_action.add(region)
    client.get("/reseau/?thematique=alimentation")  # reads the indexes, once per process

    # The version of the data; the options of the kinds, territories and themes; the
    # relations among the most linked organisations; the names of those drawn.
    for adresse in ("/reseau/?thematique=alimentation", "/reseau/?territoire=grand-est"):
        with django_assert_num_queries(6):
            response = client.get(adresse)
        assertContains(response, "graphe__dessin")


def test_the_network_is_reached_from_the_navigation_territories_and_themes(client):
    region = TerritoireFactory(nom="Grand Est", slug="grand-est", niveau="region")
    OrganisationFactory(siege=region).thematiques.add(ThematiqueFactory(slug="mobilite"))

    assertContains(client.get("/"), '<a href="/reseau/">Réseau</a>', html=True)
    assertContains(
        client.get("/reseau/"), '<a href="/reseau/" aria-current="page">Réseau</a>', html=True
    )
    assertContains(client.get("/territoires/grand-est/"), 'href="/reseau/?territoire=grand-est"')
    assertContains(client.get("/thematiques/mobilite/"), 'href="/reseau/?thematique=mobilite"')
