"""No value sent to the form « Écrire à cette organisation » answers a 500, and whatever it
accepts is relayed.

Hypothesis starts from a valid message and replaces some of its fields with hostile values
(control characters, NUL, header injections, thousands of characters, repeated fields, unknown
names), or sends a raw body of any bytes. How many examples: the profiles in tests/conftest.py.
"""

from urllib.parse import urlencode

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acteurs.forms import jeton
from acteurs.models import Message
from ecosysteme.enums import StatutEnvoi
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
# The organisation and the settings are the same for every example, on purpose.
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

FORMULAIRE = "/acteurs/pole/ecrire/"
VALIDE = {
    "nom": "Camille Martin",
    "courriel": "camille@exemple.net",
    "objet": "Une question",
    "texte": "Bonjour, une question.",
    "consentement": "on",
}
CHAMPS = [*VALIDE, "site_web", "jeton"]
PIEGES = [
    "\x00",
    "a\x00b",
    "camille@exemple.net\r\nBcc: victime@exemple.org",
    "Objet\r\nBcc: victime@exemple.org",
    "=?utf-8?b?QmNjOiB2aWN0aW1l?=",
    '"Camille, Martin" <camille@exemple.net>',
    "camille@exemple.net, autre@exemple.net",
    "<script>alert(1)</script>",
    "https://a.example http://b.example www.c.example",
    "\u202etxt.exe",
    "é" * 6000,
    "x" * 100_000,
    "on",
    "off",
    "",
    " ",
]
VALEURS = st.one_of(
    st.text(),
    st.sampled_from(PIEGES),
    st.emails(),
    st.builds(lambda local, domaine: f"{local}@{domaine}", st.text(max_size=70), st.text()),
)


FORME = "application/x-www-form-urlencoded"


@pytest.fixture
def pole(db, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    # Every example writes again: the rate limits would soon refuse them all.
    settings.MESSAGES_LIMITES_EXPEDITEUR = {"heure": 10**6, "jour": 10**6}
    settings.MESSAGES_LIMITES_ORGANISATION = {"heure": 10**6, "jour": 10**6}
    return OrganisationFactory(
        slug="pole", courriel_contact="relais@exemple.org", is_contactable=True
    )


def verifier(reponse, avant):
    """Never a 500 (a body that cannot be parsed is a 400). A message accepted is stored, then
    relayed once, its sender in Reply-To."""
    assert reponse.status_code in {200, 302, 400, 429}, reponse.status_code
    nouveaux = Message.objects.filter(pk__gt=avant)
    if reponse.status_code != 302:
        assert not nouveaux.exists()
        return
    message = nouveaux.get()
    assert message.statut == StatutEnvoi.ENVOYE
    assert mail.outbox[-1].reply_to == [message.courriel]
    assert mail.outbox[-1].to == ["relais@exemple.org"]


def dernier():
    return Message.objects.order_by("pk").values_list("pk", flat=True).last() or 0


@fuzz
@given(remplaces=st.dictionaries(st.sampled_from(CHAMPS), st.lists(VALEURS, max_size=3)))
def test_hostile_values_in_every_field(client, pole, django_capture_on_commit_callbacks, remplaces):
    donnees = {**VALIDE, "jeton": jeton(pole), **remplaces}
    avant = dernier()

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(FORMULAIRE, urlencode(donnees, doseq=True), content_type=FORME)

    verifier(reponse, avant)


@fuzz
@given(
    corps=st.binary(max_size=500),
    type_de_contenu=st.sampled_from(
        [FORME, "multipart/form-data; boundary=limite", "multipart/form-data", "text/plain"]
    ),
)
def test_raw_bodies(client, pole, django_capture_on_commit_callbacks, corps, type_de_contenu):
    avant = dernier()

    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.generic("POST", FORMULAIRE, corps, content_type=type_de_contenu)

    verifier(reponse, avant)
