import itertools
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import FormeJuridique
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.pages import views
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
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
    assertContains(response, chiffre_cle(2, "organisations", "/acteurs/"), html=True)
    assertContains(response, chiffre_cle(3, "personnes", "/personnes/"), html=True)
    assertContains(
        response, chiffre_cle(1, "dispositif d'accompagnement", "/accompagnement/"), html=True
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


def chiffre_cle(valeur, libelle, url):
    return (
        f'<li><a href="{url}"><span class="chiffres-cles__valeur">{valeur}</span> {libelle}</a>'
        "</li>"
    )


COOPERATIVES = "/acteurs/?famille=cooperative"
ACCOMPAGNEMENT = "/acteurs/?famille=accompagnement"


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

    assertContains(response, chiffre_cle(7, "organisations", "/acteurs/"), html=True)
    assertContains(response, chiffre_cle(4, "coopératives", COOPERATIVES), html=True)
    assertContains(
        response, chiffre_cle(2, "structures d'accompagnement", ACCOMPAGNEMENT), html=True
    )
    # Each figure leads to the listing it counts, which finds as many.
    for url, nombre in [("/acteurs/", 7), (COOPERATIVES, 4), (ACCOMPAGNEMENT, 2)]:
        assert client.get(url).context["page"].paginator.count == nombre, url
    response = client.get(COOPERATIVES)
    assertContains(response, "<h1>Coopératives</h1>", html=True)


def test_each_seeded_figure_leads_to_a_listing_of_as_many(client, donnees_seed):
    response = client.get("/")

    chiffres = response.content.decode().split('<ul class="chiffres-cles">')[1].split("</ul>")[0]
    liens = re.findall(
        r'<a href="([^"]+)"><span class="chiffres-cles__valeur">(\d+)</span>', chiffres
    )
    assert [url for url, _ in liens] == [
        "/acteurs/",
        COOPERATIVES,
        ACCOMPAGNEMENT,
        "/personnes/",
        "/accompagnement/",
    ]
    for url, nombre in liens:
        assert client.get(url).context["page"].paginator.count == int(nombre), url


def test_home_counts_read_in_the_singular(client):
    organisation = OrganisationFactory(forme_juridique=FormeJuridique.SCIC)
    organisation.types.add(TypeActiviteFactory(slug="incubateur"))

    response = client.get("/")

    assertContains(response, chiffre_cle(1, "coopérative", COOPERATIVES), html=True)
    assertContains(
        response, chiffre_cle(1, "structure d'accompagnement", ACCOMPAGNEMENT), html=True
    )


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

    # The figures come from the listings' indexes in memory. Reading them, after a write:
    # the version of the data; the organisations with their forms, families, kinds,
    # territories, themes and those that have ceased their activity (7); the people with
    # their roles and their organisations' themes (3); the programmes with their kinds,
    # their families of kinds, territories (2), themes and carriers (7). Then the kinds, the
    # themes, the régions, the number of territories and the territories the maps' areas are
    # (kept until the next write).
    with django_assert_num_queries(23):
        response = client.get("/")
    assert response.status_code == 200
    with django_assert_num_queries(5):
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


def cartes_affichees(response, section):
    """The names on the cards of one section of the page, in order."""
    (contenu,) = re.findall(
        rf'<section aria-labelledby="{section}">.*?</section>', response.content.decode(), re.S
    )
    return re.findall(r'<h3 class="carte__titre"><a href="[^"]+">([^<]+)</a>', contenu)


def test_territory_page_shows_the_first_entries_and_links_to_the_listings(client):
    france, region, departement, metropole, commune = hierarchie()
    # Created in reverse order of their names: the page follows names, as the listing does.
    for i in reversed(range(30)):
        OrganisationFactory(nom=f"Organisation {i:02}", siege=commune)
    for i in reversed(range(15)):
        DispositifFactory(nom=f"Dispositif {i:02}").territoires.add(departement)

    response = client.get(region.get_absolute_url())

    premieres = [f"Organisation {i:02}" for i in range(12)]
    assert cartes_affichees(response, "organisations") == premieres
    assert cartes_affichees(response, "dispositifs") == [f"Dispositif {i:02}" for i in range(12)]
    assertContains(response, "30 organisations dont le siège ou l'action se situe")
    assertContains(response, "Voici les 12 premières par ordre alphabétique.")
    assertContains(
        response,
        f'<a href="/acteurs/?territoire={region.slug}">Voir les 30 organisations</a>',
        html=True,
    )
    assertContains(
        response,
        f'<a href="/accompagnement/?territoire={region.slug}">'
        "Voir les 15 dispositifs d'accompagnement</a>",
        html=True,
    )


def test_territory_page_with_few_entries_shows_them_all_without_a_link(client):
    *_, commune = hierarchie()
    OrganisationFactory(nom="Seule", siege=commune)

    response = client.get(commune.get_absolute_url())

    assert cartes_affichees(response, "organisations") == ["Seule"]
    assertContains(response, "1 organisation dont le siège")
    assertNotContains(response, "Voir les")
    assertNotContains(response, "premières par ordre alphabétique")


def test_territory_page_bounds_the_territories_below_it(client, monkeypatch):
    monkeypatch.setattr(views, "RATTACHES_MAX", 3)
    region = TerritoireFactory(nom="Région", niveau=NiveauTerritoire.REGION)
    for nom in ["Epsilon", "Delta", "Gamma", "Bêta", "Alpha"]:
        TerritoireFactory(nom=nom, niveau=NiveauTerritoire.DEPARTEMENT, parent=region)

    response = client.get(region.get_absolute_url())

    (liste,) = re.findall(r'<ul class="en-ligne">.*?</ul>', response.content.decode(), re.S)
    assert re.findall(r">([^<]+)</a>", liste) == ["Alpha", "Bêta", "Delta"]
    assertContains(response, "Les 3 premiers des 5 territoires rattachés")
    assertContains(response, f'href="/acteurs/?territoire={region.slug}"')


@pytest.mark.parametrize(
    ("pays", "niveau", "code", "attendu"),
    [
        ("FR", NiveauTerritoire.REGION, "75", "Code INSEE de la région : 75"),
        ("FR", NiveauTerritoire.DEPARTEMENT, "75", "Code INSEE du département : 75"),
        ("FR", NiveauTerritoire.COMMUNE, "75056", "Code INSEE de la commune : 75056"),
        ("FR", NiveauTerritoire.INTERCOMMUNALITE, "200096956",
         "Numéro SIREN de l'intercommunalité : 200096956"),
        ("BE", NiveauTerritoire.DEPARTEMENT, "60000", "Code INS/NIS de la province : 60000"),
        ("BE", NiveauTerritoire.REGION, "04000", "Code INS/NIS de la région : 04000"),
        ("CH", NiveauTerritoire.REGION, "VD", "Code officiel : VD"),
        ("", NiveauTerritoire.AUTRE, "X1", "Code officiel : X1"),
    ],
)  # fmt: skip
def test_territory_page_says_which_code_its_code_is(client, pays, niveau, code, attendu):
    parent = TerritoireFactory(niveau=NiveauTerritoire.PAYS, code=pays) if pays else None
    territoire = TerritoireFactory(niveau=niveau, code=code, parent=parent)

    response = client.get(territoire.get_absolute_url())

    assertContains(response, f'<p class="fiche__lieu">{attendu}</p>', html=True)


def test_a_country_page_says_its_code_is_iso_and_a_province_is_a_province(client):
    belgique = TerritoireFactory(nom="Belgique", niveau=NiveauTerritoire.PAYS, code="BE")
    liege = TerritoireFactory(niveau=NiveauTerritoire.DEPARTEMENT, code="60000", parent=belgique)

    assertContains(
        client.get(belgique.get_absolute_url()),
        '<p class="fiche__lieu">Code ISO du pays : BE</p>',
        html=True,
    )
    assertContains(
        client.get(liege.get_absolute_url()), '<p class="fiche__genre">Province</p>', html=True
    )


def test_territory_page_groups_the_territories_attached_by_kind(client):
    france = TerritoireFactory(nom="France", niveau=NiveauTerritoire.PAYS, code="FR")
    region = TerritoireFactory(
        nom="Nouvelle-Aquitaine", niveau=NiveauTerritoire.REGION, code="75", parent=france
    )
    for nom in ["Vienne", "Gironde"]:
        TerritoireFactory(nom=nom, niveau=NiveauTerritoire.DEPARTEMENT, parent=region)
    for nom in ["Limousin", "Aquitaine"]:
        TerritoireFactory(nom=nom, niveau=NiveauTerritoire.AUTRE, parent=region)

    response = client.get(region.get_absolute_url())

    (section,) = re.findall(
        r'<section aria-labelledby="enfants">.*?</section>', response.content.decode(), re.S
    )
    groupes = re.findall(r"<h3>([^<]+)</h3>\s*<ul[^>]*>(.*?)</ul>", section, re.S)
    assert [(titre, re.findall(r">([^<]+)</a>", liste)) for titre, liste in groupes] == [
        ("Départements", ["Gironde", "Vienne"]),
        ("Autres territoires (anciennes régions, SCoT, bassins…)", ["Aquitaine", "Limousin"]),
    ]
    assertContains(response, '<p class="fiche__genre">Région</p>', html=True)


@pytest.mark.parametrize("nombre", [1, 30])
def test_territory_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    france, region, departement, metropole, commune = hierarchie()
    france.code = "FR"  # the country of a map
    france.save()
    for organisation in OrganisationFactory.create_batch(nombre, siege=commune):
        organisation.territoires_action.add(metropole, departement)
        organisation.types.add(TypeActiviteFactory())
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.territoires.add(commune)
        dispositif.porteurs.add(*OrganisationFactory.create_batch(2))
    TerritoireFactory.create_batch(nombre, parent=region)
    client.get(france.get_absolute_url())  # reads the listings' indexes, once per process

    # The region with its parents; the version of the data; its children; the first
    # organisations and their kinds; the first programmes, their porteurs and territories.
    with django_assert_num_queries(8):
        response = client.get(region.get_absolute_url())
    assert response.status_code == 200
    # A country has a map too, from the same index.
    with django_assert_num_queries(8):
        response = client.get(france.get_absolute_url())
    assertContains(response, '<h2 id="sur-la-carte">Sur la carte</h2>', html=True)


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


def test_theme_page_counts_organisations_people_programmes_with_links_to_them(client):
    thematique = ThematiqueFactory(nom="Énergie", slug="energie")
    enercoop, nef = OrganisationFactory.create_batch(2)
    for organisation in (enercoop, nef):
        organisation.thematiques.add(thematique)
    FonctionFactory(organisation=enercoop)
    cachee = OrganisationFactory(is_published=False)
    cachee.thematiques.add(thematique)
    FonctionFactory(organisation=cachee)  # a role in an unpublished organisation: not counted

    response = client.get(thematique.get_absolute_url())

    assertContains(
        response,
        '<ul class="thematique__chiffres" aria-label="Sur cette thématique">'
        '<li><a href="/acteurs/?thematique=energie">2 organisations</a></li>'
        '<li><a href="/personnes/?thematique=energie">1 personne</a></li>'
        "<li>Aucun dispositif d'accompagnement</li></ul>",
        html=True,
    )
    # Each count is the listing's it leads to.
    for url, nombre in [("/acteurs/?thematique=energie", 2), ("/personnes/?thematique=energie", 1)]:
        assert client.get(url).context["page"].paginator.count == nombre
    # No description: no empty paragraph.
    assertNotContains(response, "<p></p>", html=True)


def test_theme_page_shows_the_first_entries_and_links_to_the_listings(client):
    thematique = ThematiqueFactory(nom="Énergie", slug="energie")
    for i in reversed(range(30)):
        OrganisationFactory(nom=f"Organisation {i:02}").thematiques.add(thematique)
    for i in reversed(range(13)):
        DispositifFactory(nom=f"Dispositif {i:02}").thematiques.add(thematique)

    response = client.get(thematique.get_absolute_url())

    premieres = [f"Organisation {i:02}" for i in range(12)]
    assert cartes_affichees(response, "organisations") == premieres
    assert cartes_affichees(response, "dispositifs") == [f"Dispositif {i:02}" for i in range(12)]
    assertContains(response, "30 organisations sur cette thématique.")
    assertContains(
        response, '<a href="/acteurs/?thematique=energie">Voir les 30 organisations</a>', html=True
    )
    assertContains(
        response,
        '<a href="/accompagnement/?thematique=energie">Voir les 13 dispositifs '
        "d'accompagnement</a>",
        html=True,
    )


@pytest.mark.parametrize("nombre", [1, 30])
def test_theme_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    thematique = ThematiqueFactory()
    for organisation in OrganisationFactory.create_batch(nombre, siege=TerritoireFactory()):
        organisation.thematiques.add(thematique)
        organisation.types.add(TypeActiviteFactory())
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.thematiques.add(thematique)
        dispositif.porteurs.add(OrganisationFactory())
    client.get(thematique.get_absolute_url())  # reads the listings' indexes, once per process

    # The theme; the version of the data; the first organisations and their kinds; the
    # first programmes, their porteurs and territories (an event's place).
    with django_assert_num_queries(7):
        response = client.get(thematique.get_absolute_url())
    assert response.status_code == 200


class StructurePage(HTMLParser):
    """What a screen reader user relies on: headings, landmarks, labels, the skip link."""

    SECTIONNANTS = {"article", "aside", "main", "nav", "section"}

    def __init__(self):
        super().__init__()
        self.titres, self.ids, self.liens, self.labels = [], [], [], set()
        self.champs, self.navs, self.formulaires_recherche = [], [], []
        self.bannieres = self.pieds = self.mains = 0
        self.profondeur = dict.fromkeys(self.SECTIONNANTS, 0)
        self.lang = self.viewport = None

    def handle_starttag(self, balise, attributs):
        attrs = dict(attributs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        dans_section = any(self.profondeur.values())
        if balise == "html":
            self.lang = attrs.get("lang")
        elif balise == "meta" and attrs.get("name") == "viewport":
            self.viewport = attrs.get("content")
        elif balise in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.titres.append(int(balise[1]))
        elif balise == "a":
            self.liens.append(attrs.get("href"))
        elif balise == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif balise in {"input", "select", "textarea"} and attrs.get("type") not in {
            "hidden",
            "submit",
        }:
            self.champs.append(attrs)
        elif balise == "form" and attrs.get("role") == "search":
            self.formulaires_recherche.append(attrs.get("aria-label"))
        elif balise == "header" and not dans_section:
            self.bannieres += 1
        elif balise == "footer" and not dans_section:
            self.pieds += 1
        if balise == "nav":
            self.navs.append(attrs.get("aria-label") or attrs.get("aria-labelledby"))
        if balise == "main":
            self.mains += 1
            self.main_id = attrs.get("id")
        if balise in self.SECTIONNANTS:
            self.profondeur[balise] += 1

    def handle_endtag(self, balise):
        if balise in self.SECTIONNANTS:
            self.profondeur[balise] -= 1


def verifier_structure(reponse):
    """Fails with the page's address and the broken rule."""
    page = StructurePage()
    page.feed(reponse.content.decode())
    adresse = reponse.wsgi_request.get_full_path()
    assert page.lang == "fr", adresse
    assert "width=device-width" in page.viewport, adresse
    assert page.titres.count(1) == 1, f"{adresse}: {page.titres.count(1)} h1"
    assert page.titres[0] == 1, f"{adresse}: the first heading is not the h1"
    for avant, apres in itertools.pairwise(page.titres):
        assert apres <= avant + 1, f"{adresse}: h{avant} followed by h{apres}"
    assert (page.bannieres, page.mains, page.pieds) == (1, 1, 1), adresse
    assert page.navs and all(page.navs), f"{adresse}: a nav without a name"
    assert all(page.formulaires_recherche), f"{adresse}: a search form without a name"
    assert page.liens[0] == f"#{page.main_id}", f"{adresse}: no skip link to the content"
    assert len(page.ids) == len(set(page.ids)), f"{adresse}: duplicate ids"
    for champ in page.champs:
        assert champ.get("id") in page.labels or champ.get("aria-label"), adresse
    return page


def test_focus_is_always_visible():
    feuille = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    assert ":focus-visible {\n  outline: 3px solid var(--accent);" in feuille
    # Removing the outline is only allowed where :focus-visible takes over, or on <main>,
    # which receives focus from the skip link without being a control.
    retraits = re.findall(r"([^{}]+)\{[^}]*outline: none", feuille)
    assert [selecteur.strip() for selecteur in retraits] == [
        ":focus:not(:focus-visible)",
        "main:focus",
    ]


def test_pages_work_on_a_320_px_screen():
    """No fixed width wider than a small phone; grids collapse to one column."""
    feuille = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    for valeur, unite in re.findall(r"^\s*(?:min-)?width:\s*([\d.]+)(px|rem|em)", feuille, re.M):
        largeur = float(valeur) * (1 if unite == "px" else 16)
        assert largeur <= 320, f"width {valeur}{unite}"
    for colonnes in re.findall(r"grid-template-columns:([^;]+);", feuille):
        assert (
            "min(100%" in colonnes or "minmax(0, 1fr)" in colonnes or "rem minmax" in (colonnes)
        ), colonnes


def test_seeded_pages_all_render(client, donnees_seed):
    """Every public page of the seeded directory renders, with no unknown template variable,
    one h1, headings in order, the landmarks, the skip link and labelled fields."""
    from accompagnement.models import Dispositif
    from acteurs.models import Organisation, Personne
    from ecosysteme.models import Territoire, Thematique

    adresses = ["/", "/acteurs/", "/personnes/", "/accompagnement/", "/acteurs/?q=dijon"]
    adresses += ["/recherche/", "/recherche/?q=coop%C3%A9rative"]
    adresses += ["/recherche/?q=zzzzqqqq", "/recherche/?q=" + "cooperative " * 40]
    for modele in (Organisation, Personne, Dispositif):
        publies = modele.objects.published()
        assert publies.exists()
        adresses += [objet.get_absolute_url() for objet in publies]
    for modele in (Territoire, Thematique):
        adresses += [objet.get_absolute_url() for objet in modele.objects.all()]
    for adresse in adresses:
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        verifier_structure(reponse)


def test_not_found_page_has_the_same_structure(client):
    reponse = client.get("/acteurs/inconnue/")

    assert reponse.status_code == 404
    verifier_structure(reponse)
