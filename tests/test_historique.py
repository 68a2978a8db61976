"""Every change to an organisation, person, role, relation or programme is kept and shown."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from accompagnement.models import Dispositif
from acteurs.models import Fonction, Relation

from . import factories
from .test_admin import INLINES_ORGANISATION

pytestmark = pytest.mark.django_db


def historique(client, obj):
    meta = obj._meta
    reponse = client.get(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[obj.pk])
    )
    assert reponse.status_code == 200
    return reponse


def modification(champ, ancien, nouveau):
    return f"<li><strong>{champ}</strong> : {ancien} → {nouveau}</li>"


def donnees_organisation(organisation, **champs):
    """The organisation's change form as posted, with its inlines' management forms."""
    donnees = {
        "nom": organisation.nom,
        "slug": organisation.slug,
        "forme_juridique": organisation.forme_juridique,
        "is_published": "on",
        "frequence_verification": "12",
    }
    for prefixe in INLINES_ORGANISATION:
        donnees[f"{prefixe}-TOTAL_FORMS"] = "0"
        donnees[f"{prefixe}-INITIAL_FORMS"] = "0"
    return {**donnees, **champs}


def ligne_inline(prefixe, objet, **champs):
    """An existing row of an inline, as its form posts it, with these fields changed."""
    donnees = {
        f"{prefixe}-TOTAL_FORMS": "1",
        f"{prefixe}-INITIAL_FORMS": "1",
        f"{prefixe}-0-id": str(objet.pk),
        f"{prefixe}-0-debut_precision": objet.debut_precision,
        f"{prefixe}-0-fin_precision": objet.fin_precision,
    }
    return {**donnees, **{f"{prefixe}-0-{nom}": valeur for nom, valeur in champs.items()}}


def test_an_organisation_edited_in_the_admin_shows_who_changed_what(admin_client, admin_user):
    organisation = factories.OrganisationFactory(nom="Multicité", forme_juridique="scop")
    culture = factories.ThematiqueFactory(nom="Culture")
    url = reverse("admin:acteurs_organisation_change", args=[organisation.pk])

    reponse = admin_client.post(
        url,
        donnees_organisation(
            organisation, nom="Extracité", forme_juridique="scic", thematiques=[culture.pk]
        ),
    )

    assert reponse.status_code == 302
    reponse = historique(admin_client, organisation)
    assertContains(reponse, f"<td>{admin_user.username}</td>", html=True)
    assertContains(reponse, modification("Nom", "Multicité", "Extracité"), html=True)
    assertContains(reponse, modification("Forme juridique", "SCOP", "SCIC"), html=True)
    assertContains(reponse, modification("Thématiques", "—", "[Culture]"), html=True)
    assertContains(reponse, "Création de la fiche.")
    # The creation by a factory had no user: only the admin's edits name one.
    assert organisation.history.filter(history_user=admin_user).count() == 2


def test_a_role_edited_on_the_organisation_page_is_in_its_history(admin_client, admin_user):
    fonction = factories.FonctionFactory(intitule="gérant", personne__nom="Bossuet")
    organisation = fonction.organisation
    url = reverse("admin:acteurs_organisation_change", args=[organisation.pk])
    inline = ligne_inline(
        "fonctions",
        fonction,
        personne=fonction.personne.pk,
        intitule="cogérant",
        categorie=fonction.categorie,
        debut="2010-01-01",
    )

    reponse = admin_client.post(url, donnees_organisation(organisation, **inline))

    assert reponse.status_code == 302
    version = Fonction.history.filter(id=fonction.pk).latest()
    assert version.history_user == admin_user
    for page in (historique(admin_client, fonction), historique(admin_client, organisation)):
        assertContains(page, f"<td>{admin_user.username}</td>", html=True)
        assertContains(page, modification("Intitulé", "gérant", "cogérant"), html=True)
        assertContains(page, modification("Début", "—", "1 janvier 2010"), html=True)
    # The person's page lists the versions of their roles too.
    assertContains(
        historique(admin_client, fonction.personne),
        modification("Intitulé", "gérant", "cogérant"),
        html=True,
    )


def test_a_relation_edited_on_the_organisation_page_is_in_its_history(admin_client, admin_user):
    relation = factories.RelationFactory(type="membre", cible__nom="Mouves")
    organisation = relation.source
    url = reverse("admin:acteurs_organisation_change", args=[organisation.pk])
    inline = ligne_inline(
        "relations_sortantes", relation, type="partenaire", cible=relation.cible.pk
    )

    reponse = admin_client.post(url, donnees_organisation(organisation, **inline))

    assert reponse.status_code == 302
    assert Relation.history.filter(id=relation.pk).latest().history_user == admin_user
    for obj in (relation, organisation, relation.cible):
        page = historique(admin_client, obj)
        assertContains(page, f"<td>{admin_user.username}</td>", html=True)
        assertContains(
            page, modification("Type de relation", "membre de", "partenaire de"), html=True
        )


def test_a_role_deleted_from_its_organisation_stays_in_the_organisation_history(admin_client):
    fonction = factories.FonctionFactory(intitule="présidente")
    organisation = fonction.organisation
    url = reverse("admin:acteurs_organisation_change", args=[organisation.pk])
    inline = ligne_inline(
        "fonctions",
        fonction,
        personne=fonction.personne.pk,
        intitule="présidente",
        categorie=fonction.categorie,
        DELETE="on",
    )

    reponse = admin_client.post(url, donnees_organisation(organisation, **inline))

    assert reponse.status_code == 302
    assert not Fonction.objects.exists()
    page = historique(admin_client, organisation)
    assertContains(page, "Suppression.")
    assertContains(page, f"{fonction.personne} – présidente, {organisation}")


def test_a_programme_edited_in_the_admin_shows_who_changed_what(admin_client, admin_user):
    dispositif = factories.DispositifFactory(nom="Puls'actions", public="")
    porteur = factories.OrganisationFactory(nom="Pôle d'économie solidaire")
    url = reverse("admin:accompagnement_dispositif_change", args=[dispositif.pk])

    reponse = admin_client.post(
        url,
        {
            "nom": dispositif.nom,
            "slug": dispositif.slug,
            "nature": "accompagnement_creation",
            "public": "Porteurs de projet",
            "porteurs": [porteur.pk],
            "debut_precision": "annee",
            "fin_precision": "annee",
            "is_published": "on",
            "frequence_verification": "12",
            "chiffres-TOTAL_FORMS": "0",
            "chiffres-INITIAL_FORMS": "0",
        },
    )

    assert reponse.status_code == 302
    page = historique(admin_client, dispositif)
    assertContains(page, f"<td>{admin_user.username}</td>", html=True)
    assertContains(
        page, modification("Type", "incubation", "accompagnement à la création"), html=True
    )
    assertContains(page, modification("Public visé", "—", "Porteurs de projet"), html=True)
    assertContains(
        page,
        modification("Organisations porteuses", "—", "[Pôle d&#x27;économie solidaire]"),
        html=True,
    )
    assert Dispositif.history.filter(history_user=admin_user).exists()


def test_a_person_edited_in_the_admin_shows_who_changed_what(admin_client, admin_user):
    personne = factories.PersonneFactory(prenom="Camille", nom="Arnaud", contact_is_published=False)
    url = reverse("admin:acteurs_personne_change", args=[personne.pk])

    reponse = admin_client.post(
        url,
        {
            "prenom": "Camille",
            "nom": "Arnaud",
            "slug": personne.slug,
            "biographie": "Stagiaire en 2009.",
            "contact_is_published": "on",
            "is_published": "on",
            "frequence_verification": "12",
            "fonctions-TOTAL_FORMS": "0",
            "fonctions-INITIAL_FORMS": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )

    assert reponse.status_code == 302
    page = historique(admin_client, personne)
    assertContains(page, f"<td>{admin_user.username}</td>", html=True)
    assertContains(page, modification("Parcours", "—", "Stagiaire en 2009."), html=True)
    assertContains(page, modification("Coordonnées publiées", "non", "oui"), html=True)


def test_the_search_documents_are_not_kept_in_the_history():
    organisation = factories.OrganisationFactory(description="Une coopérative.")
    organisation.description = "Une SCOP."
    organisation.save()

    version = organisation.history.latest()
    assert not hasattr(version, "recherche_texte")
    assert version.description == "Une SCOP."
    assert organisation.history.count() == 2


def test_an_old_version_can_be_read_but_not_saved_back(admin_client):
    organisation = factories.OrganisationFactory(nom="Multicité")
    version = organisation.history.get()
    url = reverse("admin:acteurs_organisation_simple_history", args=[organisation.pk, version.pk])

    lecture = admin_client.get(url)
    reponse = admin_client.post(url, {"nom": "Autre", "slug": organisation.slug})

    assertContains(lecture, 'value="Multicité"')
    assertNotContains(lecture, 'name="_save"')
    assert reponse.status_code == 403
    organisation.refresh_from_db()
    assert organisation.nom == "Multicité"
    assert organisation.history.count() == 1
