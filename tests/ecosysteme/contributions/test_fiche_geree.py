"""A manager edits their organisation's public profile from their space: the proposable fields
only, validated as the admin validates them; their first edits wait in the editors' queue,
accepted through the admin as any proposal; once trusted, their edits are applied at once and
recorded in the history as theirs. Never another organisation's, never another field."""

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from hypothesis import HealthCheck, given
from hypothesis import settings as reglages
from hypothesis import strategies as st
from pytest_django.asserts import assertContains, assertNotContains

from ecosysteme.enums import EtatProposition
from ecosysteme.models import Proposition
from ecosysteme.roles import EDITEUR
from tests.acteurs.test_espace_gestionnaire import gestionnaire
from tests.ecosysteme.contributions.test_propositions import (
    admin,
    adresse_admin,
    champs_du_formulaire,
    lu,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ADRESSE = "/gestion/pole/fiche/"


@pytest.fixture
def pole(db):
    return OrganisationFactory(
        nom="Pôle ESS", slug="pole", description="Un pôle.", courriel_contact="prive@pole.example"
    )


@pytest.fixture
def editeur(db):
    utilisateur = User.objects.create_user("editrice", is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=EDITEUR))
    return utilisateur


@pytest.fixture
def camille(client, pole):
    moi = gestionnaire(pole, "camille@pole-ess.org", nom="Camille Martin")
    client.force_login(moi.user)
    return moi


def modifier(client, adresse=ADRESSE, **champs):
    donnees = {**champs_du_formulaire(client.get(adresse)), **champs}
    return client.post(adresse, donnees)


def accepter_par_l_admin(client, proposition, utilisateur, champs):
    admin(client, utilisateur).post(
        adresse_admin(proposition), {"reponse": "", "champs": champs, "_accepter": "1"}
    )


def test_the_space_links_the_page_which_offers_the_public_fields(client, camille):
    assertContains(client.get("/gestion/pole/"), 'href="/gestion/pole/fiche/"')
    page = client.get(ADRESSE)
    assert page.status_code == 200
    champs = champs_du_formulaire(page)
    assert champs["fiche-nom"] == "Pôle ESS"
    assert "fiche-courriel_contact" not in champs and "fiche-is_published" not in champs
    assertContains(page, "Aucune modification n'attend la relecture.")


def test_first_edits_wait_for_the_editors_who_accept_them_through_the_admin(
    client,
    pole,
    camille,
    editeur,
    settings,
):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = 1
    reponse = modifier(client, **{"fiche-sigle": "PES", "fiche-description": "À Dijon."})

    assert reponse.status_code == 302 and reponse["Location"] == f"{ADRESSE}?envoyee=1"
    page = client.get(reponse["Location"])
    assert "votre modification attend la relecture de l'équipe" in lu(page)
    assertContains(page, "Description : À Dijon.")
    [proposition] = Proposition.objects.all()
    assert proposition.etat == EtatProposition.NOUVELLE and proposition.confirmed_at
    assert proposition.gestionnaire == camille and proposition.courriel == "camille@pole-ess.org"
    assert proposition.valeurs == {"sigle": "PES", "description": "À Dijon."}
    assert not mail.outbox  # no confirmation link: the manager is signed in
    pole.refresh_from_db()
    assert (pole.sigle, pole.description) == ("", "Un pôle.")

    accepter_par_l_admin(client, proposition, editeur, ["sigle", "description"])

    pole.refresh_from_db()
    assert (pole.sigle, pole.description) == ("PES", "À Dijon.")
    proposition.refresh_from_db()
    assert proposition.etat == EtatProposition.ACCEPTEE
    # One accepted edit: the next is applied at once.
    client.force_login(camille.user)
    reponse = modifier(client, **{"fiche-description": "À Dijon, depuis 2001."})
    assert reponse["Location"] == f"{ADRESSE}?enregistree=1"
    pole.refresh_from_db()
    assert pole.description == "À Dijon, depuis 2001."
    assert Proposition.objects.count() == 1
    version = pole.history.first()
    assert version.history_change_reason == "modifié par Camille Martin (gestionnaire)"
    assert version.history_user == camille.user


def test_refused_proposals_do_not_count_toward_trust(client, pole, camille, settings):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = 1
    modifier(client, **{"fiche-sigle": "PES"})
    Proposition.objects.update(etat=EtatProposition.REFUSEE, processed_at="2026-01-01T00:00Z")

    modifier(client, **{"fiche-sigle": "PE"})

    pole.refresh_from_db()
    assert pole.sigle == ""
    assert Proposition.objects.filter(etat=EtatProposition.NOUVELLE).count() == 1


def test_a_trusted_manager_still_goes_through_the_admin_validation(client, pole, camille, settings):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = 0
    OrganisationFactory(siren="732829320")

    reponse = modifier(client, **{"fiche-siren": "732829320"})

    assert reponse.status_code == 200
    assert "Une autre organisation a déjà ce numéro SIREN." in lu(reponse)
    pole.refresh_from_db()
    assert pole.siren == "" and not Proposition.objects.exists()


@pytest.mark.parametrize(
    ("champs", "erreur"),
    [
        ({"fiche-siren": "123456789"}, "SIREN"),
        ({"fiche-annee_creation": "2020", "fiche-annee_fin": "2010"}, "ne peut pas précéder"),
        ({"fiche-site_web": "pas une adresse"}, "Site web"),
        ({"fiche-nom": ""}, "Nom"),
        ({}, "Vous n'avez rien changé"),
    ],
)
@pytest.mark.parametrize("confiance", [0, 3])
def test_refused_values_store_nothing_and_say_why_in_french(
    client, pole, camille, settings, champs, erreur, confiance
):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = confiance
    reponse = modifier(client, **champs)

    assert reponse.status_code == 200
    assert erreur in lu(reponse)
    assert "Vos modifications n'ont pas été enregistrées" in lu(reponse)
    assert not Proposition.objects.exists()
    assert pole.history.count() == 1


@pytest.mark.parametrize("confiance", [0, 3])
def test_fields_outside_the_public_ones_are_ignored(client, pole, camille, settings, confiance):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = confiance
    modifier(
        client,
        **{
            "fiche-sigle": "PES",
            "fiche-is_published": "",
            "fiche-slug": "autre",
            "fiche-courriel_contact": "pirate@exemple.net",
            "is_published": "",
            "slug": "autre",
            "courriel_contact": "pirate@exemple.net",
        },
    )

    pole.refresh_from_db()
    assert (pole.slug, pole.is_published, pole.courriel_contact) == (
        "pole",
        True,
        "prive@pole.example",
    )
    for proposition in Proposition.objects.all():
        assert set(proposition.valeurs) == {"sigle"}
    assert pole.sigle == ("PES" if confiance == 0 else "")


@pytest.mark.parametrize("methode", ["get", "post"])
def test_another_organisation_is_a_404_and_nothing_is_stored(client, camille, methode, settings):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = 0
    voisine = OrganisationFactory(nom="La Voisine", slug="voisine")
    reponse = getattr(client, methode)("/gestion/voisine/fiche/", {"fiche-nom": "Piratée"})

    assert reponse.status_code == 404
    voisine.refresh_from_db()
    assert voisine.nom == "La Voisine" and not Proposition.objects.exists()


def test_a_refused_request_or_a_visitor_cannot_edit(client, pole):
    from acteurs.enums import EtatGestionnaire

    assert client.get(ADRESSE)["Location"] == "/gestion/connexion/"
    refusee = gestionnaire(pole, "dominique@exemple.net", etat=EtatGestionnaire.REFUSE)
    client.force_login(refusee.user)
    assert client.post(ADRESSE, {"fiche-nom": "Piratée"}).status_code == 404
    pole.refresh_from_db()
    assert pole.nom == "Pôle ESS" and not Proposition.objects.exists()


def test_an_untrusted_manager_may_send_a_few_edits_an_hour(client, pole, camille, settings):
    settings.GESTIONNAIRES_LIMITES_MODIFICATION = {"heure": 2}
    for sigle in ("PES", "PESS"):
        assert modifier(client, **{"fiche-sigle": sigle}).status_code == 302

    refus = modifier(client, **{"fiche-sigle": "PÔLE"})

    assert refus.status_code == 429
    assertContains(
        refus, "Vous avez déjà envoyé plusieurs modifications dans l&#x27;heure", status_code=429
    )
    assert Proposition.objects.count() == 2


def test_the_page_shows_the_organisation_pending_proposals(client, pole, camille):
    autre = OrganisationFactory(slug="autre")
    modifier(client, **{"fiche-sigle": "PES"})
    Proposition.objects.create(
        type_fiche=Proposition.objects.get().type_fiche,
        fiche_id=autre.pk,
        valeurs={"sigle": "AUTRE"},
        courriel="x@exemple.net",
        etat=EtatProposition.NOUVELLE,
    )

    page = client.get(ADRESSE)

    assertContains(page, "Sigle : PES")
    assertNotContains(page, "AUTRE")
    assertNotContains(page, "x@exemple.net")


def test_the_page_reads_the_database_a_fixed_number_of_times(
    client, pole, camille, django_assert_num_queries
):
    modifier(client, **{"fiche-sigle": "PES"})
    modifier(client, **{"fiche-sigle": "PE"})
    # The session, its account, the manager with their organisation and accepted edits, the
    # pending proposals.
    with django_assert_num_queries(4):
        assert client.get(ADRESSE).status_code == 200


@reglages(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    donnees=st.dictionaries(
        st.sampled_from(
            [
                "fiche-nom",
                "fiche-annee_creation",
                "fiche-site_web",
                "fiche-siren",
                "fiche-code_postal",
                "fiche-telephone",
                "fiche-forme_juridique",
                "fiche-courriel",
                "fiche-bce",
                "fiche-annee_fin",
                "autre",
            ]
        ),
        st.text(max_size=300) | st.integers().map(str),
    )
)
def test_arbitrary_values_never_give_a_500(client, pole, camille, settings, donnees):
    settings.GESTIONNAIRES_MODIFICATIONS_MODEREES = 0
    donnees = {cle: valeur.replace("\x00", "") for cle, valeur in donnees.items()}
    reponse = client.post(ADRESSE, donnees)
    assert reponse.status_code in (200, 302)
