import pytest
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import FormeJuridique
from ecosysteme.enums import NiveauTerritoire
from tests.factories import (
    DispositifFactory,
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)

pytestmark = pytest.mark.django_db


def lien(objet):
    return f'<a href="{objet.get_absolute_url()}">{objet.nom}</a>'


def hierarchie():
    """France → Bourgogne-Franche-Comté → Côte-d'Or → Dijon Métropole → Dijon."""
    france = TerritoireFactory(nom="France", niveau=NiveauTerritoire.PAYS)
    region = TerritoireFactory(
        nom="Bourgogne-Franche-Comté", niveau=NiveauTerritoire.REGION, parent=france
    )
    departement = TerritoireFactory(
        nom="Côte-d'Or", niveau=NiveauTerritoire.DEPARTEMENT, parent=region
    )
    metropole = TerritoireFactory(
        nom="Dijon Métropole", niveau=NiveauTerritoire.INTERCOMMUNALITE, parent=departement
    )
    commune = TerritoireFactory(nom="Dijon", niveau=NiveauTerritoire.COMMUNE, parent=metropole)
    return france, region, departement, metropole, commune


# Home


def test_home_explains_the_directory_and_its_ways_in(client):
    france, region, departement, metropole, commune = hierarchie()
    cae = TypeActiviteFactory(nom="CAE", slug="cae")
    culture = ThematiqueFactory(nom="Culture")
    seated = OrganisationFactory(siege=commune)
    active = OrganisationFactory()
    active.territoires_action.add(departement, commune)
    seated.types.add(cae)
    seated.thematiques.add(culture)
    OrganisationFactory(is_published=False, siege=commune).types.add(cae)
    PersonneFactory.create_batch(3)
    DispositifFactory()

    response = client.get("/")

    assert response.status_code == 200
    assertContains(response, "<h1>L'annuaire de l'économie sociale et solidaire</h1>", html=True)
    assertContains(
        response, '<span class="chiffres-cles__valeur">2</span> organisations', html=True
    )
    assertContains(response, '<span class="chiffres-cles__valeur">3</span> personnes', html=True)
    assertContains(
        response,
        '<span class="chiffres-cles__valeur">1</span> dispositif d\'accompagnement',
        html=True,
    )
    assertContains(response, '<span class="chiffres-cles__valeur">5</span> territoires', html=True)
    compte = '<span class="compte">{}<span class="invisible"> organisation{}</span></span>'
    assertContains(
        response, f'<li><a href="/acteurs/?type=cae">CAE</a> {compte.format(1, "")}</li>', html=True
    )
    # Both organisations are in the region, through a commune and a département below it.
    assertContains(response, f"<li>{lien(region)} {compte.format(2, 's')}</li>", html=True)
    assertContains(response, f"<li>{lien(culture)} {compte.format(1, '')}</li>", html=True)
    assertContains(
        response, '<a href="#contenu" class="lien-evitement">Aller au contenu</a>', html=True
    )
    assertContains(response, '<a href="/" aria-current="page">Accueil</a>', html=True)


def chiffre_cle(valeur, libelle):
    return f'<li><span class="chiffres-cles__valeur">{valeur}</span> {libelle}</li>'


def test_home_counts_cooperatives_and_support_structures(client):
    cae = TypeActiviteFactory(nom="CAE", slug="cae")
    incubateur = TypeActiviteFactory(nom="Incubateur", slug="incubateur")
    accompagnement = TypeActiviteFactory(
        nom="Structure d'accompagnement", slug="structure-accompagnement"
    )
    generateur = TypeActiviteFactory(nom="Générateur", slug="generateur")
    reseau = TypeActiviteFactory(nom="Réseau", slug="reseau")
    OrganisationFactory(forme_juridique=FormeJuridique.SCOP).types.add(cae, reseau)
    OrganisationFactory(forme_juridique=FormeJuridique.SCIC)
    OrganisationFactory(forme_juridique=FormeJuridique.COOPERATIVE)
    # A CAE is a kind of activity: an association running one counts as a cooperative.
    OrganisationFactory(forme_juridique=FormeJuridique.ASSOCIATION).types.add(cae)
    OrganisationFactory(forme_juridique=FormeJuridique.ASSOCIATION).types.add(
        incubateur, accompagnement
    )
    OrganisationFactory(forme_juridique="").types.add(generateur)
    OrganisationFactory(forme_juridique=FormeJuridique.MUTUELLE).types.add(reseau)
    OrganisationFactory(forme_juridique=FormeJuridique.SCOP, is_published=False).types.add(
        cae, incubateur
    )

    response = client.get("/")

    assertContains(response, chiffre_cle(7, "organisations"), html=True)
    assertContains(response, chiffre_cle(4, "coopératives"), html=True)
    assertContains(response, chiffre_cle(2, "structures d'accompagnement"), html=True)


def test_home_counts_read_in_the_singular(client):
    organisation = OrganisationFactory(forme_juridique=FormeJuridique.SCIC)
    organisation.types.add(TypeActiviteFactory(slug="incubateur"))

    response = client.get("/")

    assertContains(response, chiffre_cle(1, "coopérative"), html=True)
    assertContains(response, chiffre_cle(1, "structure d'accompagnement"), html=True)


def test_home_has_one_prominent_labelled_search_box(client):
    response = client.get("/")

    assertContains(
        response,
        '<label for="recherche-accueil" class="recherche__libelle">Rechercher une organisation,'
        " une personne ou un dispositif d'accompagnement</label>",
        html=True,
    )
    # The header's search box gives way to this one: one search form on the page.
    assertContains(response, 'role="search"', count=1)
    assertContains(response, 'action="/recherche/" method="get"', count=1)
    assertContains(response, 'name="q"', count=1)


@pytest.mark.parametrize("nombre", [1, 10])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    for _ in range(nombre):
        *_, commune = hierarchie()
        organisation = OrganisationFactory(siege=commune)
        organisation.territoires_action.add(commune.parent)
        organisation.types.add(TypeActiviteFactory())
        organisation.thematiques.add(ThematiqueFactory())
        PersonneFactory()
        DispositifFactory()

    # Six key figures, kinds of activity, themes, regions, and the organisations' seats
    # and territories of action with their chain of parents.
    with django_assert_num_queries(11):
        response = client.get("/")
    assert response.status_code == 200


# Territory


def test_territory_page_lists_organisations_below_it(client):
    france, region, departement, metropole, commune = hierarchie()
    seated = OrganisationFactory(nom="Go'Up", siege=commune)
    active = OrganisationFactory(nom="GRAIS")
    active.territoires_action.add(metropole)
    OrganisationFactory(nom="Ailleurs", siege=TerritoireFactory())
    OrganisationFactory(nom="Brouillon", siege=commune, is_published=False)
    dispositif = DispositifFactory(nom="Puls'actions")
    dispositif.territoires.add(departement)

    response = client.get(region.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<h1>Bourgogne-Franche-Comté</h1>", html=True)
    assertContains(
        response,
        f'<ol><li><a href="/">Accueil</a></li><li>{lien(france)}</li>'
        '<li aria-current="page">Bourgogne-Franche-Comté</li></ol>',
        html=True,
    )
    assertContains(response, f"<li>{lien(departement)}</li>", html=True)
    assertNotContains(response, lien(metropole), html=True)
    assertContains(response, lien(seated), count=1, html=True)
    assertContains(response, lien(active), count=1, html=True)
    assertNotContains(response, "Ailleurs")
    assertNotContains(response, "Brouillon")
    assertContains(response, lien(dispositif), html=True)


def test_territory_page_of_a_commune(client):
    *_, commune = hierarchie()
    organisation = OrganisationFactory(siege=commune)
    organisation.territoires_action.add(commune)

    response = client.get(commune.get_absolute_url())

    assertContains(response, lien(organisation), count=1, html=True)
    assertNotContains(response, "Territoires rattachés")


def test_territory_unknown_is_404(client):
    response = client.get("/territoires/atlantide/")

    assertContains(response, "<h1>Page introuvable</h1>", status_code=404, html=True)


@pytest.mark.parametrize("nombre", [1, 10])
def test_territory_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    france, region, departement, metropole, commune = hierarchie()
    for organisation in OrganisationFactory.create_batch(nombre, siege=commune):
        organisation.territoires_action.add(metropole, departement)
        organisation.types.add(TypeActiviteFactory())
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.territoires.add(commune)
        dispositif.porteurs.add(*OrganisationFactory.create_batch(2))
    TerritoireFactory.create_batch(nombre, parent=region)

    # The region with its parents; its children; one query per level below it (three,
    # then an empty fourth); organisations and their kinds; programmes and their porteurs.
    with django_assert_num_queries(10):
        response = client.get(region.get_absolute_url())
    assert response.status_code == 200


# Theme


def test_theme_page_lists_organisations_and_programmes(client):
    thematique = ThematiqueFactory(nom="Énergie", description="Produire et fournir.")
    enercoop = OrganisationFactory(nom="Enercoop")
    enercoop.thematiques.add(thematique)
    OrganisationFactory(nom="Brouillon", is_published=False).thematiques.add(thematique)
    OrganisationFactory(nom="Ailleurs")
    dispositif = DispositifFactory(nom="Énergie Partagée")
    dispositif.thematiques.add(thematique)

    response = client.get(thematique.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<h1>Énergie</h1>", html=True)
    assertContains(response, "<p>Produire et fournir.</p>", html=True)
    assertContains(response, lien(enercoop), html=True)
    assertContains(response, lien(dispositif), html=True)
    assertNotContains(response, "Brouillon")
    assertNotContains(response, "Ailleurs")
    assert client.get("/thematiques/inconnue/").status_code == 404


@pytest.mark.parametrize("nombre", [1, 10])
def test_theme_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    thematique = ThematiqueFactory()
    for organisation in OrganisationFactory.create_batch(nombre, siege=TerritoireFactory()):
        organisation.thematiques.add(thematique)
        organisation.types.add(TypeActiviteFactory())
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.thematiques.add(thematique)
        dispositif.porteurs.add(OrganisationFactory())

    # The theme; organisations and their kinds; programmes and their porteurs.
    with django_assert_num_queries(5):
        response = client.get(thematique.get_absolute_url())
    assert response.status_code == 200


def test_seeded_pages_all_render(client, donnees_seed):
    """Every public page of the seeded directory renders, with no unknown template variable."""
    from accompagnement.models import Dispositif
    from acteurs.models import Organisation, Personne
    from ecosysteme.models import Territoire, Thematique

    adresses = ["/", "/acteurs/"]
    for modele in (Organisation, Personne, Dispositif):
        adresses += [objet.get_absolute_url() for objet in modele.objects.published()]
    for modele in (Territoire, Thematique):
        adresses += [objet.get_absolute_url() for objet in modele.objects.all()]
    for adresse in adresses:
        assert client.get(adresse).status_code == 200, adresse
