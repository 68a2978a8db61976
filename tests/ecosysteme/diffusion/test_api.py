"""The read-only JSON API under /api/: the listings' entries, filters, search and pages."""

from types import SimpleNamespace

import pytest

from acteurs.enums import CategorieFonction, FormeJuridique
from ecosysteme.diffusion import api
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


def lire(client, adresse, parametres=None, status=200):
    response = client.get(adresse, parametres or {})
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    return response.json()


def noms(donnees):
    return [entree["nom"] for entree in donnees["resultats"]]


@pytest.fixture
def annuaire():
    france = TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS)
    gironde = TerritoireFactory(
        nom="Gironde", slug="gironde", niveau=NiveauTerritoire.DEPARTEMENT, parent=france
    )
    bordeaux = TerritoireFactory(nom="Bordeaux", slug="bordeaux", parent=gironde)
    dijon = TerritoireFactory(nom="Dijon", slug="dijon", parent=france)
    cae = TypeActiviteFactory(nom="CAE", slug="cae")
    culture = ThematiqueFactory(nom="Culture", slug="culture")
    alpha = OrganisationFactory(
        nom="Alpha", slug="alpha", forme_juridique=FormeJuridique.SCOP, siren="123456789",
        siege=bordeaux, description="Coopérative d'énergie.",
    )  # fmt: skip
    alpha.types.add(cae)
    alpha.thematiques.add(culture)
    beta = OrganisationFactory(nom="Beta", forme_juridique=FormeJuridique.SCIC, siege=dijon)
    OrganisationFactory(nom="Gamma", forme_juridique=FormeJuridique.ASSOCIATION)
    brouillon = OrganisationFactory(nom="Brouillon", slug="brouillon", is_published=False)
    return SimpleNamespace(
        france=france, gironde=gironde, bordeaux=bordeaux, alpha=alpha, beta=beta,
        brouillon=brouillon, culture=culture,
    )  # fmt: skip


# The index


def test_the_index_gives_every_address(client):
    donnees = lire(client, "/api/")

    assert donnees == {
        "organisations": "http://testserver/api/organisations/",
        "personnes": "http://testserver/api/personnes/",
        "dispositifs": "http://testserver/api/dispositifs/",
        "territoires": "http://testserver/api/territoires/",
        "openapi": "http://testserver/api/openapi.json",
    }


@pytest.mark.parametrize(
    "adresse", ["/api/organisations/pas un slug/", "/api/organisations/a/b/", "/api/lieux/"]
)
def test_any_other_address_under_the_api_is_a_json_404(client, adresse):
    donnees = lire(client, adresse, status=404)

    assert donnees == {"erreur": "Cette adresse n'existe pas dans l'API : voir /api/."}


def test_an_error_inside_the_api_is_answered_in_json(client, db, monkeypatch):
    def panne(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(api, "nettoyer_requete", panne)
    client.raise_request_exception = False

    reponse = client.get("/api/territoires/")

    assert reponse.status_code == 500
    assert reponse["Content-Type"] == "application/json"
    assert reponse.json() == {
        "erreur": "Une erreur interne a empêché de répondre ; réessayez plus tard."
    }


def test_an_error_of_a_page_is_answered_with_the_error_page(client, db, monkeypatch):
    def panne(*args, **kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(views, "nettoyer_requete", panne)
    client.raise_request_exception = False

    reponse = client.get("/recherche/", {"q": "scop"})

    assert reponse.status_code == 500
    assert reponse["Content-Type"].startswith("text/html")


def test_a_request_the_api_refuses_is_answered_in_json(client, db):
    reponse = client.get("/api/organisations/", HTTP_HOST="hote-inconnu.example")

    assert reponse.status_code == 400
    assert reponse.json() == {"erreur": "Cette requête est mal formée."}


def test_the_api_may_be_read_from_any_site(client):
    assert client.get("/api/organisations/")["Access-Control-Allow-Origin"] == "*"


# Organisations


def test_an_organisation_is_its_public_facts_and_its_address(client, annuaire):
    donnees = lire(client, "/api/organisations/", {"q": "alpha"})

    assert donnees["nombre"] == 1
    alpha = donnees["resultats"][0]
    assert alpha["url"] == "http://testserver/acteurs/alpha/"
    assert alpha["forme_juridique"] == {"code": "scop", "libelle": "SCOP"}
    assert alpha["types"] == [{"slug": "cae", "nom": "CAE"}]
    assert alpha["thematiques"] == [{"slug": "culture", "nom": "Culture"}]
    assert alpha["siege"] == {"slug": "bordeaux", "nom": "Bordeaux", "niveau": "commune"}
    assert alpha["identifiants"]["siren"] == "123456789"
    assert lire(client, "/api/organisations/alpha/") == alpha


def test_unpublished_organisations_appear_nowhere(client, annuaire):
    assert "Brouillon" not in noms(lire(client, "/api/organisations/"))
    donnees = lire(client, "/api/organisations/brouillon/", status=404)
    assert donnees == {"erreur": "Aucune organisation n'a l'adresse « brouillon » dans l'annuaire."}


@pytest.mark.parametrize(
    "parametres, attendus, nombre_avis",
    [
        ({}, ["Alpha", "Beta", "Gamma"], 0),
        ({"forme_juridique": ""}, ["Alpha", "Beta", "Gamma"], 0),
        ({"forme_juridique": "scop"}, ["Alpha"], 0),
        ({"forme_juridique": ["scop", "scic"]}, ["Alpha", "Beta"], 0),
        ({"forme_juridique": ["scop", "inconnue"]}, ["Alpha"], 1),
        ({"forme_juridique": "inconnue\x00"}, ["Alpha", "Beta", "Gamma"], 1),
        ({"territoire": "gironde"}, ["Alpha"], 0),
        ({"territoire": ["gironde", "dijon"]}, ["Alpha", "Beta"], 0),
        ({"territoire": "france"}, ["Alpha", "Beta"], 0),
        ({"territoire": "atlantide"}, ["Alpha", "Beta", "Gamma"], 1),
        ({"type": "cae"}, ["Alpha"], 0),
        ({"thematique": "culture"}, ["Alpha"], 0),
        ({"thematique": ["culture", "inconnue"], "type": "cae"}, ["Alpha"], 1),
        ({"q": "énergie"}, ["Alpha"], 0),
        ({"tri": "au-hasard"}, ["Alpha", "Beta", "Gamma"], 1),
    ],
)
def test_organisations_have_the_filters_of_the_listing(
    client, annuaire, parametres, attendus, nombre_avis
):
    donnees = lire(client, "/api/organisations/", parametres)

    assert noms(donnees) == attendus
    assert donnees["nombre"] == len(attendus)
    assert len(donnees["avis"]) == nombre_avis


def test_unknown_values_are_explained_in_french(client, annuaire):
    donnees = lire(client, "/api/organisations/", {"forme_juridique": "inconnue"})

    assert donnees["avis"] == [
        "Forme juridique : « inconnue » n'existe pas dans l'annuaire, ce filtre a été ignoré."
    ]


# Pages


@pytest.fixture
def scop():
    for indice in range(45):
        OrganisationFactory(nom=f"Scop {indice:02d}", forme_juridique=FormeJuridique.SCOP)
    OrganisationFactory(nom="Association", forme_juridique=FormeJuridique.ASSOCIATION)


def test_pages_link_to_each_other_and_keep_the_filters(client, scop):
    premiere = lire(client, "/api/organisations/", {"forme_juridique": "scop"})

    assert (premiere["nombre"], premiere["page"], premiere["pages"]) == (45, 1, 3)
    assert noms(premiere) == [f"Scop {i:02d}" for i in range(20)]
    assert premiere["precedente"] is None
    suivante = "http://testserver/api/organisations/?forme_juridique=scop&page=2"
    assert premiere["suivante"] == suivante

    deuxieme = lire(client, suivante)
    assert noms(deuxieme)[0] == "Scop 20"
    assert deuxieme["precedente"] == "http://testserver/api/organisations/?forme_juridique=scop"
    derniere = lire(client, deuxieme["suivante"])
    assert (noms(derniere), derniere["suivante"]) == (["Scop 40", "Scop 41", "Scop 42",
                                                       "Scop 43", "Scop 44"], None)  # fmt: skip


@pytest.mark.parametrize(
    "page, attendue, avis",
    [
        ("99", 3, "La page 99 n'existe pas : voici la dernière, la page 3."),
        ("0", 1, "« 0 » n'est pas un numéro de page : voici la première page."),
        ("deux", 1, "« deux » n'est pas un numéro de page : voici la première page."),
    ],
)
def test_a_page_out_of_range_gives_the_last_or_first_with_a_notice(
    client, scop, page, attendue, avis
):
    donnees = lire(client, "/api/organisations/", {"page": page})

    assert donnees["page"] == attendue
    assert donnees["avis"] == [avis]


def test_an_empty_result_is_one_empty_page(client, scop):
    donnees = lire(client, "/api/organisations/", {"q": "introuvable"})

    assert (donnees["nombre"], donnees["page"], donnees["pages"]) == (0, 1, 1)
    assert donnees["resultats"] == []


# People


@pytest.fixture
def personnes():
    coop = OrganisationFactory(nom="Coop", slug="coop")
    cachee = OrganisationFactory(nom="Cachée", is_published=False)
    arnaud = FonctionFactory(
        personne__nom="Arnaud", personne__slug="camille-arnaud",
        personne__email="camille@example.org", personne__telephone="0102030405",
        organisation=coop, intitule="gérante", categorie=CategorieFonction.DIRECTION,
    ).personne  # fmt: skip
    FonctionFactory(personne=arnaud, organisation=cachee, intitule="trésorière")
    FonctionFactory(
        personne__nom="Blanc", organisation=coop, categorie=CategorieFonction.GOUVERNANCE,
        personne__email="blanc@example.org", personne__contact_is_published=True,
    )  # fmt: skip
    PersonneFactory(nom="Secret", slug="secret", is_published=False)
    return SimpleNamespace(arnaud=arnaud)


def test_a_person_is_their_roles_in_public_organisations(client, personnes):
    donnees = lire(client, "/api/personnes/camille-arnaud/")

    assert donnees["url"] == "http://testserver/personnes/camille-arnaud/"
    assert donnees["nom"] == "Camille Arnaud"
    assert donnees["fonctions"] == [
        {
            "intitule": "gérante",
            "categorie": {"code": "direction", "libelle": "direction"},
            "organisation": {"slug": "coop", "nom": "Coop"},
            "periode": "",
            "actuelle": True,
        }
    ]


def test_contact_details_never_appear(client, personnes):
    # Not even published ones: the API is data, as the downloads, and harvested as such.
    for adresse in ["/api/personnes/", "/api/personnes/camille-arnaud/"]:
        contenu = client.get(adresse).content.decode()
        assert "example.org" not in contenu and "0102030405" not in contenu
        assert "email" not in contenu and "telephone" not in contenu


def test_unpublished_people_appear_nowhere(client, personnes):
    assert "Camille Secret" not in noms(lire(client, "/api/personnes/"))
    lire(client, "/api/personnes/secret/", status=404)


@pytest.mark.parametrize(
    "fonction, attendus, nombre_avis",
    [
        ([], ["Camille Arnaud", "Camille Blanc"], 0),
        (["direction"], ["Camille Arnaud"], 0),
        (["direction", "gouvernance"], ["Camille Arnaud", "Camille Blanc"], 0),
        (["inconnue"], ["Camille Arnaud", "Camille Blanc"], 1),
    ],
)
def test_people_have_the_filters_of_the_listing(client, personnes, fonction, attendus, nombre_avis):
    donnees = lire(client, "/api/personnes/", {"fonction": fonction})

    assert (noms(donnees), len(donnees["avis"])) == (attendus, nombre_avis)


# Programmes


@pytest.fixture
def dispositifs(annuaire):
    incubateur = DispositifFactory(nom="Incubateur", slug="incubateur", nature="incubation")
    incubateur.porteurs.add(annuaire.alpha, annuaire.brouillon)
    incubateur.territoires.add(annuaire.gironde)
    DispositifFactory(nom="Fonds", nature="financement").thematiques.add(annuaire.culture)
    DispositifFactory(nom="Caché", slug="cache", is_published=False)


def test_a_programme_names_only_public_organisations(client, dispositifs):
    donnees = lire(client, "/api/dispositifs/incubateur/")

    assert donnees["type"] == {"code": "incubation", "libelle": "incubation"}
    assert donnees["porteurs"] == [{"slug": "alpha", "nom": "Alpha"}]
    gironde = {"slug": "gironde", "nom": "Gironde", "niveau": "departement"}
    assert donnees["territoires"] == [gironde]
    lire(client, "/api/dispositifs/cache/", status=404)


@pytest.mark.parametrize(
    "parametres, attendus, nombre_avis",
    [
        ({}, ["Fonds", "Incubateur"], 0),
        ({"type": "incubation"}, ["Incubateur"], 0),
        ({"type": ["incubation", "financement"]}, ["Fonds", "Incubateur"], 0),
        ({"type": "inconnu"}, ["Fonds", "Incubateur"], 1),
        ({"territoire": "france"}, ["Incubateur"], 0),
        ({"thematique": "culture"}, ["Fonds"], 0),
        ({"porteur": "alpha"}, ["Incubateur"], 0),
        ({"porteur": "brouillon"}, ["Fonds", "Incubateur"], 1),
    ],
)
def test_programmes_have_the_filters_of_the_listing(
    client, dispositifs, parametres, attendus, nombre_avis
):
    donnees = lire(client, "/api/dispositifs/", parametres)

    assert (noms(donnees), len(donnees["avis"])) == (attendus, nombre_avis)


# Territories


def test_a_territory_has_its_level_and_parent(client, annuaire):
    donnees = lire(client, "/api/territoires/bordeaux/")

    assert donnees == {
        "url": "http://testserver/territoires/bordeaux/",
        "slug": "bordeaux",
        "nom": "Bordeaux",
        "niveau": {"code": "commune", "libelle": "commune"},
        "code": "",
        "parent": {"slug": "gironde", "nom": "Gironde", "niveau": "departement"},
    }
    assert lire(client, "/api/territoires/atlantide/", status=404) == {
        "erreur": "Aucun territoire n'a l'adresse « atlantide » dans l'annuaire."
    }


@pytest.mark.parametrize(
    "parametres, attendus, nombre_avis",
    [
        ({}, ["Bordeaux", "Dijon", "France", "Gironde"], 0),
        ({"niveau": "commune"}, ["Bordeaux", "Dijon"], 0),
        ({"niveau": ["pays", "departement"]}, ["France", "Gironde"], 0),
        ({"niveau": "planete"}, ["Bordeaux", "Dijon", "France", "Gironde"], 1),
        ({"parent": "france"}, ["Dijon", "Gironde"], 0),
        ({"parent": ["gironde", "france"]}, ["Bordeaux", "Dijon", "Gironde"], 0),
        ({"parent": ["atlantide", "gironde\x00"]}, ["Bordeaux", "Dijon", "France", "Gironde"], 2),
        ({"q": "gir"}, ["Gironde"], 0),
        ({"q": "\x00"}, ["Bordeaux", "Dijon", "France", "Gironde"], 0),
        ({"q": "x" * 300}, [], 1),
    ],
)
def test_territories_can_be_filtered(client, annuaire, parametres, attendus, nombre_avis):
    donnees = lire(client, "/api/territoires/", parametres)

    assert (noms(donnees), len(donnees["avis"])) == (attendus, nombre_avis)


def test_territory_pages_keep_the_filters(client):
    TerritoireFactory.create_batch(25, niveau=NiveauTerritoire.COMMUNE)

    premiere = lire(client, "/api/territoires/", {"niveau": "commune", "q": "Territoire"})
    assert (premiere["nombre"], premiere["pages"], len(premiere["resultats"])) == (25, 2, 20)
    suivante = "http://testserver/api/territoires/?q=Territoire&niveau=commune&page=2"
    assert premiere["suivante"] == suivante
    deuxieme = lire(client, suivante)
    assert len(deuxieme["resultats"]) == 5
    assert (
        deuxieme["precedente"] == "http://testserver/api/territoires/?q=Territoire&niveau=commune"
    )


# Query counts: fixed, however many entries and related rows


@pytest.mark.parametrize("nombre", [1, 30])
def test_organisations_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    france = TerritoireFactory(niveau=NiveauTerritoire.PAYS)
    themes = ThematiqueFactory.create_batch(3)
    for organisation in OrganisationFactory.create_batch(nombre, siege=france):
        organisation.types.add(*TypeActiviteFactory.create_batch(2))
        organisation.thematiques.add(*themes)
        organisation.territoires_action.add(france)
    client.get("/api/organisations/")  # reads the facets' index, once per process

    # The version of the data; the options of kinds, territories, themes; the page with the
    # seats; the kinds, territories of action and themes of its organisations.
    with django_assert_num_queries(8):
        assert client.get("/api/organisations/", {"page": "2"}).status_code == 200


@pytest.mark.parametrize("nombre", [1, 25])
def test_people_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    for personne in PersonneFactory.create_batch(nombre):
        FonctionFactory.create_batch(2, personne=personne)
    client.get("/api/personnes/")

    # The version of the data; the options of themes; the page; the roles with their
    # organisations.
    with django_assert_num_queries(4):
        assert client.get("/api/personnes/", {"tri": "recent"}).status_code == 200


@pytest.mark.parametrize("nombre", [1, 25])
def test_programmes_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.porteurs.add(*OrganisationFactory.create_batch(2))
        dispositif.territoires.add(TerritoireFactory())
        dispositif.thematiques.add(ThematiqueFactory())
    client.get("/api/dispositifs/")

    # The version of the data; the options of territories, themes and carriers (with the
    # most frequent carriers in a subquery); the page; its carriers, partners, territories,
    # themes.
    with django_assert_num_queries(9):
        assert client.get("/api/dispositifs/").status_code == 200


@pytest.mark.parametrize("nombre", [1, 25])
def test_territories_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    parent = TerritoireFactory(slug="parent")
    TerritoireFactory.create_batch(nombre, parent=parent)

    # The known parents; the count; the page with the parents.
    with django_assert_num_queries(3):
        assert client.get("/api/territoires/", {"parent": "parent"}).status_code == 200


# The description


def test_the_openapi_description_has_every_path_and_parameter(client):
    document = lire(client, "/api/openapi.json")

    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/api/",
        *(f"/api/{liste}/" for liste in ("organisations", "personnes", "dispositifs")),
        *(f"/api/{liste}/{{slug}}/" for liste in ("organisations", "personnes", "dispositifs")),
        "/api/territoires/",
        "/api/territoires/{slug}/",
    }

    def parametres(chemin):
        return {p["name"]: p for p in document["paths"][chemin]["get"]["parameters"]}

    organisations = parametres("/api/organisations/")
    assert set(organisations) == {"q", "famille", "forme_juridique", "type", "territoire",
                                  "thematique", "cessees", "tri", "page"}  # fmt: skip
    assert "scic" in organisations["forme_juridique"]["schema"]["items"]["enum"]
    assert organisations["tri"]["schema"]["enum"] == ["pertinence", "nom", "recent"]
    assert set(parametres("/api/personnes/")) == {"q", "fonction", "thematique", "tri", "page"}
    assert set(parametres("/api/dispositifs/")) == {
        "q", "famille", "type", "territoire", "thematique", "porteur", "tri", "page"
    }  # fmt: skip
    assert set(parametres("/api/territoires/")) == {"q", "niveau", "parent", "page"}
    assert "404" in document["paths"]["/api/organisations/{slug}/"]["get"]["responses"]
