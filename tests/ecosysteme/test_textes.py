"""What a stored text may hold, whatever stores it, and which stored addresses become links."""

import json

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import models
from pytest_django.asserts import assertContains

from acteurs.models import Organisation
from ecosysteme.models import Source
from ecosysteme.textes import lien_sur
from tests.factories import DispositifFactory, OrganisationFactory, SourceFactory
from tests.test_admin import admin_url, organisation_post_data

pytestmark = pytest.mark.django_db

HORODATAGE = {"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}


def champs_de_texte():
    """Every text field of every model of the directory (their histories aside)."""
    return [
        pytest.param(champ, id=f"{modele._meta.label}.{champ.name}")
        for modele in apps.get_models()
        if modele._meta.app_label in {"ecosysteme", "acteurs", "accompagnement"}
        and not modele.__name__.startswith("Historical")
        for champ in modele._meta.concrete_fields
        if isinstance(champ, (models.CharField, models.TextField))
    ]


def codes(erreur):
    return {e.code for e in erreur.error_list}


@pytest.mark.parametrize("champ", champs_de_texte())
@pytest.mark.parametrize("caractere", ["\x00", "\x1b", "\x85", "\u2066"])
def test_every_text_field_refuses_invisible_characters(champ, caractere):
    with pytest.raises(ValidationError) as erreur:
        champ.run_validators(f"a{caractere}b")
    assert "caractere_interdit" in codes(erreur.value)


@pytest.mark.parametrize(
    "valeur, message",
    [
        ("Coop\x1b", "Ce texte contient un caractère invisible interdit (U+001B, position 5)."),
        ("\x00Coop", "Ce texte contient un caractère invisible interdit (U+0000, position 1)."),
        ("Co\x0bop", "Ce texte contient un caractère invisible interdit (U+000B, position 3)."),
        ("Co\top", "Ce texte contient un caractère invisible interdit (U+0009, position 3)."),
        (
            "Coop\nde Dijon",
            "Ce texte doit tenir sur une ligne : il contient un retour à la ligne "
            "(U+000A, position 5).",
        ),
        (
            "exe.\u202etxt",
            "Ce texte contient un caractère invisible interdit, qui change le sens d'écriture "
            "(U+202E, position 5).",
        ),
    ],
)
def test_a_name_with_an_invisible_character_is_refused_naming_it(valeur, message):
    with pytest.raises(ValidationError) as erreur:
        Organisation(nom=valeur, slug="coop").clean_fields()
    assert erreur.value.message_dict == {"nom": [message]}


def test_a_text_of_several_lines_keeps_its_line_breaks_and_tabs_but_nothing_else():
    Organisation(nom="Coop", slug="coop", description="Une\r\ncoopérative\tà Dijon").clean_fields()

    with pytest.raises(ValidationError) as erreur:
        Organisation(nom="Coop", slug="coop", description="Une\ncoop\x1b").clean_fields()
    # Said of the description, and of its French text (django-modeltranslation), which is it.
    assert erreur.value.message_dict["description"] == [
        "Ce texte contient un caractère invisible interdit (U+001B, position 9)."
    ]


def test_direction_marks_and_other_scripts_are_welcome():
    Organisation(nom="\u200fجمعية\u200f (Lyon) 🌱 Œuvre", slug="coop").clean_fields()


def test_the_admin_refuses_an_invisible_character_next_to_the_field(admin_client):
    organisation = OrganisationFactory(nom="Extracité")
    data = organisation_post_data(organisation, description_fr="Une\x1b coopérative")
    data["nom"] = "Extra\x0bcité"

    reponse = admin_client.post(admin_url(organisation, "change", organisation.pk), data)

    assertContains(
        reponse, "Ce texte contient un caractère invisible interdit (U+000B, position 6)."
    )
    assertContains(
        reponse, "Ce texte contient un caractère invisible interdit (U+001B, position 4)."
    )
    organisation.refresh_from_db()
    assert (organisation.nom, organisation.description) == ("Extracité", "")


def fichier(tmp_path, **champs):
    chemin = tmp_path / "import.json"
    entree = {"model": "acteurs.organisation", "fields": {"slug": "coop", **HORODATAGE, **champs}}
    chemin.write_text(json.dumps([entree]), encoding="utf-8")
    return chemin


@pytest.mark.parametrize("commande", ["loaddata", "valider_donnees"])
@pytest.mark.parametrize(
    "champ, valeur, code", [("nom", "Co\x00op", "0000"), ("description", "Un\x01e coop", "0001")]
)
def test_the_loader_refuses_an_invisible_character_and_loads_nothing(
    tmp_path, commande, champ, valeur, code
):
    chemin = fichier(tmp_path, **{"nom": "Coop", champ: valeur})

    with pytest.raises(CommandError) as refus:
        call_command(commande, str(chemin), verbosity=0)

    assert str(refus.value).splitlines()[0] == (
        f"{chemin}, entrée n° 1 (acteurs.organisation « coop ») : champ {champ} : "
        f"Ce texte contient un caractère invisible interdit (U+{code}, position 3)."
    )
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "adresse, lue",
    [
        ("https://coop.example/a?b=c", "https://coop.example/a?b=c"),
        ("HTTP://COOP.EXAMPLE", "HTTP://COOP.EXAMPLE"),
        ("  https://coop.example ", "https://coop.example"),
        ("ht\ttps://coop.exa\nmple", "https://coop.example"),
        ("javascript:alert(1)", ""),
        ("JavaScript:alert(1)", ""),
        (" \x01javascript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("vbscript:msgbox", ""),
        ("ftp://coop.example", ""),
        ("//coop.example", ""),
        ("/acteurs/", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_only_http_addresses_may_become_links(adresse, lue):
    assert lien_sur(adresse) == lue


@pytest.mark.parametrize("adresse", ["javascript:alert(1)", "JAVASCRIPT://x.org/%0aalert(1)"])
def test_a_script_address_is_refused(adresse):
    with pytest.raises(ValidationError) as erreur:
        Organisation(nom="Coop", slug="coop", site_web=adresse).clean_fields()
    assert list(erreur.value.message_dict) == ["site_web"]


def test_an_address_of_another_protocol_is_refused_saying_why():
    with pytest.raises(ValidationError) as erreur:
        Source(titre="Rapport", slug="rapport", url="ftp://coop.example/r.pdf").clean_fields()
    assert erreur.value.message_dict == {
        "url": ["Seules les adresses web en http:// ou https:// sont acceptées."]
    }


@pytest.fixture
def adresses_hostiles():
    """Script addresses stored through the ORM, past the validation that refuses them."""
    organisation = OrganisationFactory(slug="coop", site_web="javascript:alert(1)")
    dispositif = DispositifFactory(slug="incubateur", site_web=" data:text/html,<b>x</b>")
    source = SourceFactory(titre="Le rapport", url="JavaScript:alert(2)")
    organisation.sources.add(source)
    dispositif.sources.add(source)


@pytest.mark.parametrize("adresse", ["/acteurs/coop/", "/accompagnement/incubateur/"])
def test_a_stored_script_address_is_never_rendered_as_a_link(client, adresses_hostiles, adresse):
    texte = client.get(adresse).content.decode()

    assert "javascript:" not in texte.lower() and "data:text" not in texte
    assert "sameAs" not in texte
    assertContains(client.get(adresse), "<cite>Le rapport</cite>", html=True)


def test_a_stored_script_address_is_left_out_of_the_data(client, adresses_hostiles):
    for adresse in ["/api/organisations/coop/", "/api/dispositifs/incubateur/"]:
        assert client.get(adresse).json()["site_web"] == ""
    for adresse in ["/acteurs/export.json", "/accompagnement/export.json"]:
        reponse = client.get(adresse)
        assert json.loads(b"".join(reponse.streaming_content))[0]["site_web"] == ""


def test_an_http_address_is_still_a_link(client):
    OrganisationFactory(slug="coop", site_web="https://coop.example")

    assertContains(
        client.get("/acteurs/coop/"),
        '<a href="https://coop.example">https://coop.example</a>',
        html=True,
    )


def test_the_loader_names_a_nul_in_a_reference_or_a_key_before_looking_it_up(tmp_path):
    # PostgreSQL refuses a query holding NUL: the entry is refused before any lookup.
    chemin = fichier(tmp_path, nom="Coop", siege=["dij\x00on"], thematiques=[["a\x00"]])

    with pytest.raises(CommandError) as refus:
        call_command("valider_donnees", str(chemin), verbosity=0)

    lieu = f"{chemin}, entrée n° 1 (acteurs.organisation « coop ») :"
    assert str(refus.value).splitlines() == [
        f"{lieu} champ siege : "
        "Ce texte contient un caractère invisible interdit (U+0000, position 4).",
        f"{lieu} champ thematiques : "
        "Ce texte contient un caractère invisible interdit (U+0000, position 2).",
        "2 problèmes : rien n'a été chargé.",
    ]
