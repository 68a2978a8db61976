"""The legal notice and the personal-data page."""

import html
import re

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from pytest_django.asserts import assertContains, assertNotContains

from tests.pages_publiques import contenu

pytestmark = pytest.mark.django_db


def test_the_legal_notice_names_publisher_and_host_from_the_environment(client, settings):
    settings.EDITEUR_NOM = "CRESS Bourgogne-Franche-Comté"
    settings.HEBERGEUR_NOM = "Hébergeur coopératif"
    settings.CONTACT_COURRIEL = "donnees@cress.example"
    settings.LICENCE_DONNEES = "Licence Ouverte 2.0"

    reponse = client.get("/mentions-legales/")

    assertContains(reponse, "<h1>Mentions légales</h1>", html=True)
    assertContains(reponse, "CRESS Bourgogne-Franche-Comté")
    assertContains(reponse, "Hébergeur coopératif")
    assertContains(reponse, "Licence Ouverte 2.0")
    assertContains(reponse, '<a href="/donnees-personnelles/">Données personnelles</a>', html=True)
    assertNotContains(reponse, "[nom de l&#x27;éditeur")
    assertNotContains(reponse, "[nom de l&#x27;hébergeur")
    assertNotContains(reponse, "donnees@cress.example")
    assert "donnees@cress.example" in html.unescape(reponse.content.decode())


def test_the_legal_notice_says_what_a_deployment_has_not_set(client, settings):
    for reglage in ("EDITEUR_NOM", "HEBERGEUR_NOM", "CONTACT_COURRIEL", "LICENCE_DONNEES"):
        setattr(settings, reglage, "")

    reponse = client.get("/mentions-legales/")

    assertContains(reponse, "[nom de l&#x27;éditeur à compléter]")
    assertContains(reponse, "[nom de l&#x27;hébergeur à compléter]")
    assertNotContains(reponse, "Contact :")


OPERATEUR = {
    "EDITEUR_NOM": "CRESS Bourgogne-Franche-Comté",
    "EDITEUR_ADRESSE": "2 rue de la Coopération, 21000 Dijon",
    "DIRECTEUR_PUBLICATION": "Camille Martin",
    "CONTACT_COURRIEL": "",
    "HEBERGEUR_NOM": "Hébergeur coopératif",
    "HEBERGEUR_ADRESSE": "5 place de l'Hébergement, 69000 Lyon",
    "LICENCE_DONNEES": "Licence Ouverte 2.0",
}


def erreurs_de_deploiement():
    return [m for m in run_checks(include_deployment_checks=True) if m.id == "ecosysteme.E001"]


@override_settings(**{reglage: "" for reglage in OPERATEUR})
def test_the_deploy_checks_fail_while_the_legal_notice_says_to_complete(client):
    assertContains(client.get("/mentions-legales/"), "à compléter")

    (erreur,) = erreurs_de_deploiement()

    assert erreur.is_serious()
    assert "« [à compléter] »" in erreur.msg
    for reglage in OPERATEUR.keys() - {"CONTACT_COURRIEL"}:
        assert reglage in erreur.msg
    assert "CONTACT_COURRIEL" not in erreur.msg  # optional: the postal address serves


@override_settings(**{**OPERATEUR, "HEBERGEUR_ADRESSE": "  "})
def test_the_deploy_checks_name_only_what_is_missing():
    (erreur,) = erreurs_de_deploiement()

    assert "HEBERGEUR_ADRESSE." in erreur.msg
    assert "EDITEUR_NOM" not in erreur.msg


@override_settings(**OPERATEUR)
def test_the_deploy_checks_pass_once_the_operator_is_named_and_the_legal_notice_says_so(client):
    assert erreurs_de_deploiement() == []

    mentions = client.get("/mentions-legales/")
    donnees = client.get("/donnees-ouvertes/")

    assertContains(
        mentions,
        "<p>CRESS Bourgogne-Franche-Comté<br>2 rue de la Coopération, 21000 Dijon</p>",
        html=True,
    )
    assertContains(mentions, "Directeur ou directrice de la publication : Camille Martin.")
    assertContains(
        mentions, "<p>Hébergeur coopératif<br>5 place de l'Hébergement, 69000 Lyon</p>", html=True
    )
    assertContains(mentions, "publiées sous la licence suivante : Licence Ouverte 2.0.")
    assertContains(donnees, "Licence des données : Licence Ouverte 2.0.")
    for reponse in (mentions, donnees):
        assertNotContains(reponse, "compléter")
        assertNotContains(reponse, "préciser")


def test_the_personal_data_page_explains_rights_and_anonymisation(client, settings):
    settings.CONTACT_COURRIEL = "donnees@cress.example"

    reponse = client.get("/donnees-personnelles/")

    assertContains(reponse, "<h1>Données personnelles</h1>", html=True)
    for titre in ("Ce que l'annuaire contient", "Pourquoi", "Vos droits"):
        assertContains(reponse, f"<h2>{titre}</h2>", html=True)
    assertContains(reponse, "<h2>L'anonymisation, à votre demande</h2>", html=True)
    assertContains(reponse, "intérêt légitime")
    assertContains(reponse, "Écrivez à <a")
    assertNotContains(reponse, "donnees@cress.example")
    assert "donnees@cress.example</a>" in html.unescape(reponse.content.decode())


def test_the_open_data_page_leads_to_every_download_and_to_the_api(client, settings):
    settings.LICENCE_DONNEES = "Licence Ouverte 2.0"

    reponse = client.get("/donnees-ouvertes/")

    assertContains(reponse, "<h1>Données ouvertes et API</h1>", html=True)
    assertContains(reponse, "Licence des données : Licence Ouverte 2.0.")
    for adresse in (
        "/acteurs/export.csv",
        "/acteurs/export.json",
        "/personnes/export.csv",
        "/accompagnement/export.json",
        "/acteurs/export.data-inclusion.json",
    ):
        assertContains(reponse, f'href="{adresse}" download')
    assertContains(reponse, '<a href="/api/"><code>/api/</code></a>', html=True)
    assertContains(
        reponse, '<a href="/api/openapi.json"><code>/api/openapi.json</code></a>', html=True
    )
    # Every link of the page itself leads somewhere.
    for adresse in re.findall(r'href="(/[^"]*)"', reponse.content.decode()):
        if not adresse.startswith("/static/"):
            lien = client.get(html.unescape(adresse))
            contenu(lien)  # a download is read to its end, as the test client expects
            assert lien.status_code == 200, adresse


def test_every_page_links_to_the_open_data_page(client):
    for adresse in ("/", "/acteurs/", "/mentions-legales/"):
        assertContains(
            client.get(adresse),
            '<a href="/donnees-ouvertes/">Données ouvertes et API</a>',
            html=True,
        )
