import datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from accompagnement.enums import NatureDispositif
from ecosysteme.enums import PrecisionDate
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
    assertContains(response, '<p class="fiche__genre">Programme d\'accompagnement</p>', html=True)
    assertContains(response, '<li class="etiquette">En cours</li>', html=True)
    assertContains(response, '<h2 id="public">Pour qui</h2>', html=True)
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


def test_programme_page_says_how_to_apply_and_whom_to_contact(client):
    dispositif = DispositifFactory(
        nom="Incubateur",
        debut=datetime.date(2018, 1, 1),
        fin=datetime.date(2020, 1, 1),
        candidature="Dossier à déposer avant le 30 juin.",
        candidature_url="https://exemple.org/candidater",
        contact="Le pôle d'accompagnement du réseau.",
    )
    joignable = OrganisationFactory(
        nom="Réseau",
        courriel="contact@reseau.example",
        courriel_is_published=True,
        courriel_contact="prive@reseau.example",
        is_contactable=True,
    )
    discrete = OrganisationFactory(nom="Discrète", courriel="cache@discrete.example")
    dispositif.porteurs.add(joignable, discrete)

    response = client.get(dispositif.get_absolute_url())

    assertContains(response, '<li class="etiquette">Terminé</li>', html=True)
    assertContains(response, '<h2 id="candidature">Comment candidater</h2>', html=True)
    assertContains(response, "<p>Dossier à déposer avant le 30 juin.</p>", html=True)
    assertContains(response, 'href="https://exemple.org/candidater"')
    assertContains(response, '<h2 id="contact">Contact</h2>', html=True)
    assertContains(response, "<p>Le pôle d'accompagnement du réseau.</p>", html=True)
    assertContains(
        response,
        '<a href="mailto:contact@reseau.example">contact@reseau.example</a>',
        html=True,
    )
    assertContains(response, f'href="/acteurs/{joignable.slug}/ecrire/"')
    # Never a detail its organisation kept private.
    assertNotContains(response, "prive@reseau.example")
    assertNotContains(response, "cache@discrete.example")


def test_programme_page_hides_what_is_not_known(client):
    dispositif = DispositifFactory(nom="Plateforme", candidature_url="javascript:alert(1)")
    dispositif.porteurs.add(OrganisationFactory(courriel="cache@exemple.org"))

    response = client.get(dispositif.get_absolute_url())

    for absent in ("En cours", "Terminé", "Pour qui", "Comment candidater", "javascript:"):
        assertNotContains(response, absent)
    assertNotContains(response, '<h2 id="contact">')
    assertNotContains(response, "<dt>Date</dt>")


def test_event_page_shows_its_date_and_place(client):
    evenement = DispositifFactory(
        nom="Conférence sur la coopération",
        nature=NatureDispositif.CONFERENCE,
        debut=datetime.date(2021, 10, 20),
        debut_precision=PrecisionDate.JOUR,
        fin=datetime.date(2021, 10, 20),
        fin_precision=PrecisionDate.JOUR,
        lieu="Café de l'Acclameur",
        contact="PQN-A",
    )
    organisateur = OrganisationFactory(nom="Réseau")
    evenement.porteurs.add(organisateur)

    response = client.get(evenement.get_absolute_url())

    assertContains(response, '<p class="fiche__genre">Événement</p>', html=True)
    assertContains(response, "<div><dt>Date</dt><dd>20 octobre 2021</dd></div>", html=True)
    assertContains(response, "<div><dt>Lieu</dt><dd>Café de l'Acclameur</dd></div>", html=True)
    assertContains(response, '<li class="etiquette">Passé</li>', html=True)
    assertContains(response, "<dt>Organisé par</dt>", html=True)
    assertContains(response, "<p>PQN-A</p>", html=True)
    assertContains(response, '"@type": "Event"')
    assertContains(response, '"startDate": "2021-10-20"')


def test_event_page_says_when_date_and_place_are_unknown(client):
    evenement = DispositifFactory(nom="Forum", nature=NatureDispositif.FORUM)

    response = client.get(evenement.get_absolute_url())

    assertContains(response, "<div><dt>Date</dt><dd>Non précisée</dd></div>", html=True)
    assertContains(response, "<div><dt>Lieu</dt><dd>Non précisé</dd></div>", html=True)
    assertNotContains(response, '<li class="etiquette">Passé</li>', html=True)


def test_a_resource_has_no_state(client):
    grille = DispositifFactory(
        nom="Grille", nature=NatureDispositif.OUTIL, debut=datetime.date(2012, 1, 1)
    )

    response = client.get(grille.get_absolute_url())

    assertContains(response, '<p class="fiche__genre">Ressource</p>', html=True)
    assertNotContains(response, "En cours")


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


def test_seeded_events_show_what_their_source_says(client, donnees_seed):
    response = client.get("/accompagnement/speed-dating-coaching-puls-actions/")
    assertContains(response, "<div><dt>Date</dt><dd>21 novembre 2016</dd></div>", html=True)
    assertContains(response, "<div><dt>Lieu</dt><dd>Pouilly-en-Auxois</dd></div>", html=True)

    response = client.get("/accompagnement/mois-de-l-ess/")
    assertContains(response, "<h1>Mois de l'ESS</h1>", html=True)
    assertContains(response, "<div><dt>Date</dt><dd>Non précisée</dd></div>", html=True)
    assertContains(response, "<cite>", count=1)
