"""The managers' space: their organisations, the preferences they change (validated as in the
admin, recorded in the history as theirs), what was sent to them, the newcomers they approve;
and nothing of it for anyone else, whatever the address or identifier sent."""

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from acteurs.enums import EtatBesoin, EtatGestionnaire, NatureBesoin
from acteurs.models import Besoin, Gestionnaire, Interet, Message, Organisation, Sollicitation
from tests.factories import OrganisationFactory, TerritoireFactory

pytestmark = pytest.mark.django_db

PREFERENCES = {
    "is_contactable": "on",
    "is_open_to_requests": "on",
    "courriel_contact": "relais@pole-ess.org",
    "adresse": "3 rue des Coopératives",
    "complement_adresse": "",
    "code_postal": "21000",
    "adresse_is_published": "on",
    "courriel": "contact@pole-ess.org",
    "courriel_is_published": "on",
    "telephone": "03 80 00 00 00",
    "telephone_is_published": "on",
}


def gestionnaire(organisation, courriel, etat=EtatGestionnaire.APPROUVE, nom="Camille"):
    user = User.objects.filter(email=courriel).first() or User.objects.create_user(
        courriel, email=courriel
    )
    return Gestionnaire.objects.create(
        organisation=organisation,
        user=user,
        nom=nom,
        fonction="Directrice",
        courriel=courriel,
        etat=etat,
        consented_at=timezone.now(),
        confirmed_at=timezone.now(),
    )


@pytest.fixture
def pole(db):
    return OrganisationFactory(nom="Pôle ESS", slug="pole")


@pytest.fixture
def voisine(db):
    return OrganisationFactory(
        nom="La Voisine", slug="voisine", courriel_contact="secret@voisine.org"
    )


@pytest.fixture
def camille(client, pole):
    """A manager of Pôle ESS, signed in."""
    moi = gestionnaire(pole, "camille@pole-ess.org")
    client.force_login(moi.user)
    return moi


def recu_par(organisation):
    """A message and a need sent to this organisation."""
    message = Message.objects.create(
        organisation=organisation,
        nom="Dominique",
        courriel="dominique@exemple.net",
        objet=f"Question pour {organisation.nom}",
        texte="Bonjour.",
        consented_at=timezone.now(),
    )
    besoin = Besoin.objects.create(
        nature=NatureBesoin.DEVIS,
        titre=f"Un devis pour {organisation.nom}",
        description="Des chaises.",
        territoire=TerritoireFactory(),
        nom="Alex",
        courriel="alex@exemple.net",
        consented_at=timezone.now(),
        etat=EtatBesoin.ENVOYE,
        validated_at=timezone.now(),
    )
    sollicitation = Sollicitation.objects.create(
        besoin=besoin, organisation=organisation, planned_at=timezone.now()
    )
    return message, sollicitation


def test_the_space_lists_the_organisations_managed(client, camille, voisine):
    page = client.get("/gestion/")
    assertContains(page, '<a href="/gestion/pole/">Pôle ESS</a>', html=True)
    assertNotContains(page, "La Voisine")


def test_the_organisation_page_shows_what_was_sent_to_it(client, camille, pole, voisine):
    _message, sollicitation = recu_par(pole)
    recu_par(voisine)

    page = client.get("/gestion/pole/")

    assertContains(page, "Question pour Pôle ESS")
    assertContains(page, "Un devis pour Pôle ESS")
    assertContains(page, 'href="/besoins/interesse/')
    assertNotContains(page, "La Voisine")
    # Once answered, the link is gone.
    Interet.objects.create(sollicitation=sollicitation)
    page = client.get("/gestion/pole/")
    assertNotContains(page, 'href="/besoins/interesse/')
    assertContains(page, "intérêt transmis")


def test_a_manager_changes_the_preferences_and_the_history_says_so(client, camille, pole):
    reponse = client.post("/gestion/pole/", PREFERENCES)

    assertRedirects(reponse, "/gestion/pole/?enregistre=1")
    pole.refresh_from_db()
    assert pole.is_joignable and pole.is_sollicitable
    assert pole.courriel_publie == "contact@pole-ess.org"
    assert pole.telephone_publie == "03 80 00 00 00"
    version = pole.history.latest()
    assert version.history_user == camille.user
    assert version.history_change_reason == "Préférences changées par un gestionnaire"
    assertContains(client.get(reponse.url), "Vos changements sont enregistrés.")


@pytest.mark.parametrize(
    ("changes", "champ", "erreur"),
    [
        ({"courriel_contact": ""}, "courriel_contact", "indiquez l'adresse où les relayer"),
        ({"courriel": "", "courriel_is_published": "on"}, "courriel_is_published", "Aucune"),
        ({"telephone": "12"}, "telephone", ""),
        ({"code_postal": "ABCDE"}, "code_postal", ""),
    ],
)
def test_the_preferences_are_validated_as_in_the_admin(
    client, camille, pole, changes, champ, erreur
):
    reponse = client.post("/gestion/pole/", {**PREFERENCES, **changes})

    assert reponse.status_code == 200
    assert champ in reponse.context["form"].errors
    assert erreur in " ".join(reponse.context["form"].errors[champ]).replace("&#x27;", "'")
    assertContains(reponse, "Vos changements n'ont pas été enregistrés")
    pole.refresh_from_db()
    assert not pole.is_contactable


def test_a_manager_cannot_set_what_the_form_does_not_offer(client, camille, pole):
    client.post("/gestion/pole/", {**PREFERENCES, "nom": "Autre nom", "is_published": ""})
    pole.refresh_from_db()
    assert pole.nom == "Pôle ESS" and pole.is_published


def test_a_manager_approves_a_newcomer(client, camille, pole, django_capture_on_commit_callbacks):
    nouveau = gestionnaire(pole, "nouveau@gmail.com", EtatGestionnaire.A_APPROUVER, "Sacha")
    page = client.get("/gestion/pole/")
    assertContains(page, "Approuver la demande de Sacha")

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(f"/gestion/pole/demandes/{nouveau.pk}/approuver/")

    assertRedirects(reponse, "/gestion/pole/")
    nouveau.refresh_from_db()
    assert nouveau.etat == EtatGestionnaire.APPROUVE
    assert nouveau.approved_by == camille.user
    assert mail.outbox[-1].to == ["nouveau@gmail.com"]


def test_a_manager_refuses_a_newcomer(client, camille, pole):
    nouveau = gestionnaire(pole, "nouveau@gmail.com", EtatGestionnaire.A_APPROUVER)
    client.post(f"/gestion/pole/demandes/{nouveau.pk}/refuser/")
    nouveau.refresh_from_db()
    assert nouveau.etat == EtatGestionnaire.REFUSE


# Another organisation's data, whatever is sent


def test_another_organisation_s_page_is_a_404_and_changes_nothing(client, camille, voisine):
    assert client.get("/gestion/voisine/").status_code == 404
    assert client.post("/gestion/voisine/", PREFERENCES).status_code == 404
    voisine.refresh_from_db()
    assert not voisine.is_contactable
    assert voisine.courriel_contact == "secret@voisine.org"


def test_another_organisation_s_requests_cannot_be_decided(client, camille, pole, voisine):
    chez_la_voisine = gestionnaire(voisine, "x@gmail.com", EtatGestionnaire.A_APPROUVER)
    for adresse in (
        f"/gestion/pole/demandes/{chez_la_voisine.pk}/approuver/",
        f"/gestion/voisine/demandes/{chez_la_voisine.pk}/approuver/",
        f"/gestion/pole/demandes/{chez_la_voisine.pk}/refuser/",
        "/gestion/pole/demandes/999999999999999999999/approuver/",
    ):
        assert client.post(adresse).status_code == 404, adresse
    chez_la_voisine.refresh_from_db()
    assert chez_la_voisine.etat == EtatGestionnaire.A_APPROUVER


def test_a_request_already_decided_cannot_be_decided_again(client, camille, pole):
    refuse = gestionnaire(pole, "x@gmail.com", EtatGestionnaire.REFUSE)
    assert client.post(f"/gestion/pole/demandes/{refuse.pk}/approuver/").status_code == 404
    refuse.refresh_from_db()
    assert refuse.etat == EtatGestionnaire.REFUSE


def test_a_request_not_approved_opens_nothing(client, pole):
    attente = gestionnaire(pole, "x@gmail.com", EtatGestionnaire.A_APPROUVER)
    client.force_login(attente.user)
    assert client.get("/gestion/").status_code == 403
    assert client.get("/gestion/pole/").status_code == 404
    assert client.post("/gestion/pole/", PREFERENCES).status_code == 404


@pytest.mark.parametrize("adresse", ["/gestion/", "/gestion/pole/"])
def test_a_visitor_is_sent_to_the_sign_in_page(client, pole, adresse):
    recu_par(pole)
    reponse = client.get(adresse)
    assertRedirects(reponse, "/gestion/connexion/")
    reponse = client.post(adresse, PREFERENCES)
    assert reponse.status_code == 302
    assert not Organisation.objects.get(pk=pole.pk).is_contactable


def test_a_visitor_cannot_decide_a_request(client, pole):
    attente = gestionnaire(pole, "x@gmail.com", EtatGestionnaire.A_APPROUVER)
    assert client.post(f"/gestion/pole/demandes/{attente.pk}/approuver/").status_code == 302
    attente.refresh_from_db()
    assert attente.etat == EtatGestionnaire.A_APPROUVER


def test_staff_who_manage_nothing_see_nothing_of_the_space(admin_client, pole):
    recu_par(pole)
    assert admin_client.get("/gestion/").status_code == 403
    assert admin_client.get("/gestion/pole/").status_code == 404


def test_the_page_s_queries(client, camille, pole, django_assert_num_queries):
    for _ in range(3):
        recu_par(pole)
    # Session, user, the organisation, the messages, the needs, the requests, the managers.
    with django_assert_num_queries(7):
        client.get("/gestion/pole/")
