"""An organisation's contact details: each shows, everywhere, only once published; the private
address that visitors' messages are relayed to shows nowhere."""

import json

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.models import Organisation
from ecosysteme.diffusion import donnees_ouvertes
from ecosysteme.enums import NiveauTerritoire
from tests.factories import OrganisationFactory, TerritoireFactory

pytestmark = pytest.mark.django_db

PRIVEE = "relais-prive@exemple.org"


@pytest.fixture
def dijon():
    france = TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS, code="FR")
    return TerritoireFactory(nom="Dijon", slug="dijon", parent=france, code="21231")


def coordonnees(commune, **publiees):
    return OrganisationFactory(
        nom="Pôle ESS",
        slug="pole",
        adresse="12 rue des Coopératives",
        complement_adresse="Bâtiment B",
        code_postal="21000",
        commune=commune,
        courriel="bonjour@pole.example.org",
        telephone="03 80 12 34 56",
        courriel_contact=PRIVEE,
        is_contactable=True,
        **publiees,
    )


PARTOUT = {"adresse_is_published": True, "courriel_is_published": True}
PARTOUT["telephone_is_published"] = True


def sorties(client, tmp_path):
    """Every public text where an organisation appears: profile, API, downloads, open data."""
    textes = [
        client.get("/acteurs/pole/").content.decode(),
        client.get("/api/organisations/pole/").content.decode(),
        client.get("/api/organisations/").content.decode(),
        client.get("/api/openapi.json").content.decode(),
        client.get("/flux.atom").content.decode()
        if client.get("/flux.atom").status_code == 200
        else "",
    ]
    for adresse in (
        "/acteurs/export.csv",
        "/acteurs/export.json",
        "/acteurs/export.data-inclusion.json",
    ):
        textes.append(b"".join(client.get(adresse).streaming_content).decode())
    donnees_ouvertes.exporter(tmp_path / "jeu")
    textes += [fichier.read_text(encoding="utf-8") for fichier in (tmp_path / "jeu").iterdir()]
    return "\n".join(textes)


def test_nothing_shows_until_published(client, dijon, tmp_path):
    coordonnees(dijon)

    texte = sorties(client, tmp_path)

    for detail in ("12 rue des Coopératives", "bonjour@pole", "80 12 34 56", "+33380123456"):
        assert detail not in texte
    assertContains(
        client.get("/acteurs/pole/"),
        "Cette organisation n'a publié aucune coordonnée dans l'annuaire.",
    )


def test_the_private_address_shows_nowhere_even_with_everything_published(client, dijon, tmp_path):
    coordonnees(dijon, **PARTOUT)

    texte = sorties(client, tmp_path)

    assert "12 rue des Coopératives" in texte  # the published details are there
    assert "relais-prive" not in texte
    assert "courriel_contact" not in texte
    # Nor is the organisation found by it.
    for adresse in ("/acteurs/", "/recherche/", "/api/organisations/"):
        assert "/acteurs/pole/" not in client.get(adresse, {"q": "relais-prive"}).content.decode()


def test_the_profile_shows_the_published_details_above_the_presentation(client, dijon):
    coordonnees(dijon, **PARTOUT)

    page = client.get("/acteurs/pole/")

    assertContains(
        page,
        "<address>12 rue des Coopératives<br>Bâtiment B<br>21000 Dijon</address>",
        html=True,
    )
    assertContains(page, '<a href="tel:+33380123456">03 80 12 34 56</a>', html=True)
    assertContains(
        page,
        '<a href="mailto:bonjour@pole.example.org">bonjour@pole.example.org</a>',
        html=True,
    )
    contenu = page.content.decode()
    assert contenu.index('id="contact"') < contenu.index('id="presentation"')


def test_each_detail_is_published_on_its_own(client, dijon):
    coordonnees(dijon, telephone_is_published=True)

    page = client.get("/acteurs/pole/")
    entree = client.get("/api/organisations/pole/").json()

    assertContains(page, "03 80 12 34 56")
    assertNotContains(page, "12 rue des Coopératives")
    assertNotContains(page, "bonjour@pole")
    assert entree["coordonnees"] == {
        "adresse": "",
        "complement_adresse": "",
        "code_postal": "",
        "commune": None,
        "courriel": "",
        "telephone": "+33380123456",
    }


def test_the_api_the_downloads_and_the_open_data_give_the_published_details(
    client, dijon, tmp_path
):
    coordonnees(dijon, **PARTOUT)

    entree = client.get("/api/organisations/pole/").json()
    ligne = json.loads(b"".join(client.get("/acteurs/export.json").streaming_content))[0]
    structure = json.loads(
        b"".join(client.get("/acteurs/export.data-inclusion.json").streaming_content)
    )[0]

    assert entree["coordonnees"]["commune"] == {
        "slug": "dijon",
        "nom": "Dijon",
        "niveau": "commune",
    }
    assert entree["coordonnees"]["courriel"] == "bonjour@pole.example.org"
    assert (ligne["code_postal"], ligne["commune"], ligne["telephone"]) == (
        "21000",
        "Dijon",
        "+33380123456",
    )
    assert (structure["adresse"], structure["code_postal"], structure["code_insee"]) == (
        "12 rue des Coopératives",
        "21000",
        "21231",
    )
    assert structure["telephone"] == "03 80 12 34 56"


def test_the_structured_data_give_the_published_address(client, dijon):
    coordonnees(dijon, adresse_is_published=True)

    page = client.get("/acteurs/pole/").content.decode()

    assert '"@type": "PostalAddress"' in page
    assert '"postalCode": "21000"' in page
    assert "bonjour@pole" not in page


@pytest.mark.parametrize(
    ("saisi", "affiche"),
    [
        ("03 80 12 34 56", "03 80 12 34 56"),
        ("+33 3 80 12 34 56", "03 80 12 34 56"),
        ("+32 2 511 11 11", "+32 2 511 11 11"),
        ("+32 470 12 34 56", "+32 470 12 34 56"),
    ],
)
def test_french_and_belgian_numbers_are_written_as_their_country_writes_them(saisi, affiche):
    organisation = OrganisationFactory(telephone=saisi, telephone_is_published=True)
    organisation.full_clean()

    assert Organisation.objects.get(pk=organisation.pk).telephone_publie == affiche


@pytest.mark.parametrize(
    ("champs", "champ_en_erreur", "message"),
    [
        ({"telephone": "12"}, "telephone", "Le numéro saisi n'est pas valide"),
        ({"code_postal": "7500"}, None, None),  # four digits: a Belgian postcode
        ({"code_postal": "750001"}, "code_postal", "5 chiffres (France) ou 4 chiffres"),
        ({"code_postal": "75 00"}, "code_postal", "5 chiffres (France) ou 4 chiffres"),
        ({"courriel": "pas une adresse"}, "courriel", "adresse de courriel valide"),
        ({"is_contactable": True}, "courriel_contact", "indiquez l'adresse où les relayer"),
        ({"adresse_is_published": True}, "adresse_is_published", "Aucune adresse à publier"),
        ({"courriel_is_published": True}, "courriel_is_published", "Aucune adresse électronique"),
        ({"telephone_is_published": True}, "telephone_is_published", "Aucun téléphone"),
    ],
)
def test_bad_details_are_refused_in_french_next_to_their_field(champs, champ_en_erreur, message):
    organisation = OrganisationFactory.build(**champs)

    if champ_en_erreur is None:
        organisation.full_clean()
        return
    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean()
    assert message in " ".join(erreur.value.message_dict[champ_en_erreur])


def test_the_commune_of_an_address_is_a_commune(dijon):
    organisation = OrganisationFactory.build(commune=dijon.parent)

    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean()
    assert "Choisissez une commune" in erreur.value.message_dict["commune"][0]


def test_the_admin_offers_only_communes_for_the_address(admin_client, dijon):
    page = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "acteurs",
            "model_name": "organisation",
            "field_name": "commune",
            "term": "",
        },
    )

    assert [resultat["text"] for resultat in page.json()["results"]] == ["Dijon"]


class TestHostileDetails(HypothesisTestCase):
    """Whatever is typed into the details, the checks answer, and a profile holding what
    they let through is shown."""

    @given(
        adresse=st.text(max_size=250),
        code_postal=st.text(max_size=8),
        telephone=st.text(max_size=40),
        courriel=st.text(max_size=80),
    )
    def test_any_value_is_refused_with_a_message_or_shown(
        self, adresse, code_postal, telephone, courriel
    ):
        organisation = OrganisationFactory.build(
            slug="hostile",
            adresse=adresse,
            code_postal=code_postal,
            telephone=telephone,
            courriel=courriel,
            adresse_is_published=bool(adresse),
            telephone_is_published=bool(telephone),
            courriel_is_published=bool(courriel),
        )
        try:
            organisation.full_clean()
        except ValidationError as erreur:
            assert all(erreur.message_dict.values())
            return
        organisation.save()
        reponse = self.client.get("/acteurs/hostile/")
        assert reponse.status_code == 200
        assert self.client.get("/api/organisations/hostile/").status_code == 200
        organisation.delete()
