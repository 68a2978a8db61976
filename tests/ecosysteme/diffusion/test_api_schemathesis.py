"""The API keeps to its own OpenAPI description: schemathesis reads /api/openapi.json, draws
requests from it (every operation, every parameter) and checks each answer: never a 500, only
the status codes and content types described, bodies valid against the described schemas.

The site is called in the test's process, through its WSGI application, on a small directory
made by factories. How many requests: EXEMPLES per operation, a few seconds in all.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from acteurs.enums import CategorieFonction, FormeJuridique
from ecosysteme.enums import NiveauTerritoire
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)

pytestmark = pytest.mark.lent

EXEMPLES = 30
CONTROLES = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def sans_fermer_la_connexion():
    # Called directly, the WSGI application closes the database connection after each
    # request, and with it the test's transaction (on PostgreSQL): as Django's test client
    # does, keep it open.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def annuaire(db, sans_fermer_la_connexion):
    """A few entries of each kind, every field filled in, and some that must not show."""
    france = TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS)
    gironde = TerritoireFactory(
        nom="Gironde", slug="gironde", niveau=NiveauTerritoire.DEPARTEMENT, parent=france
    )
    culture = ThematiqueFactory(slug="culture")
    cae = TypeActiviteFactory(slug="cae")
    alpha = OrganisationFactory(
        slug="alpha", sigle="A", forme_juridique=FormeJuridique.SCIC, siege=gironde,
        annee_creation=2001, annee_fin=2020, site_web="https://alpha.example.org",
        siren="123456789", description="Énergie citoyenne.",
    )  # fmt: skip
    alpha.types.add(cae)
    alpha.thematiques.add(culture)
    alpha.territoires_action.add(france)
    OrganisationFactory(forme_juridique="")
    brouillon = OrganisationFactory(is_published=False)
    FonctionFactory(
        personne__slug="camille", personne__email="camille@example.org",
        personne__contact_is_published=True, organisation=alpha,
        categorie=CategorieFonction.DIRECTION,
    )  # fmt: skip
    FonctionFactory(organisation=brouillon)
    PersonneFactory(nom="", designation="la coordinatrice")
    incubateur = DispositifFactory(slug="incubateur", public="Porteurs de projets")
    incubateur.porteurs.add(alpha, brouillon)
    incubateur.territoires.add(gironde)
    incubateur.thematiques.add(culture)
    DispositifFactory(is_published=False)


# The description as the site serves it, read when the tests are collected: it is built from
# the code alone, without the database. (Not schemathesis.pytest.from_fixture, which fails on
# pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


# The directory is made once per operation, in its test's transaction, and only read by the
# requests: sharing it between the examples of one operation is what is wanted.
@schema.parametrize()
@settings(
    max_examples=EXEMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_description(case, annuaire):
    case.call_and_validate(checks=CONTROLES)


@pytest.mark.parametrize(
    "chemin, slug",
    [
        ("/api/organisations/{slug}/", "alpha"),
        ("/api/personnes/{slug}/", "camille"),
        ("/api/dispositifs/{slug}/", "incubateur"),
        ("/api/territoires/{slug}/", "gironde"),
    ],
)
def test_every_kind_of_profile_keeps_to_its_description(annuaire, chemin, slug):
    # Drawn at random, a slug is hardly ever one of the directory: these are.
    case = schema[chemin]["GET"].Case(path_parameters={"slug": slug})
    assert case.call_and_validate(checks=CONTROLES).status_code == 200
