import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from accompagnement.models import ChiffreDispositif, Dispositif
from acteurs.models import ChiffreOrganisation, Organisation, Personne, Relation
from ecosysteme.models import Source, Territoire
from ecosysteme.roles import ADMINISTRATEUR, EDITEUR
from ecosysteme.templatetags.administration import FEMININS, MASCULINS

from . import factories

FACTORIES = [
    factories.TerritoireFactory,
    factories.ThematiqueFactory,
    factories.SourceFactory,
    factories.TypeActiviteFactory,
    factories.OrganisationFactory,
    factories.PersonneFactory,
    factories.FonctionFactory,
    factories.RelationFactory,
    factories.CitationFactory,
    factories.DispositifFactory,
]

# Every inline of the organisation page, by formset prefix: a POST must carry each one's
# management form, or the admin refuses it as tampered.
INLINES_ORGANISATION = [
    "fonctions",
    "relations_sortantes",
    "relations_entrantes",
    "chiffres",
    "citations",
]


def admin_url(obj_or_model, view, *args):
    meta = obj_or_model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def test_every_model_is_registered_or_inline():
    assert {factory._meta.model for factory in FACTORIES} <= set(admin.site._registry)
    inlines = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    assert {ChiffreOrganisation, ChiffreDispositif} <= inlines


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_admin_pages_open(admin_client, factory):
    obj = factory()

    for url in [
        admin_url(obj, "changelist"),
        admin_url(obj, "changelist") + "?q=a",
        admin_url(obj, "add"),
        admin_url(obj, "change", obj.pk),
    ]:
        assert admin_client.get(url).status_code == 200, url


def rangee(factory):
    """One row of a changelist, with the related objects its columns show."""
    if factory is factories.TerritoireFactory:
        return factory(parent=factories.TerritoireFactory())
    if factory is factories.OrganisationFactory:
        return factory(siege=factories.TerritoireFactory())
    if factory is factories.CitationFactory:
        return factory(organisation=factories.OrganisationFactory())
    obj = factory()
    if factory is factories.DispositifFactory:
        obj.porteurs.add(factories.OrganisationFactory())
    return obj


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f._meta.model.__name__)
def test_changelist_queries_do_not_grow_with_rows(admin_client, factory):
    url = admin_url(rangee(factory), "changelist")
    admin_client.get(url)  # Warms the caches (session, content types) a first request fills.

    with CaptureQueriesContext(connection) as une_rangee:
        admin_client.get(url)
    for _ in range(4):
        rangee(factory)
    with CaptureQueriesContext(connection) as cinq_rangees:
        admin_client.get(url)

    assert len(cinq_rangees) == len(une_rangee)


def test_organisation_search_finds_by_sigle(admin_client):
    factories.OrganisationFactory(nom="Coopérative d'activité", sigle="CAE-X")
    factories.OrganisationFactory(nom="Autre structure")

    response = admin_client.get(admin_url(Organisation, "changelist") + "?q=cae-x")

    assertContains(response, "Coopérative d&#x27;activité")
    assertNotContains(response, "Autre structure")


def test_personne_search_finds_by_designation(admin_client):
    factories.PersonneFactory(prenom="", nom="", designation="la coordinatrice de COOPCITY")

    response = admin_client.get(reverse("admin:acteurs_personne_changelist") + "?q=coordinatrice")

    assertContains(response, "la coordinatrice de COOPCITY")


def test_organisation_list_links_published_entries_to_their_public_page(admin_client):
    publiee = factories.OrganisationFactory()
    brouillon = factories.OrganisationFactory(is_published=False)

    response = admin_client.get(admin_url(Organisation, "changelist"))

    assertContains(response, f'<a href="{publiee.get_absolute_url()}">Voir sur le site</a>')
    assertNotContains(response, brouillon.get_absolute_url())


def test_change_page_links_to_public_page_unless_draft(admin_client):
    publiee = factories.OrganisationFactory()
    brouillon = factories.OrganisationFactory(is_published=False)

    response = admin_client.get(admin_url(publiee, "change", publiee.pk))
    assertContains(response, publiee.get_absolute_url())

    response = admin_client.get(admin_url(brouillon, "change", brouillon.pk))
    assertNotContains(response, brouillon.get_absolute_url())


def test_organisation_page_edits_roles_and_relations_inline(admin_client):
    fonction = factories.FonctionFactory(personne__prenom="Stéphane", personne__nom="Bossuet")
    organisation = fonction.organisation
    factories.RelationFactory(source=organisation, cible__nom="Coopérer pour entreprendre")
    factories.RelationFactory(source__nom="Cooproduction", cible=organisation)

    response = admin_client.get(admin_url(organisation, "change", organisation.pk))

    for prefix in INLINES_ORGANISATION:
        assertContains(response, f'name="{prefix}-TOTAL_FORMS"')
    assertContains(response, "Relations (cette organisation → une autre)")
    assertContains(response, "Relations (une autre → cette organisation)")
    assertContains(response, "Stéphane Bossuet")
    assertContains(response, "Coopérer pour entreprendre")
    assertContains(response, "Cooproduction")


def test_personne_page_edits_roles_inline(admin_client):
    fonction = factories.FonctionFactory(organisation__nom="Extracité", intitule="gérant")

    response = admin_client.get(admin_url(fonction.personne, "change", fonction.personne.pk))

    assertContains(response, 'name="fonctions-TOTAL_FORMS"')
    assertContains(response, 'name="citations-TOTAL_FORMS"')
    assertContains(response, "Extracité")
    assertContains(response, 'value="gérant"')


def organisation_post_data(organisation, **inline_fields):
    data = {
        "nom": organisation.nom,
        "slug": organisation.slug,
        "forme_juridique": organisation.forme_juridique,
        "is_published": "on",
        "frequence_verification": "12",
    }
    for prefix in INLINES_ORGANISATION:
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    for name, value in inline_fields.items():
        prefix = name.split("-")[0]
        data[f"{prefix}-TOTAL_FORMS"] = "1"
        data[f"{prefix}-0-debut_precision"] = "annee"
        data[f"{prefix}-0-fin_precision"] = "annee"
        data[name] = value
    return data


def test_relation_added_from_the_organisation_page(admin_client):
    organisation = factories.OrganisationFactory()
    reseau = factories.OrganisationFactory()

    response = admin_client.post(
        admin_url(organisation, "change", organisation.pk),
        organisation_post_data(
            organisation,
            **{"relations_sortantes-0-type": "membre", "relations_sortantes-0-cible": reseau.pk},
        ),
    )

    assert response.status_code == 302
    relation = Relation.objects.get()
    assert (relation.source, relation.type, relation.cible) == (organisation, "membre", reseau)


@pytest.mark.parametrize(
    "prefix, other_end", [("relations_sortantes", "cible"), ("relations_entrantes", "source")]
)
def test_relation_to_itself_is_refused(admin_client, prefix, other_end):
    organisation = factories.OrganisationFactory(nom="Extracité")
    data = organisation_post_data(
        organisation,
        **{f"{prefix}-0-type": "partenaire", f"{prefix}-0-{other_end}": organisation.pk},
    )
    data["nom"] = "Nom modifié"

    response = admin_client.post(admin_url(organisation, "change", organisation.pk), data)

    assertContains(response, "Une organisation ne peut pas être liée à elle-même.")
    assert not Relation.objects.exists()
    organisation.refresh_from_db()
    assert organisation.nom == "Extracité"


def test_autocomplete_answers_with_matching_organisations(admin_client):
    factories.OrganisationFactory(nom="Coopérer pour entreprendre")
    factories.OrganisationFactory(nom="Enercoop")

    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "acteurs",
            "model_name": "relation",
            "field_name": "cible",
            "term": "coopérer",
        },
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Coopérer pour entreprendre"]


def test_dispositif_page_edits_figures_inline(admin_client):
    chiffre = factories.ChiffreDispositifFactory(libelle="projets accompagnés")
    dispositif = chiffre.dispositif

    response = admin_client.get(admin_url(dispositif, "change", dispositif.pk))

    assertContains(response, 'name="chiffres-TOTAL_FORMS"')
    assertContains(response, 'value="projets accompagnés"')


def test_dispositif_list_shows_its_porteurs(admin_client):
    dispositif = factories.DispositifFactory(nom="Puls'actions")
    dispositif.porteurs.add(factories.OrganisationFactory(nom="Pôle d'économie solidaire"))

    response = admin_client.get(admin_url(Dispositif, "changelist"))

    assertContains(response, "Pôle d&#x27;économie solidaire")


def test_entry_pages_are_titled_in_french(admin_client):
    organisation = factories.OrganisationFactory(nom="Coopérative Alpha")
    dispositif = factories.DispositifFactory()
    personne = factories.PersonneFactory()

    modifier = admin_client.get(admin_url(organisation, "change", organisation.pk))
    ajouter = admin_client.get(admin_url(Organisation, "add"))
    liste = admin_client.get(admin_url(Organisation, "changelist"))

    assertContains(modifier, "<h1>Modifier l'organisation</h1>", html=True)
    assertContains(
        modifier, "<title>Coopérative Alpha | Modifier l&#x27;organisation | Écosystème</title>"
    )
    assertContains(ajouter, "<h1>Ajouter une organisation</h1>", html=True)
    assertContains(ajouter, "<title>Ajouter une organisation | Écosystème</title>")
    assertContains(ajouter, "&rsaquo; Ajouter une organisation\n</div>")
    assertContains(liste, "Ajouter une organisation")
    assertContains(liste, "<h1>Organisations</h1>", html=True)
    assertContains(liste, "<title>Organisations | Écosystème</title>")
    assertNotContains(liste, "Sélectionnez")
    for reponse in (modifier, ajouter, liste):
        assertNotContains(reponse, "Modification de")
        assertNotContains(reponse, "Ajout de")
        assertNotContains(reponse, "Ajouter organisation")
    for url, titre in [
        (admin_url(dispositif, "change", dispositif.pk), "Modifier le dispositif d'accompagnement"),
        (admin_url(personne, "change", personne.pk), "Modifier la personne"),
        (admin_url(Relation, "add"), "Ajouter une relation"),
        (admin_url(Dispositif, "add"), "Ajouter un dispositif d'accompagnement"),
        (reverse("admin:auth_user_add"), "Ajouter un utilisateur"),
    ]:
        assertContains(admin_client.get(url), f"<h1>{titre}</h1>", html=True)


def test_a_page_only_read_is_titled_so(admin_client):
    message = factories.OrganisationFactory().messages.create(
        nom="Camille",
        courriel="camille@example.org",
        objet="Bonjour",
        texte="Un message.",
        consented_at=timezone.now(),
    )

    reponse = admin_client.get(admin_url(message, "change", message.pk))

    assertContains(reponse, "<h1>Consulter le message</h1>", html=True)


def test_every_model_of_the_administration_has_its_gender_for_the_titles():
    noms = {str(modele._meta.verbose_name) for modele in admin.site._registry}

    assert noms - (FEMININS | MASCULINS) == set()
    assert FEMININS & MASCULINS == set()


def test_the_login_attempts_have_a_french_section_name(admin_client):
    reponse = admin_client.get(reverse("admin:index"))

    assertContains(reponse, ">Connexions à l&#x27;administration</a>")
    assertNotContains(reponse, ">Axes<")


def compte(nom_du_role):
    utilisateur = User.objects.create_user(nom_du_role.lower(), is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=nom_du_role))
    return utilisateur


FICHES_SYNTHETIQUES = [Organisation, Personne, Dispositif, Territoire, Source]


@pytest.mark.parametrize("modele", FICHES_SYNTHETIQUES, ids=lambda m: m.__name__)
def test_only_administrators_see_the_synthetic_data_filter(db, client, modele):
    client.force_login(compte(EDITEUR))
    editeur = client.get(admin_url(modele, "changelist"))
    client.force_login(compte(ADMINISTRATEUR))
    administrateur = client.get(admin_url(modele, "changelist"))

    assert editeur.status_code == 200
    assertNotContains(editeur, "donnée synthétique")
    assertNotContains(editeur, "is_synthetic")
    assertContains(administrateur, "Par donnée synthétique")
    assertContains(administrateur, "?is_synthetic__exact=1")
