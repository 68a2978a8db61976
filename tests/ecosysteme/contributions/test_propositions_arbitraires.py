"""No value sent to the forms « Proposer une modification », « Ajouter une organisation » and
« Ajouter un dispositif » answers a 500, and whatever they accept is stored as a proposal to
confirm that holds only proposable fields, the profile itself unchanged.

Hypothesis starts from a valid proposal and replaces some of its fields, and some fields the
form does not offer, with hostile values, or sends a raw body of any bytes. How many
examples: the profiles in tests/conftest.py.
"""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accompagnement.models import Dispositif
from acteurs.models import Organisation
from ecosysteme.contributions import propositions
from ecosysteme.contributions.forms import PropositionForm
from ecosysteme.enums import EtatProposition
from ecosysteme.models import Proposition
from tests.acteurs.test_messages_arbitraires import FORME, PIEGES
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

AUTEUR = {"courriel": "camille@exemple.net", "consentement": "on", "commentaire": "Vu en 2024."}
FORMULAIRES = {
    "/acteurs/pole/proposer/": (Organisation, {"fiche-nom": "Pôle ESS", "fiche-sigle": "PES"}),
    "/propositions/nouvelle-organisation/": (Organisation, {"fiche-nom": "Coop du Val"}),
    "/propositions/nouveau-dispositif/": (
        Dispositif,
        {"fiche-nom": "Incubateur", "fiche-nature": "incubation"},
    ),
}
HORS_FORMULAIRE = ["fiche-is_published", "fiche-slug", "fiche-courriel_contact", "fiche-siege"]
VALEURS = st.one_of(
    st.text(),
    st.sampled_from([*PIEGES, "-1", "32768", "99999999999999999999", "2001", "scic", "1"]),
    st.emails(),
)


@pytest.fixture
def pole(db, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    # Every example proposes again: the rate limits would soon refuse them all.
    settings.PROPOSITIONS_LIMITES_EXPEDITEUR = {"heure": 10**6, "jour": 10**6}
    settings.PROPOSITIONS_LIMITES_FICHE = {"heure": 10**6, "jour": 10**6}
    return OrganisationFactory(nom="Pôle ESS", slug="pole")


def jeton(adresse, pole):
    modele, _valides = FORMULAIRES[adresse]
    fiche = pole if adresse.startswith("/acteurs/") else None
    cible = f"{modele._meta.model_name}:{fiche.slug if fiche else ''}"
    return PropositionForm(modele=modele, fiche=fiche, cible=cible).initial["jeton"]


def verifier(reponse, avant, pole, modele):
    """Never a 500 (a body that cannot be parsed is a 400). A proposal accepted holds only
    proposable fields, is to confirm, and changed nothing."""
    assert reponse.status_code in {200, 302, 400, 429}, reponse.status_code
    pole.refresh_from_db()
    assert (pole.nom, pole.slug, pole.is_published) == ("Pôle ESS", "pole", True)
    nouvelles = Proposition.objects.filter(pk__gt=avant)
    if reponse.status_code != 302:
        assert not nouvelles.exists()
        return
    proposition = nouvelles.get()
    assert proposition.etat == EtatProposition.A_CONFIRMER
    assert set(proposition.valeurs) <= set(propositions.CHAMPS[modele])
    assert proposition.courriel and proposition.consented_at


def derniere():
    return Proposition.objects.order_by("pk").values_list("pk", flat=True).last() or 0


@fuzz
@given(
    adresse=st.sampled_from(list(FORMULAIRES)),
    remplaces=st.dictionaries(
        st.sampled_from(
            [
                *AUTEUR,
                "site_web",
                "jeton",
                *HORS_FORMULAIRE,
                *[f"fiche-{champ}" for champ in propositions.CHAMPS[Organisation]],
                "fiche-nature",
                "fiche-etapes",
            ]
        ),
        st.lists(VALEURS, max_size=3),
    ),
)
def test_hostile_values_in_every_field(client, pole, adresse, remplaces):
    modele, valides = FORMULAIRES[adresse]
    donnees = {**valides, **AUTEUR, "jeton": jeton(adresse, pole), **remplaces}
    avant = derniere()

    reponse = client.post(adresse, urlencode(donnees, doseq=True), content_type=FORME)

    verifier(reponse, avant, pole, modele)


@fuzz
@given(
    adresse=st.sampled_from(list(FORMULAIRES)),
    corps=st.binary(max_size=500),
    type_de_contenu=st.sampled_from(
        [FORME, "multipart/form-data; boundary=limite", "multipart/form-data", "text/plain"]
    ),
)
def test_raw_bodies(client, pole, adresse, corps, type_de_contenu):
    avant = derniere()

    reponse = client.generic("POST", adresse, corps, content_type=type_de_contenu)

    verifier(reponse, avant, pole, FORMULAIRES[adresse][0])


@fuzz
@given(jeton_recu=st.one_of(st.text(), st.sampled_from(PIEGES)))
def test_any_confirmation_link(client, pole, jeton_recu):
    reponse = client.post(f"/propositions/confirmer/{quote(jeton_recu, safe='')}/")

    assert reponse.status_code in {404, 410}
    assert not Proposition.objects.confirmed().exists()
