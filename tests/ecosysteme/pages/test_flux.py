"""The Atom feed of new and updated entries."""

import re
from xml.etree import ElementTree

import pytest

from tests.factories import DispositifFactory, OrganisationFactory, PersonneFactory

pytestmark = pytest.mark.django_db


def test_the_feed_lists_the_latest_public_entries_of_every_kind(client):
    OrganisationFactory(nom="Brouillon", is_published=False)
    ancienne = OrganisationFactory(nom="Ancienne", description="Une coopérative.")
    PersonneFactory(prenom="Camille", nom="Arnaud")
    DispositifFactory(nom="Incubateur")
    ancienne.save()  # updated last: first in the feed

    reponse = client.get("/nouveautes.atom")

    assert reponse.status_code == 200
    assert reponse["Content-Type"].startswith("application/atom+xml")
    texte = reponse.content.decode()
    titres = re.findall(r"<entry><title>([^<]+)</title>", texte)
    assert titres[0] == "Organisation : Ancienne"
    assert sorted(titres) == [
        "Dispositif d'accompagnement : Incubateur",
        "Organisation : Ancienne",
        "Personne : Camille Arnaud",
    ]
    assert "http://testserver/acteurs/" in texte and "Une coopérative." in texte
    assert "<updated>" in texte


def test_every_page_points_to_the_feed(client):
    reponse = client.get("/")

    assert (
        '<link rel="alternate" type="application/atom+xml" '
        'title="Fiches nouvelles ou mises à jour" href="/nouveautes.atom">'
    ) in reponse.content.decode()


ATOM = "{http://www.w3.org/2005/Atom}"


def test_control_characters_stored_in_a_profile_leave_the_feed_readable(client):
    # Stored through the ORM, past the validation that refuses them today.
    OrganisationFactory(nom="Co\x0bop", description="Une\x1b coopérative.")
    PersonneFactory(prenom="Ca\x01mille", nom="Arnaud", biographie="\x7f\x85")

    reponse = client.get("/nouveautes.atom")

    assert reponse.status_code == 200
    flux = ElementTree.fromstring(reponse.content)
    titres = {entree.findtext(f"{ATOM}title") for entree in flux.iter(f"{ATOM}entry")}
    assert titres == {"Organisation : Coop", "Personne : Camille Arnaud"}
    assert "Une coopérative." in reponse.content.decode()


def test_summaries_are_declared_as_the_plain_text_they_are(client):
    OrganisationFactory(description="<b>Coop</b> & co, <script>alert(1)</script>")

    flux = ElementTree.fromstring(client.get("/nouveautes.atom").content)

    (resume,) = flux.iter(f"{ATOM}summary")
    assert resume.get("type") == "text"
    assert resume.text == "<b>Coop</b> & co, <script>alert(1)</script>"
