"""The entries' own texts in French, Dutch and English: the names of territories, themes and
kinds of activity, an organisation's official names and its description, each shown in the
page's language where it has one and in French, marked as such, where it has none; found
by a search in any language; counted the same in each."""

import html
import re

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acteurs.models import Organisation, TypeActivite
from ecosysteme.models import Territoire, Thematique
from tests import listes
from tests.factories import OrganisationFactory, TerritoireFactory, ThematiqueFactory

pytestmark = pytest.mark.django_db

LANGUES = ("", "/nl", "/en")
ETIQUETTE = re.compile(r'<label for="([^"]+)">(.*?) <span class="compte">\((\d+)\)</span>', re.S)


def titre(response):
    """(the h1's attributes, its text) as the page wrote them."""
    assert response.status_code == 200
    ((attributs, texte),) = re.findall(r"<h1([^>]*)>(.*?)</h1>", response.content.decode(), re.S)
    return attributs, html.unescape(re.sub(r"<[^>]+>", "", texte)).strip()


def slugs(response):
    assert response.status_code == 200
    return {entree.slug for entree in response.context["page"]}


def facettes(response):
    """{option: (label, count)} of the listing's filters."""
    trouvees = ETIQUETTE.findall(listes.filtres(response))
    return {option: (html.unescape(libelle), int(nombre)) for option, libelle, nombre in trouvees}


def test_the_seeded_themes_and_kinds_of_activity_are_named_in_each_language(donnees_seed):
    for modele in (Thematique, TypeActivite):
        for entree in modele.objects.all():
            assert entree.nom_fr and entree.nom_nl and entree.nom_en, entree.slug
    bruxelles = Territoire.objects.get(code="04000")
    assert (bruxelles.nom_fr, bruxelles.nom_nl, bruxelles.nom_en) == (
        "Région de Bruxelles-Capitale",
        "Brussels Hoofdstedelijk Gewest",
        "Brussels-Capital Region",
    )


def test_a_territory_is_named_in_the_language_of_the_page(client, donnees_seed):
    adresse = "/territoires/region-de-bruxelles-capitale/"

    assert titre(client.get(adresse)) == ("", "Région de Bruxelles-Capitale")
    assert titre(client.get(f"/nl{adresse}")) == ("", "Brussels Hoofdstedelijk Gewest")
    assert titre(client.get(f"/en{adresse}")) == ("", "Brussels-Capital Region")
    # A place that has no name of its own in Dutch keeps its French one, marked as French.
    assert titre(client.get("/nl/territoires/gironde/")) == (' lang="fr"', "Gironde")


def test_a_theme_is_named_in_the_language_of_the_page(client, donnees_seed):
    assert titre(client.get("/thematiques/culture/")) == ("", "Culture")
    assert titre(client.get("/nl/thematiques/culture/")) == ("", "Cultuur")
    assert titre(client.get("/en/thematiques/culture/")) == ("", "Culture")


def test_the_facets_and_their_counts_are_the_same_in_each_language(client, donnees_seed):
    for parametres in (
        {},
        {"territoire": "region-de-bruxelles-capitale"},
        {"thematique": "culture"},
    ):
        francais, neerlandais, anglais = (
            facettes(client.get(f"{prefixe}/acteurs/", parametres)) for prefixe in LANGUES
        )
        comptes = {option: nombre for option, (_, nombre) in francais.items()}
        assert comptes
        assert {option: nombre for option, (_, nombre) in neerlandais.items()} == comptes
        assert {option: nombre for option, (_, nombre) in anglais.items()} == comptes
    francais, neerlandais, anglais = (
        facettes(client.get(f"{prefixe}/acteurs/")) for prefixe in LANGUES
    )
    assert francais["thematique-culture"][0] == "Culture"
    assert neerlandais["thematique-culture"][0] == "Cultuur"
    assert anglais["type-incubateur"][0] == "Incubator"


@pytest.mark.parametrize("prefixe", LANGUES)
@pytest.mark.parametrize("mot", ["Bruxelles", "Brussel", "Brussels"])
def test_a_place_is_found_by_its_name_in_any_language(client, donnees_seed, prefixe, mot):
    assert {"coopcity", "smartcoop"} <= slugs(client.get(f"{prefixe}/acteurs/", {"q": mot}))


@pytest.mark.parametrize("prefixe", LANGUES)
def test_a_theme_is_found_by_its_name_in_any_language(client, donnees_seed, prefixe):
    culture = set(
        Organisation.objects.published()
        .active()
        .filter(thematiques__slug="culture")
        .values_list("slug", flat=True)
    )
    assert culture
    assert culture <= slugs(client.get(f"{prefixe}/acteurs/", {"q": "Cultuur"}))


def test_an_organisation_is_found_by_its_official_name_in_any_language(client):
    OrganisationFactory(
        nom="Maisons solidaires",
        slug="maisons-solidaires",
        nom_officiel_fr="Maisons solidaires",
        nom_officiel_nl="Solidaire Huizen",
        is_published=True,
    )
    for prefixe in LANGUES:
        assert slugs(client.get(f"{prefixe}/acteurs/", {"q": "Huizen"})) == {"maisons-solidaires"}
        recherche = client.get(f"{prefixe}/recherche/", {"q": "solidaire huizen"})
        assert "/acteurs/maisons-solidaires/" in recherche.content.decode()


def test_an_organisation_shows_its_name_and_description_in_the_language_of_the_page(client):
    organisation = OrganisationFactory(
        nom="Maisons solidaires",
        nom_officiel_nl="Solidaire Huizen",
        description_fr="Des maisons pour tous.",
        description_nl="Huizen voor iedereen.",
        is_published=True,
    )
    adresse = organisation.get_absolute_url()

    francais = client.get(adresse)
    neerlandais = client.get(f"/nl{adresse}")
    anglais = client.get(f"/en{adresse}")

    assert titre(francais) == ("", "Maisons solidaires")
    assert titre(neerlandais) == ("", "Solidaire Huizen")
    # Nothing in English: the French, marked as French.
    assert titre(anglais) == (' lang="fr"', "Maisons solidaires")
    assert "<p>Des maisons pour tous.</p>" in francais.content.decode()
    assert "<p>Huizen voor iedereen.</p>" in neerlandais.content.decode()
    assert '<div lang="fr"><p>Huizen' not in neerlandais.content.decode()
    assert '<div lang="fr"><p>Des maisons pour tous.</p></div>' in anglais.content.decode()
    # The cards of the listing say the same.
    carte = client.get("/nl/acteurs/").content.decode()
    assert '<h3 class="carte__titre"><a href="/nl/acteurs/' in carte
    assert ">Solidaire Huizen</a>" in carte


def test_a_name_in_another_language_than_the_pages_is_marked_with_its_own(client):
    organisation = OrganisationFactory(
        nom="Buurtwerk Gent", nom_officiel_nl="Buurtwerk Gent", is_published=True
    )
    adresse = organisation.get_absolute_url()

    assert titre(client.get(adresse)) == (' lang="nl"', "Buurtwerk Gent")
    assert titre(client.get(f"/nl{adresse}")) == ("", "Buurtwerk Gent")
    assert titre(client.get(f"/en{adresse}")) == (' lang="nl"', "Buurtwerk Gent")
    assert '<h3 class="carte__titre" lang="nl">' in client.get("/acteurs/").content.decode()


def test_reference_entries_are_ordered_by_their_name_in_the_language_of_the_page():
    ThematiqueFactory(nom="Alpha", nom_nl="Zeta")
    ThematiqueFactory(nom="Beta")  # no Dutch name: ordered by its French one

    with translation.override("fr"):
        assert [t.nom for t in Thematique.objects.all()] == ["Alpha", "Beta"]
    with translation.override("nl"):
        assert [t.nom for t in Thematique.objects.all()] == ["Beta", "Zeta"]


def test_the_api_finds_a_territory_by_its_name_in_any_language(client, donnees_seed):
    for mot in ("Bruxelles", "Brussel", "Brussels"):
        response = client.get("/api/territoires/", {"q": mot})
        assert response.status_code == 200
        assert [t["slug"] for t in response.json()["resultats"]] == ["region-de-bruxelles-capitale"]


def test_the_admin_edits_the_languages_side_by_side(admin_client):
    territoire = TerritoireFactory(nom="Bruxelles")
    organisation = OrganisationFactory()

    formulaire = admin_client.get(f"/admin/ecosysteme/territoire/{territoire.pk}/change/")
    page = admin_client.get(f"/admin/acteurs/organisation/{organisation.pk}/change/")

    for champ in ("nom_fr", "nom_nl", "nom_en"):
        assert f'name="{champ}"' in formulaire.content.decode()
    for champ in ("nom_officiel", "description"):
        for langue in ("fr", "nl", "en"):
            assert f'name="{champ}_{langue}"' in page.content.decode()


def test_a_theme_added_in_the_dutch_admin_keeps_its_french_name_and_slug(admin_client):
    response = admin_client.post(
        "/nl/admin/ecosysteme/thematique/add/",
        {
            "nom_fr": "Alimentation",
            "nom_nl": "Voeding",
            "nom_en": "",
            "slug": "alimentation",
            "description_fr": "",
            "description_nl": "",
            "description_en": "",
        },
    )

    assert response.status_code == 302
    theme = Thematique.objects.get(slug="alimentation")
    assert (theme.nom_fr, theme.nom_nl, theme.nom_en) == ("Alimentation", "Voeding", None)
    with translation.override("en"):
        assert str(theme) == "Alimentation"  # no English name: the French one


fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
PIEGES = ["\x00", "a\x00b", "<script>alert(1)</script>", "\u202etxt", "é" * 300, " ", ""]
VALEURS = st.one_of(st.text(max_size=300), st.sampled_from(PIEGES))


@fuzz
@given(nom_nl=VALEURS, nom_en=VALEURS)
def test_hostile_names_in_the_admin_are_refused_or_kept_as_typed(admin_client, nom_nl, nom_en):
    Thematique.objects.all().delete()  # what an example before this one left
    with translation.override("fr"):  # the request before this one left Dutch active
        theme = ThematiqueFactory(nom="Alimentation", slug="alimentation")
    response = admin_client.post(
        f"/nl/admin/ecosysteme/thematique/{theme.pk}/change/",
        {"nom_fr": "Alimentation", "nom_nl": nom_nl, "nom_en": nom_en, "slug": "alimentation"},
    )

    assert response.status_code in (200, 302)
    theme.refresh_from_db()
    if response.status_code == 302:
        assert theme.nom_nl == (nom_nl.strip() or None)
        assert theme.nom_en == (nom_en.strip() or None)
        for prefixe in LANGUES:
            assert client_get_ok(admin_client, f"{prefixe}/thematiques/alimentation/")
    else:
        assert (theme.nom_nl, theme.nom_en) == (None, None)  # nothing kept of a refused form


def client_get_ok(client, adresse):
    return client.get(adresse).status_code == 200


def test_a_proposal_from_the_dutch_page_changes_the_french_description(client, admin_user):
    from ecosysteme.contributions import propositions
    from tests.ecosysteme.contributions.test_propositions import champs_du_formulaire

    pole = OrganisationFactory(
        nom="Pôle", slug="pole", description_fr="Un pôle.", description_nl="Een pool."
    )

    # The form shows what a proposal changes: the French, whatever the page's language.
    page = client.get("/nl/acteurs/pole/proposer/")
    assert champs_du_formulaire(page)["fiche-description"].strip() == "Un pôle."

    with translation.override("nl"):
        proposition = propositions.confirmer(
            propositions.proposer(
                modele=Organisation,
                fiche=pole,
                valeurs={"description": "Un pôle à Dijon."},
                courriel="camille@exemple.net",
            )
        )
    assert proposition.valeurs_initiales == {"description": "Un pôle."}
    client.force_login(admin_user)
    response = client.post(
        f"/nl/admin/ecosysteme/proposition/{proposition.pk}/change/",
        {"reponse": "", "champs": ["description"], "_accepter": "1"},
    )

    assert response.status_code == 302
    pole.refresh_from_db()
    assert (pole.description_fr, pole.description_nl) == ("Un pôle à Dijon.", "Een pool.")
