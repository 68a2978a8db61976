"""What a production deployment relies on: headers, cookies, deploy checks, health, throttling."""

import os
import re
import secrets
import subprocess
import sys
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.urls import reverse

from tests import factories
from tests.ecosysteme.test_settings import RACINE

UN_AN = 365 * 24 * 3600


def directives(response):
    politique = response["Content-Security-Policy"]
    return dict(
        (morceaux[0], morceaux[1:])
        for morceaux in (directive.split() for directive in politique.split(";"))
    )


@pytest.fixture
def pages(db, admin_user):
    organisation = factories.OrganisationFactory(is_published=True)
    return {
        "accueil": ("/", None),
        "fiche": (organisation.get_absolute_url(), None),
        "connexion": (reverse("admin:login"), None),
        "administration": (reverse("admin:acteurs_organisation_changelist"), admin_user),
    }


@pytest.mark.parametrize("page", ["accueil", "fiche", "connexion", "administration"])
def test_every_security_header_is_sent(client, pages, page):
    url, utilisateur = pages[page]
    if utilisateur:
        client.force_login(utilisateur)

    response = client.get(url, secure=True)

    assert response.status_code == 200
    politique = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert politique["object-src"] == ["'none'"]
    assert politique["base-uri"] == ["'none'"]
    assert politique["frame-ancestors"] == ["'none'"]
    assert politique["default-src"] == ["'self'"]
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= UN_AN
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_each_response_has_its_own_nonce_and_the_json_ld_carries_it(client, db):
    organisation = factories.OrganisationFactory(is_published=True)

    premiere = client.get(organisation.get_absolute_url())
    seconde = client.get(organisation.get_absolute_url())

    nonce = directives(premiere)["script-src"][1]
    assert re.fullmatch(r"'nonce-[\w-]{20,}'", nonce)
    assert nonce != directives(seconde)["script-src"][1]
    html = premiere.content.decode()
    assert f'<script type="application/ld+json" nonce="{nonce[7:-1]}">' in html
    # Nothing inline but that: no other script, no style element or attribute.
    assert html.count("<script") == 1
    assert "<style" not in html and "style=" not in html


def test_in_development_django_s_debug_404_page_may_use_its_inline_style(client, db, settings):
    settings.DEBUG = True  # as under ecosysteme.settings.dev, README's first command

    introuvable = client.get("/cette-adresse-n-existe-pas/")
    accueil = client.get("/")

    assert introuvable.status_code == 404
    assert "<style" in introuvable.content.decode()  # Django's technical 404 page
    assert directives(introuvable)["style-src"] == ["'self'", "'unsafe-inline'"]
    # The site's own pages keep the strict policy, in development too.
    assert "'unsafe-inline'" not in accueil["Content-Security-Policy"]
    assert directives(accueil)["style-src"][1].startswith("'nonce-")


def test_without_debug_a_404_keeps_the_strict_policy(client, db, settings):
    settings.DEBUG = False

    introuvable = client.get("/cette-adresse-n-existe-pas/")

    assert introuvable.status_code == 404
    assert "'unsafe-inline'" not in introuvable["Content-Security-Policy"]
    assert directives(introuvable)["style-src"][1].startswith("'nonce-")


def test_cookies_are_secure_host_only_and_hidden_from_scripts(client, editrice):
    page = client.get(reverse("admin:login"), secure=True)
    csrf = page.cookies["__Host-csrftoken"]
    session = connexion(client, "mot de passe juste").cookies["__Host-sessionid"]

    for cookie in (csrf, session):
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""


def test_http_requests_are_sent_to_https_but_for_the_health_check(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    accueil = client.get("/")
    sante = client.get(reverse("sante"))

    assert accueil.status_code == 301
    assert accueil["Location"] == "https://testserver/"
    assert sante.status_code == 200


def test_production_settings_pass_the_deploy_checks():
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests in this process, never in production.
    ecartees = {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ecartees}
    env.update(
        DJANGO_SETTINGS_MODULE="ecosysteme.settings.base",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="annuaire.example.org",
        EDITEUR_NOM="CRESS Bourgogne-Franche-Comté",
        EDITEUR_ADRESSE="2 rue de la Coopération, 21000 Dijon",
        DIRECTEUR_PUBLICATION="Camille Martin",
        HEBERGEUR_NOM="Hébergeur coopératif",
        HEBERGEUR_ADRESSE="5 place de l'Hébergement, 69000 Lyon",
        LICENCE_DONNEES="Licence Ouverte 2.0",
    )
    resultat = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RACINE,
        env=env,
        capture_output=True,
        text=True,
    )

    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert "System check identified no issues (0 silenced)." in resultat.stdout


def test_health_check_reports_the_database(client, db):
    response = client.get(reverse("sante"))

    assert response.status_code == 200
    assert response.json() == {"statut": "ok", "base_de_donnees": "ok"}
    assert "no-cache" in response["Cache-Control"]


def connexion(client, mot_de_passe, adresse="10.0.0.1"):
    return client.post(
        reverse("admin:login"),
        {"username": "camille", "password": mot_de_passe, "next": "/admin/"},
        REMOTE_ADDR=adresse,
    )


@pytest.fixture
def editrice(db):
    return User.objects.create_user("camille", password="mot de passe juste", is_staff=True)


def test_repeated_failures_lock_that_login_for_a_while(client, editrice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert connexion(client, "faux").status_code == 200

    bloquee = connexion(client, "faux")
    encore = connexion(client, "mot de passe juste")

    assert bloquee.status_code == 429
    assert "Trop de tentatives de connexion" in bloquee.content.decode()
    assert "15 minutes" in bloquee.content.decode()
    # Even the right password is refused while the login is locked.
    assert encore.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_login_opens_again_after_the_delay(client, editrice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        connexion(client, "faux")
    assert connexion(client, "mot de passe juste").status_code == 429

    # The delay is bounded: once it has passed, the same login works again.
    assert settings.AXES_COOLOFF_TIME <= timedelta(hours=1)
    passe = AccessAttempt.objects.get().attempt_time - settings.AXES_COOLOFF_TIME
    AccessAttempt.objects.update(attempt_time=passe - timedelta(seconds=1))
    response = connexion(client, "mot de passe juste")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == editrice.pk


def test_a_lock_holds_only_for_the_address_that_failed(client, editrice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        connexion(client, "faux", adresse="10.0.0.66")

    response = connexion(client, "mot de passe juste", adresse="10.0.0.1")

    assert response.status_code == 302


def test_a_success_clears_the_failures(client, editrice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        connexion(client, "faux")
    assert connexion(client, "mot de passe juste").status_code == 302
    client.logout()

    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert connexion(client, "faux").status_code == 200
