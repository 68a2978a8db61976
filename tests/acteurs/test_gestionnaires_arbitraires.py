"""No value sent to the managers' forms answers a 500: « Vous représentez cette organisation ? »,
the sign-in, and the preferences. What the claim form accepts is stored and its address mailed
once; what the preferences form accepts passes the model's own validation.

Hypothesis starts from valid data and replaces some fields with hostile values, or sends a raw
body of any bytes. How many examples: the profiles in tests/conftest.py.
"""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acteurs.enums import EtatGestionnaire
from acteurs.forms import CHAMPS_PREFERENCES, ConnexionForm, GestionnaireForm
from acteurs.models import Gestionnaire, Organisation
from tests.acteurs.test_messages_arbitraires import FORME, PIEGES
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

VALEURS = st.one_of(
    st.text(),
    st.sampled_from([*PIEGES, "on", "off", "true", "0", "+33 3 80 00 00 00", "2100A"]),
    st.emails(),
    st.builds(lambda local, domaine: f"{local}@{domaine}", st.text(max_size=70), st.text()),
)
DEMANDE = {
    "nom": "Camille Martin",
    "fonction": "Directrice",
    "courriel": "camille@pole-ess.org",
    "consentement": "on",
}
PREFERENCES = {
    "is_contactable": "on",
    "courriel_contact": "relais@pole-ess.org",
    "adresse": "3 rue des Coopératives",
    "code_postal": "21000",
    "telephone": "03 80 00 00 00",
    "telephone_is_published": "on",
}


@pytest.fixture
def pole(db, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    settings.GESTIONNAIRES_LIMITES_DEMANDEUR = {"heure": 10**6, "jour": 10**6}
    settings.GESTIONNAIRES_LIMITES_ORGANISATION = {"jour": 10**6}
    settings.GESTIONNAIRES_LIMITES_CONNEXION = {"heure": 10**6, "jour": 10**6}
    return OrganisationFactory(slug="pole", site_web="https://pole-ess.org")


@pytest.fixture
def camille(pole):
    user = User.objects.create_user("camille@pole-ess.org", email="camille@pole-ess.org")
    Gestionnaire.objects.create(
        organisation=pole,
        user=user,
        nom="Camille",
        fonction="Directrice",
        courriel=user.email,
        etat=EtatGestionnaire.APPROUVE,
        consented_at=timezone.now(),
    )
    return user


def poster(client, adresse, donnees, capture):
    with capture(execute=True):
        return client.post(adresse, urlencode(donnees, doseq=True), content_type=FORME)


@fuzz
@given(
    remplaces=st.dictionaries(
        st.sampled_from([*DEMANDE, "site_web", "jeton"]), st.lists(VALEURS, max_size=3)
    )
)
def test_hostile_values_in_the_claim_form(
    client, pole, django_capture_on_commit_callbacks, remplaces
):
    jeton = GestionnaireForm(organisation=pole).initial["jeton"]
    avant = Gestionnaire.objects.count()
    mail.outbox.clear()

    reponse = poster(
        client,
        "/acteurs/pole/representer/",
        {**DEMANDE, "jeton": jeton, **remplaces},
        django_capture_on_commit_callbacks,
    )

    assert reponse.status_code in {200, 302, 400, 429}
    if reponse.status_code == 302:
        demande = Gestionnaire.objects.latest("pk")
        assert demande.etat == EtatGestionnaire.A_CONFIRMER
        assert [courriel.to for courriel in mail.outbox] == [[demande.courriel]]
    else:
        assert Gestionnaire.objects.count() == avant
        assert mail.outbox == []


@fuzz
@given(
    remplaces=st.dictionaries(
        st.sampled_from(["courriel", "site_web", "jeton"]), st.lists(VALEURS, max_size=3)
    )
)
def test_hostile_values_in_the_sign_in_form(
    client, camille, django_capture_on_commit_callbacks, remplaces
):
    jeton = ConnexionForm().initial["jeton"]
    mail.outbox.clear()

    reponse = poster(
        client,
        "/gestion/connexion/",
        {"courriel": "camille@pole-ess.org", "jeton": jeton, **remplaces},
        django_capture_on_commit_callbacks,
    )

    assert reponse.status_code in {200, 302, 400, 429}
    # A link goes only to the manager's own address.
    assert all(courriel.to == ["camille@pole-ess.org"] for courriel in mail.outbox)


@fuzz
@given(
    remplaces=st.dictionaries(
        st.sampled_from([*CHAMPS_PREFERENCES, "nom", "is_published", "slug"]),
        st.lists(VALEURS, max_size=3),
    )
)
def test_hostile_values_in_the_preferences(client, pole, camille, remplaces):
    client.force_login(camille)

    reponse = client.post(
        "/gestion/pole/",
        urlencode({**PREFERENCES, **remplaces}, doseq=True),
        content_type=FORME,
    )

    assert reponse.status_code in {200, 302, 400}
    organisation = Organisation.objects.get(pk=pole.pk)
    organisation.full_clean()  # whatever was saved is valid as the admin sees it
    assert (organisation.nom, organisation.slug, organisation.is_published) == (
        pole.nom,
        "pole",
        True,
    )


@fuzz
@given(
    corps=st.binary(max_size=500),
    type_de_contenu=st.sampled_from(
        [FORME, "multipart/form-data; boundary=limite", "multipart/form-data", "text/plain"]
    ),
    adresse=st.sampled_from(
        ["/acteurs/pole/representer/", "/gestion/connexion/", "/gestion/pole/"]
    ),
)
def test_raw_bodies(client, camille, corps, type_de_contenu, adresse):
    client.force_login(camille)
    reponse = client.generic("POST", adresse, corps, content_type=type_de_contenu)
    assert reponse.status_code in {200, 302, 400, 429}
