"""Profiles describe themselves for search engines: schema.org JSON-LD, Open Graph, canonical."""

import datetime
import json
import re

import pytest
from pytest_django.asserts import assertContains

from acteurs.enums import FormeJuridique, TypeRelation
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    TerritoireFactory,
    ThematiqueFactory,
)

pytestmark = pytest.mark.django_db


def json_ld(response):
    (texte,) = re.findall(
        r'<script type="application/ld\+json" nonce="[\w-]+">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    return json.loads(texte)


def test_an_association_is_an_ngo_with_its_identifiers_and_memberships(client):
    association = OrganisationFactory(
        nom="Pôle <solidaire> & co",
        slug="pole",
        sigle="PES",
        forme_juridique=FormeJuridique.ASSOCIATION,
        annee_creation=2005,
        description="Un pôle d'économie solidaire.",
        rna="W212001234",
        siege=TerritoireFactory(nom="Dijon"),
    )
    reseau = OrganisationFactory(nom="GRAIS", slug="grais")
    RelationFactory(source=association, cible=reseau, type=TypeRelation.MEMBRE)
    membre = OrganisationFactory(nom="Active 71", slug="active-71")
    RelationFactory(source=membre, cible=association, type=TypeRelation.MEMBRE)

    response = client.get("/acteurs/pole/")

    assert json_ld(response) == {
        "@context": "https://schema.org",
        "@type": "NGO",
        "name": "Pôle <solidaire> & co",
        "alternateName": "PES",
        "url": "http://testserver/acteurs/pole/",
        "description": "Un pôle d'économie solidaire.",
        "foundingDate": "2005",
        "location": "Dijon",
        "identifier": [{"@type": "PropertyValue", "propertyID": "RNA", "value": "W212001234"}],
        "memberOf": [
            {"@type": "Organization", "name": "GRAIS", "url": "http://testserver/acteurs/grais/"}
        ],
        "member": [
            {
                "@type": "Organization",
                "name": "Active 71",
                "url": "http://testserver/acteurs/active-71/",
            }
        ],
    }
    # Written so that nothing in a name can close the script.
    assert "<solidaire>" not in response.content.decode().split("ld+json")[1].split("</script>")[0]
    assertContains(response, '<link rel="canonical" href="http://testserver/acteurs/pole/">')
    assertContains(response, '<meta property="og:title" content="Pôle &lt;solidaire&gt; &amp; co">')


def test_a_local_authority_is_a_government_organization(client):
    OrganisationFactory(slug="ville", forme_juridique=FormeJuridique.COLLECTIVITE)

    assert json_ld(client.get("/acteurs/ville/"))["@type"] == "GovernmentOrganization"


def test_a_person_has_each_role_as_an_organization_role(client):
    personne = PersonneFactory(prenom="Michel", nom="Bouchaert", slug="michel-bouchaert")
    FonctionFactory(
        personne=personne,
        organisation=OrganisationFactory(nom="ExtraCité", slug="extracite"),
        intitule="directeur",
        debut=datetime.date(2010, 1, 1),
    )

    donnees = json_ld(client.get("/personnes/michel-bouchaert/"))

    assert donnees["@type"] == "Person" and donnees["name"] == "Michel Bouchaert"
    assert donnees["memberOf"] == [
        {
            "@type": "OrganizationRole",
            "roleName": "directeur",
            "startDate": "2010-01-01",
            "memberOf": {
                "@type": "Organization",
                "name": "ExtraCité",
                "url": "http://testserver/acteurs/extracite/",
            },
        }
    ]


def test_a_programme_is_a_service_with_its_providers_places_and_audience(client):
    dispositif = DispositifFactory(
        nom="Incubateur rural", slug="incubateur-rural", public="Porteurs de projet"
    )
    dispositif.porteurs.add(OrganisationFactory(nom="La Coop", slug="la-coop"))
    dispositif.territoires.add(TerritoireFactory(nom="Cher", slug="cher", niveau="departement"))
    dispositif.thematiques.add(ThematiqueFactory(nom="Alimentation"))

    response = client.get("/accompagnement/incubateur-rural/")
    donnees = json_ld(response)

    assert donnees["@type"] == "Service"
    assert donnees["name"] == "Incubateur rural"
    assert donnees["serviceType"] == dispositif.get_nature_display()
    assert donnees["provider"] == [
        {"@type": "Organization", "name": "La Coop", "url": "http://testserver/acteurs/la-coop/"}
    ]
    assert donnees["areaServed"] == [
        {
            "@type": "AdministrativeArea",
            "name": "Cher",
            "url": "http://testserver/territoires/cher/",
        }
    ]
    assert donnees["audience"] == {"@type": "Audience", "audienceType": "Porteurs de projet"}
    assert donnees["category"] == ["Alimentation"]
    assertContains(
        response,
        '<link rel="canonical" href="http://testserver/accompagnement/incubateur-rural/">',
    )


def test_a_territory_is_a_place_within_its_parent(client):
    pays = TerritoireFactory(nom="France", slug="france", niveau="pays", code="FR")
    TerritoireFactory(nom="Gironde", slug="gironde", niveau="departement", code="33", parent=pays)

    response = client.get("/territoires/gironde/")
    donnees = json_ld(response)

    assert donnees == {
        "@context": "https://schema.org",
        "@type": "AdministrativeArea",
        "name": "Gironde",
        "url": "http://testserver/territoires/gironde/",
        "identifier": "33",
        "containedInPlace": {
            "@type": "Country",
            "name": "France",
            "url": "http://testserver/territoires/france/",
        },
    }
    assertContains(response, '<meta property="og:title" content="Gironde">')


def test_a_theme_is_a_defined_term(client):
    ThematiqueFactory(nom="Mobilité", slug="mobilite", description="Se déplacer autrement.")

    donnees = json_ld(client.get("/thematiques/mobilite/"))

    assert donnees["@type"] == "DefinedTerm"
    assert donnees["name"] == "Mobilité"
    assert donnees["description"] == "Se déplacer autrement."
    assert donnees["url"] == "http://testserver/thematiques/mobilite/"
