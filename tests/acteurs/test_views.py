import datetime
import html

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import INTITULES_RELATION, RELATIONS_SYMETRIQUES, TypeRelation
from acteurs.models import Organisation, Personne
from tests.factories import (
    ChiffreOrganisationFactory,
    CitationFactory,
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    SourceFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)

pytestmark = pytest.mark.django_db


def lien(objet, texte=None):
    return f'<a href="{objet.get_absolute_url()}">{texte or objet.nom}</a>'


def nom(organisation):
    return organisation.nom.casefold()


# Organisation profile


def test_organisation_profile_reads_like_a_record(client):
    siege = TerritoireFactory(nom="Dijon")
    organisation = OrganisationFactory(
        nom="Pôle d'économie solidaire",
        sigle="PES",
        description="Accompagne les porteurs de projet.",
        annee_creation=2001,
        site_web="https://exemple.org/",
        siege=siege,
        siren="732829320",
    )
    organisation.types.add(TypeActiviteFactory(nom="Structure d'accompagnement"))
    organisation.thematiques.add(ThematiqueFactory(nom="Innovation sociale"))
    organisation.territoires_action.add(TerritoireFactory(nom="Côte-d'Or"))
    organisation.sources.add(
        SourceFactory(
            titre="Entretien", editeur="Le Journal", date_publication=datetime.date(2016, 10, 31)
        )
    )

    response = client.get(organisation.get_absolute_url())

    assert response.status_code == 200
    assertContains(
        response, '<h1>Pôle d\'économie solidaire <span class="sigle">(PES)</span></h1>', html=True
    )
    assertContains(response, '<li class="etiquette etiquette--forme">SCOP</li>', html=True)
    assertContains(response, '<li class="etiquette">Structure d\'accompagnement</li>', html=True)
    assertContains(response, f"Siège : {lien(siege)}", html=True)
    assertContains(response, "<p>Accompagne les porteurs de projet.</p>", html=True)
    assertContains(response, "<div><dt>Création</dt><dd>2001</dd></div>", html=True)
    assertContains(response, "<div><dt>SIREN</dt><dd>732829320</dd></div>", html=True)
    assertContains(response, '<a href="https://exemple.org/">https://exemple.org/</a>', html=True)
    assertContains(response, lien(organisation.territoires_action.get()), html=True)
    assertContains(response, lien(organisation.thematiques.get()), html=True)
    assertContains(response, "<cite>Entretien</cite>", html=True)
    assertContains(response, "Le Journal")
    assertContains(response, "31 octobre 2016")
    assertContains(response, "Mis à jour le")
    assertNotContains(response, "<dt>SIRET</dt>", html=True)


def test_organisation_profile_unknown_or_unpublished_is_404(client):
    brouillon = OrganisationFactory(is_published=False)

    assert client.get("/acteurs/inconnue/").status_code == 404
    response = client.get(brouillon.get_absolute_url())
    assertContains(response, "Page introuvable", status_code=404)
    assertContains(
        response, "<a href=\"/\">Revenir à l'accueil de l'annuaire</a>", status_code=404, html=True
    )


def test_organisation_profile_lists_current_and_past_roles(client):
    organisation = OrganisationFactory()
    gerant = FonctionFactory(
        organisation=organisation,
        intitule="gérant",
        debut=datetime.date(2015, 1, 1),
        personne__prenom="Jean",
        personne__nom="Dupont",
    )
    stagiaire = FonctionFactory(
        organisation=organisation,
        personne=gerant.personne,
        intitule="stagiaire",
        debut=datetime.date(2009, 1, 1),
        fin=datetime.date(2009, 1, 1),
    )

    response = client.get(organisation.get_absolute_url())

    personne = lien(gerant.personne, "Jean Dupont")
    assertContains(response, '<h2 id="personnes">Personnes</h2>', html=True)
    assertContains(response, "<h3>Aujourd'hui</h3>", html=True)
    assertContains(
        response,
        f'<li>{personne}, gérant <span class="discret">(depuis 2015)</span></li>',
        html=True,
    )
    assertContains(response, "<h3>Auparavant</h3>", html=True)
    assertContains(
        response, f'<li>{personne}, stagiaire <span class="discret">(2009)</span></li>', html=True
    )
    assert stagiaire.periode == "2009"


def test_organisation_profile_hides_unpublished_people(client):
    organisation = OrganisationFactory()
    FonctionFactory(organisation=organisation, personne__nom="Publique")
    cachee = FonctionFactory(
        organisation=organisation, personne__nom="Brouillon", personne__is_published=False
    )
    CitationFactory(organisation=organisation, personne=cachee.personne, texte="Hors ligne")

    response = client.get(organisation.get_absolute_url())

    assertContains(response, "Camille Publique")
    assertNotContains(response, "Brouillon")
    assertNotContains(response, cachee.personne.get_absolute_url())
    assertNotContains(response, "Hors ligne")


def test_relation_reads_from_both_ends(client):
    membre = OrganisationFactory(nom="Pôle d'économie solidaire")
    reseau = OrganisationFactory(nom="GRAIS")
    RelationFactory(source=membre, cible=reseau, type=TypeRelation.MEMBRE)

    response = client.get(membre.get_absolute_url())
    assertContains(response, "<h3>Membre de</h3>", html=True)
    assertContains(response, lien(reseau), html=True)
    assertNotContains(response, "<h3>Membres</h3>", html=True)

    response = client.get(reseau.get_absolute_url())
    assertContains(response, "<h3>Membres</h3>", html=True)
    assertContains(response, lien(membre), html=True)
    assertNotContains(response, "<h3>Membre de</h3>", html=True)


def test_relation_groups_follow_the_type_order_outgoing_first(client):
    organisation = OrganisationFactory()
    RelationFactory(cible=organisation, type=TypeRelation.SOUTIEN)
    RelationFactory(cible=organisation, type=TypeRelation.MEMBRE)
    RelationFactory(source=organisation, type=TypeRelation.MEMBRE)

    contenu = client.get(organisation.get_absolute_url()).content.decode()

    titres = ["<h3>Membre de</h3>", "<h3>Membres</h3>", "<h3>Soutenue par</h3>"]
    assert [contenu.index(titre) for titre in titres] == sorted(
        contenu.index(titre) for titre in titres
    )


def test_merger_reads_from_both_ends(client):
    issue = OrganisationFactory(nom="Extracité")
    ancienne = OrganisationFactory(nom="Multicité")
    RelationFactory(source=issue, cible=ancienne, type=TypeRelation.FUSION)

    response = client.get(issue.get_absolute_url())
    assertContains(response, "<h3>Issue de la fusion de</h3>", html=True)
    assertContains(response, lien(ancienne), html=True)

    response = client.get(ancienne.get_absolute_url())
    assertContains(response, "<h3>A fusionné pour former</h3>", html=True)
    assertContains(response, lien(issue), html=True)


def test_symmetric_relations_merge_both_directions_under_one_heading(client):
    organisation = OrganisationFactory()
    sortante, entrante, double = OrganisationFactory.create_batch(3)
    RelationFactory(source=organisation, cible=sortante, type=TypeRelation.PARTENAIRE)
    RelationFactory(source=entrante, cible=organisation, type=TypeRelation.PARTENAIRE)
    RelationFactory(source=organisation, cible=double, type=TypeRelation.PARTENAIRE)
    RelationFactory(source=double, cible=organisation, type=TypeRelation.PARTENAIRE)

    response = client.get(organisation.get_absolute_url())

    assertContains(response, "<h3>Partenaires</h3>", count=1, html=True)
    for partenaire in (sortante, entrante):
        assertContains(response, lien(partenaire), count=1, html=True)
    assertContains(response, lien(double), count=1, html=True)


def test_relations_to_unpublished_organisations_are_not_shown(client):
    organisation = OrganisationFactory()
    brouillon = OrganisationFactory(nom="Brouillon", is_published=False)
    RelationFactory(source=organisation, cible=brouillon)
    RelationFactory(source=brouillon, cible=organisation, type=TypeRelation.SOUTIEN)

    response = client.get(organisation.get_absolute_url())

    assertNotContains(response, "Brouillon")
    assertNotContains(response, '<h2 id="liens">Liens</h2>', html=True)


def test_organisation_profile_shows_programmes_figures_and_quotes(client):
    organisation = OrganisationFactory()
    porte = DispositifFactory(nom="Puls'actions")
    porte.porteurs.add(organisation)
    partenaire = DispositifFactory(nom="Graine d'Actions")
    partenaire.partenaires.add(organisation)
    DispositifFactory(nom="Brouillon", is_published=False).porteurs.add(organisation)
    ChiffreOrganisationFactory(organisation=organisation, libelle="salariés", valeur=12, annee=2020)
    citation = CitationFactory(organisation=organisation, texte="Coopérer, c'est durer.")

    response = client.get(organisation.get_absolute_url())

    assertContains(response, "<h3>Dispositifs portés</h3>", html=True)
    assertContains(response, lien(porte), html=True)
    assertContains(response, "<h3>Partenaire des dispositifs</h3>", html=True)
    assertContains(response, lien(partenaire), html=True)
    assertNotContains(response, "Brouillon")
    assertContains(response, '<h2 id="chiffres">Chiffres clés</h2>', html=True)
    assertContains(response, '<span class="chiffres__valeur">12</span> salariés')
    assertContains(response, "<blockquote><p>Coopérer, c'est durer.</p></blockquote>", html=True)
    assertContains(response, lien(citation.personne, citation.personne.nom_complet), html=True)


def organisation_complete(nombre):
    """An organisation with `nombre` rows of everything its profile shows."""
    organisation = OrganisationFactory(siege=TerritoireFactory())
    organisation.types.add(*TypeActiviteFactory.create_batch(nombre))
    organisation.territoires_action.add(*TerritoireFactory.create_batch(nombre))
    organisation.thematiques.add(*ThematiqueFactory.create_batch(nombre))
    organisation.sources.add(*SourceFactory.create_batch(nombre))
    ChiffreOrganisationFactory.create_batch(nombre, organisation=organisation)
    FonctionFactory.create_batch(nombre, organisation=organisation)
    FonctionFactory.create_batch(nombre, organisation=organisation, fin=datetime.date(2020, 1, 1))
    CitationFactory.create_batch(nombre, organisation=organisation)
    for type_relation in (TypeRelation.MEMBRE, TypeRelation.PARTENAIRE):
        RelationFactory.create_batch(nombre, source=organisation, type=type_relation)
        RelationFactory.create_batch(nombre, cible=organisation, type=type_relation)
    for dispositif in DispositifFactory.create_batch(nombre):
        dispositif.porteurs.add(organisation)
        dispositif.partenaires.add(organisation)
    return organisation


@pytest.mark.parametrize("nombre", [1, 10])
def test_organisation_profile_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    organisation = organisation_complete(nombre)

    # The organisation with its seat, then one query per prefetched relation: types,
    # territories of action, themes, sources, figures, roles, quotes, programmes carried and
    # programmes partnered; then its relations from and to it (numbers only), the version
    # of the data (the published organisations, in the order of their names, are known
    # from the listing's index, in memory once read), the links shown with their
    # organisations; then the graph: the organisations drawn, the relations among them.
    client.get(organisation.get_absolute_url())
    with django_assert_num_queries(15):
        response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200


# Person profile


def test_personne_profile_shows_roles_path_quotes_and_sources(client):
    personne = PersonneFactory(prenom="Jean", nom="Dupont", biographie="Stagiaire en 2009.")
    actuelle = FonctionFactory(personne=personne, intitule="gérant")
    passee = FonctionFactory(
        personne=personne, intitule="chargé d'étude", fin=datetime.date(2012, 1, 1)
    )
    FonctionFactory(
        personne=personne, organisation__nom="Brouillon", organisation__is_published=False
    )
    citation = CitationFactory(personne=personne, organisation=actuelle.organisation, texte="Oui.")
    personne.sources.add(SourceFactory(titre="Entretien", url="https://exemple.org/entretien"))

    response = client.get(personne.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "<h1>Jean Dupont</h1>", html=True)
    assertContains(response, f"<li>Gérant, {lien(actuelle.organisation)}</li>", html=True)
    assertContains(
        response,
        f"<li>Chargé d'étude, {lien(passee.organisation)} "
        '<span class="discret">(jusqu\'en 2012)</span></li>',
        html=True,
    )
    assertNotContains(response, "Brouillon")
    assertContains(response, '<h2 id="parcours">Parcours</h2>', html=True)
    assertContains(response, "<p>Stagiaire en 2009.</p>", html=True)
    assertContains(response, "<blockquote><p>Oui.</p></blockquote>", html=True)
    assertContains(response, f"<cite>{citation.source.titre}</cite>", html=True)
    assertContains(response, '<a href="https://exemple.org/entretien">Entretien</a>', html=True)


def test_personne_profile_unknown_or_unpublished_is_404(client):
    brouillon = PersonneFactory(is_published=False)

    assert client.get("/personnes/inconnue/").status_code == 404
    assert client.get(brouillon.get_absolute_url()).status_code == 404


def test_contact_details_are_hidden_unless_published(client):
    personne = PersonneFactory(email="camille.martin@exemple.org", telephone="03 80 00 00 00")

    response = client.get(personne.get_absolute_url())

    assert b"camille.martin@exemple.org" not in response.content
    assert "camille.martin@exemple.org" not in html.unescape(response.content.decode())
    assertNotContains(response, "03 80 00 00 00")
    assertNotContains(response, "Coordonnées")


def test_published_email_is_never_in_plain_text(client):
    personne = PersonneFactory(
        email="camille.martin@exemple.org", telephone="03 80 00 00 00", contact_is_published=True
    )

    response = client.get(personne.get_absolute_url())

    assertContains(response, '<h2 id="coordonnees">Coordonnées</h2>', html=True)
    assertContains(response, "03 80 00 00 00")
    assert b"camille.martin@exemple.org" not in response.content
    assert b"camille.martin" not in response.content
    # Once the character references are decoded, as a browser does, the link is whole.
    decode = html.unescape(response.content.decode())
    assert '<a href="mailto:camille.martin@exemple.org">camille.martin@exemple.org</a>' in decode


@pytest.mark.parametrize("nombre", [1, 10])
def test_personne_profile_query_count_does_not_grow(client, django_assert_num_queries, nombre):
    personne = PersonneFactory(biographie="Parcours.")
    FonctionFactory.create_batch(nombre, personne=personne)
    FonctionFactory.create_batch(nombre, personne=personne, fin=datetime.date(2020, 1, 1))
    for fonction in FonctionFactory.create_batch(nombre, personne=personne):
        CitationFactory(personne=personne, organisation=fonction.organisation)
    personne.sources.add(*SourceFactory.create_batch(nombre))

    # The person, then their sources, roles (with organisations) and quotes (with sources).
    with django_assert_num_queries(4):
        response = client.get(personne.get_absolute_url())
    assert response.status_code == 200


# Relations, every type from both ends


@pytest.mark.parametrize("type_relation", TypeRelation)
def test_every_relation_type_reads_from_both_ends(client, type_relation):
    source = OrganisationFactory(nom="Organisation A")
    cible = OrganisationFactory(nom="Organisation B")
    RelationFactory(source=source, cible=cible, type=type_relation)
    depuis_source, depuis_cible = INTITULES_RELATION[type_relation]
    if type_relation in RELATIONS_SYMETRIQUES:
        assert depuis_source == depuis_cible

    response = client.get(source.get_absolute_url())
    assertContains(response, f"<h3>{depuis_source}</h3>", count=1, html=True)
    assertContains(response, lien(cible), count=1, html=True)
    if depuis_cible != depuis_source:
        assertNotContains(response, f"<h3>{depuis_cible}</h3>", html=True)

    response = client.get(cible.get_absolute_url())
    assertContains(response, f"<h3>{depuis_cible}</h3>", count=1, html=True)
    assertContains(response, lien(source), count=1, html=True)
    if depuis_cible != depuis_source:
        assertNotContains(response, f"<h3>{depuis_source}</h3>", html=True)


def test_every_relation_type_has_its_two_headings():
    assert set(INTITULES_RELATION) == set(TypeRelation)
    assert RELATIONS_SYMETRIQUES <= set(TypeRelation)


def test_an_acronym_that_is_the_name_is_not_repeated_on_cards_nor_profiles(client):
    admr = OrganisationFactory(nom="ADMR", sigle="Admr")
    OrganisationFactory(nom="Pôle d'économie solidaire", sigle="PES")

    for adresse in ["/acteurs/", "/recherche/?q=admr", admr.get_absolute_url()]:
        response = client.get(adresse)
        assertNotContains(response, "(Admr)")
    assertContains(client.get(admr.get_absolute_url()), "<h1>ADMR</h1>", html=True)
    assertNotContains(client.get(admr.get_absolute_url()), "alternateName")
    assertContains(client.get("/acteurs/"), '<span class="sigle">(PES)</span>', html=True)


def test_acronym_is_shown_once_and_beside_related_organisations(client):
    reseau = OrganisationFactory(nom="Groupement d'accompagnement", sigle="GRAIS")
    membre = OrganisationFactory(nom="SAW-B", sigle="SAW-B")
    RelationFactory(source=membre, cible=reseau, type=TypeRelation.MEMBRE)

    response = client.get(membre.get_absolute_url())
    # An acronym that is the name itself is not repeated.
    assertContains(response, "<h1>SAW-B</h1>", html=True)
    assertContains(response, f'{lien(reseau)} <span class="sigle">(GRAIS)</span>', html=True)

    response = client.get(reseau.get_absolute_url())
    assertContains(
        response,
        '<h1>Groupement d\'accompagnement <span class="sigle">(GRAIS)</span></h1>',
        html=True,
    )
    assertContains(response, f"<li>{lien(membre)}</li>", html=True)


# Seeded directory


def seeded(modele, slug):
    return modele.objects.get(slug=slug)


def test_seeded_network_lists_its_members_and_a_member_its_network(client, donnees_seed):
    grais = seeded(Organisation, "grais")
    membres = [
        seeded(Organisation, slug)
        for slug in ("pole-economie-solidaire-dijon", "active-71", "fdfr-89")
    ]

    response = client.get(grais.get_absolute_url())
    assertContains(
        response,
        "<h3>Membres</h3>"
        + '<ul class="liens">'
        + "".join(f"<li>{lien(membre)}</li>" for membre in sorted(membres, key=nom))
        + "</ul>",
        html=True,
    )
    assert membres[0].nom == "Pôle d'économie solidaire de l'agglomération dijonnaise"

    response = client.get(membres[0].get_absolute_url())
    assertContains(
        response,
        f'<h3>Membre de</h3><ul class="liens"><li>{lien(grais)} '
        '<span class="sigle">(GRAIS)</span></li></ul>',
        html=True,
    )


def test_seeded_merger_reads_from_both_ends(client, donnees_seed):
    extracite = seeded(Organisation, "extracite")
    anciennes = [seeded(Organisation, slug) for slug in ("multicite", "extra-muros")]

    response = client.get(extracite.get_absolute_url())
    assertContains(
        response,
        '<h3>Issue de la fusion de</h3><ul class="liens">'
        + "".join(f"<li>{lien(ancienne)}</li>" for ancienne in sorted(anciennes, key=nom))
        + "</ul>",
        html=True,
    )

    for ancienne in anciennes:
        response = client.get(ancienne.get_absolute_url())
        assertContains(
            response,
            f'<h3>A fusionné pour former</h3><ul class="liens"><li>{lien(extracite)}</li></ul>',
            html=True,
        )


def test_seeded_person_lists_roles_with_organisations_and_dates(client, donnees_seed):
    bossuet = seeded(Personne, "stephane-bossuet")
    cooproduction = seeded(Organisation, "cooproduction")

    response = client.get(bossuet.get_absolute_url())

    assertContains(response, "<h1>Stéphane Bossuet</h1>", html=True)
    assertContains(
        response,
        f"<li>Président-directeur général (PDG), {lien(cooproduction)} "
        '<span class="discret">(depuis 2014)</span></li>',
        html=True,
    )
    for slug in ("artenreel", "cooperer-pour-entreprendre", "kaleidoscoop"):
        assertContains(response, lien(seeded(Organisation, slug)), html=True)
    assertContains(response, "depuis 2004")
    # What the source says about a role, when it says more than its title and dates.
    assertContains(response, "Siège au conseil d&#x27;administration depuis 12 ans")
    assertContains(response, '<h2 id="sources">Sources</h2>', html=True)


def test_seeded_profiles_say_what_the_sources_say_and_no_more(client, donnees_seed):
    pole = seeded(Organisation, "pole-economie-solidaire-dijon")
    response = client.get(pole.get_absolute_url())
    # A quote the text gives no speaker for is shown with its source only.
    assertContains(
        response,
        '<figure class="citation"><blockquote><p>Démarrée en Côte-d’Or, elle inclue désormais '
        "les projets des autres territoires</p></blockquote><figcaption>dans <cite>"
        f"{html.escape(pole.sources.get().titre)}</cite></figcaption></figure>",
        html=True,
    )
    assertNotContains(response, "(depuis 2016)")

    smart_france = seeded(Organisation, "smart-france")
    smartcoop = seeded(Organisation, "smartcoop")
    response = client.get(smart_france.get_absolute_url())
    assertContains(
        response,
        f'<h3>Partenaires</h3><ul class="liens"><li>{lien(smartcoop)} '
        '<span class="sigle">(Smart)</span><p class="liens__description">Version française '
        "de Smart, sous statut SCIC.</p></li></ul>",
        html=True,
    )
    assertNotContains(response, "Antenne de")
    paichereau = seeded(Personne, "patrice-paichereau")
    assertContains(response, lien(paichereau, "Patrice Paichereau"), html=True)
    assertNotContains(client.get(smartcoop.get_absolute_url()), "Patrice Paichereau")

    collectif = seeded(Organisation, "collectif-cae-grand-poitiers")
    reseau = seeded(Organisation, "cooperer-pour-entreprendre")
    response = client.get(collectif.get_absolute_url())
    assertContains(response, "<h3>Membre de</h3>", html=True)
    assertContains(response, lien(reseau), html=True)
    assertNotContains(response, "depuis décembre 2021")
    response = client.get(reseau.get_absolute_url())
    assertContains(response, "<h3>Membres</h3>", html=True)
    assertContains(response, lien(collectif), html=True)
