import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    ChiffreDispositifFactory,
    DispositifFactory,
    OrganisationFactory,
    SourceFactory,
    TerritoireFactory,
    ThematiqueFactory,
)

pytestmark = pytest.mark.django_db


def lien(objet):
    return f'<a href="{objet.get_absolute_url()}">{objet.nom}</a>'


def test_dispositif_page_shows_what_a_project_holder_needs(client):
    dispositif = DispositifFactory(
        nom="Puls'actions",
        description="Accompagnement de l'idée au projet.",
        public="Porteurs de projets de l'ESS.",
        etapes="Accueil\nSpeed dating coaching\nAccompagnement",
        debut=datetime.date(2015, 1, 1),
    )
    porteur = OrganisationFactory(nom="GRAIS")
    partenaire = OrganisationFactory(nom="Bourgogne Active")
    dispositif.porteurs.add(porteur, OrganisationFactory(nom="Brouillon", is_published=False))
    dispositif.partenaires.add(partenaire)
    territoire = TerritoireFactory(nom="Bourgogne")
    dispositif.territoires.add(territoire)
    thematique = ThematiqueFactory(nom="Innovation sociale")
    dispositif.thematiques.add(thematique)
    dispositif.sources.add(SourceFactory(titre="A Dijon, le Pôle"))
    ChiffreDispositifFactory(dispositif=dispositif, libelle="projets accompagnés", valeur=124)
    ChiffreDispositifFactory(dispositif=dispositif, libelle="porteurs accueillis", annee=2015)

    response = client.get(dispositif.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<h1>Puls'actions</h1>", html=True)
    assertContains(response, '<li class="etiquette etiquette--forme">incubation</li>', html=True)
    assertContains(response, '<p class="fiche__lieu">Depuis 2015</p>', html=True)
    assertContains(
        response,
        f'<dt>Porté par</dt><dd><ul class="en-ligne"><li>{lien(porteur)}</li></ul></dd>',
        html=True,
    )
    assertContains(
        response,
        f'<dt>Partenaires</dt><dd><ul class="en-ligne"><li>{lien(partenaire)}</li></ul></dd>',
        html=True,
    )
    assertNotContains(response, "Brouillon")
    assertContains(response, lien(territoire), html=True)
    assertContains(response, lien(thematique), html=True)
    assertContains(response, "<p>Accompagnement de l'idée au projet.</p>", html=True)
    assertContains(response, "<p>Porteurs de projets de l'ESS.</p>", html=True)
    assertContains(
        response,
        '<ol class="etapes"><li>Accueil</li><li>Speed dating coaching</li>'
        "<li>Accompagnement</li></ol>",
        html=True,
    )
    assertContains(response, "<h3>En 2016</h3>", html=True)
    assertContains(response, "<h3>En 2015</h3>", html=True)
    assertContains(response, '<span class="chiffres__valeur">124</span> projets accompagnés')
    assertContains(response, "<cite>A Dijon, le Pôle</cite>", html=True)


def test_dispositif_unknown_or_unpublished_is_404(client):
    brouillon = DispositifFactory(is_published=False)

    assert client.get("/accompagnement/inconnu/").status_code == 404
    assert client.get(brouillon.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("nombre", [1, 10])
def test_dispositif_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    dispositif = DispositifFactory()
    dispositif.porteurs.add(*OrganisationFactory.create_batch(nombre))
    dispositif.partenaires.add(*OrganisationFactory.create_batch(nombre))
    dispositif.territoires.add(*TerritoireFactory.create_batch(nombre))
    dispositif.thematiques.add(*ThematiqueFactory.create_batch(nombre))
    dispositif.sources.add(*SourceFactory.create_batch(nombre))
    for annee in range(2010, 2010 + nombre):
        ChiffreDispositifFactory(dispositif=dispositif, annee=annee, source=SourceFactory())

    # The programme, then porteurs, partners, territories, themes, sources and figures.
    with django_assert_num_queries(7):
        response = client.get(dispositif.get_absolute_url())
    assert response.status_code == 200


def test_seeded_puls_actions_shows_its_2016_figures(client, donnees_seed):
    from accompagnement.models import Dispositif

    puls_actions = Dispositif.objects.get(slug="puls-actions")

    response = client.get(puls_actions.get_absolute_url())

    assertContains(response, "<h1>Puls'actions</h1>", html=True)
    assertContains(response, "<h3>En 2016</h3>", count=1, html=True)
    for valeur, libelle in (
        ("250", "porteurs de projet accueillis"),
        ("124", "projets accompagnés"),
        ("environ 20", "projets aboutis"),
    ):
        assertContains(response, f'<span class="chiffres__valeur">{valeur}</span> {libelle}')
    grais = puls_actions.porteurs.get(slug="grais")
    assertContains(
        response,
        f'<dt>Porté par</dt><dd><ul class="en-ligne"><li>{lien(grais)}</li></ul></dd>',
        html=True,
    )
    assertContains(
        response, "<p>Porteurs de projets d'économie sociale et solidaire.</p>", html=True
    )
    assertContains(response, "accompagnement à la création")
    assertContains(response, lien(puls_actions.territoires.get(slug="bourgogne")), html=True)
    assertContains(response, '<h2 id="sources">Sources</h2>', html=True)
