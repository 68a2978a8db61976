"""No value sent to the form « Signaler une erreur » answers a 500, and whatever it accepts is
stored as it was understood, an address only with its consent.

Hypothesis starts from a valid report and replaces some of its fields with hostile values
(control characters, NUL, header injections, thousands of characters, repeated fields,
unknown names), or sends a raw body of any bytes. How many examples: the profiles in
tests/conftest.py.
"""

from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecosysteme.contributions.forms import SignalementForm
from ecosysteme.enums import MotifSignalement
from ecosysteme.models import Signalement
from tests.acteurs.test_messages_arbitraires import FORME, PIEGES
from tests.factories import PersonneFactory

pytestmark = pytest.mark.django_db
# The profile and the settings are the same for every example, on purpose.
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

FORMULAIRE = "/personnes/alix/signaler/"
VALIDE = {
    "motif": "erronee",
    "commentaire": "Sa fonction a changé en 2024.",
    "courriel": "camille@exemple.net",
    "consentement": "on",
}
CHAMPS = [*VALIDE, "site_web", "jeton"]
VALEURS = st.one_of(
    st.text(),
    st.sampled_from([*PIEGES, *MotifSignalement.values]),
    st.emails(),
    st.builds(lambda local, domaine: f"{local}@{domaine}", st.text(max_size=70), st.text()),
)


@pytest.fixture
def alix(db, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    # Every example reports again: the rate limits would soon refuse them all.
    settings.SIGNALEMENTS_LIMITES_EXPEDITEUR = {"heure": 10**6, "jour": 10**6}
    settings.SIGNALEMENTS_LIMITES_FICHE = {"heure": 10**6, "jour": 10**6}
    return PersonneFactory(slug="alix")


def jeton(personne):
    return SignalementForm(sorte="personnes", fiche=personne).initial["jeton"]


def verifier(reponse, avant, personne):
    """Never a 500 (a body that cannot be parsed is a 400). A report accepted is stored on
    this profile, new, its address kept only with a consent."""
    assert reponse.status_code in {200, 302, 400, 429}, reponse.status_code
    nouveaux = Signalement.objects.filter(pk__gt=avant)
    if reponse.status_code != 302:
        assert not nouveaux.exists()
        return
    signalement = nouveaux.get()
    assert signalement.fiche == personne
    assert signalement.motif in MotifSignalement.values
    assert "\x00" not in signalement.commentaire
    assert signalement.commentaire.strip() and len(signalement.commentaire) <= 2000
    assert bool(signalement.courriel) == bool(signalement.consented_at)


def dernier():
    return Signalement.objects.order_by("pk").values_list("pk", flat=True).last() or 0


@fuzz
@given(remplaces=st.dictionaries(st.sampled_from(CHAMPS), st.lists(VALEURS, max_size=3)))
def test_hostile_values_in_every_field(client, alix, remplaces):
    donnees = {**VALIDE, "jeton": jeton(alix), **remplaces}
    avant = dernier()

    reponse = client.post(FORMULAIRE, urlencode(donnees, doseq=True), content_type=FORME)

    verifier(reponse, avant, alix)


@fuzz
@given(
    corps=st.binary(max_size=500),
    type_de_contenu=st.sampled_from(
        [FORME, "multipart/form-data; boundary=limite", "multipart/form-data", "text/plain"]
    ),
)
def test_raw_bodies(client, alix, corps, type_de_contenu):
    avant = dernier()

    reponse = client.generic("POST", FORMULAIRE, corps, content_type=type_de_contenu)

    verifier(reponse, avant, alix)
