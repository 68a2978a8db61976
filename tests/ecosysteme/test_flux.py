"""The Atom feed of new and updated entries."""

import re

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
