"""No value sent to « Déposer un besoin », to its count or to a link « Intéressé » answers a
500; a need refused or only counted stores nothing; what was typed comes back escaped.

Hypothesis starts from a valid need and replaces some of its fields with hostile values (any
text, NUL, thousands of characters, repeated fields, ids that do not exist or are not numbers,
impossible dates, markup), for both buttons of the form; it throws any query string at the
count, and any token at the link. How many examples: the profiles in tests/conftest.py.
"""

from datetime import timedelta
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acteurs import besoins
from acteurs.enums import EtatBesoin
from acteurs.forms import BesoinForm
from acteurs.models import Besoin, Interet, Organisation, Sollicitation
from ecosysteme.models import Territoire, Thematique

# The seed and the settings are the same for every example, on purpose.
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])

FORMULAIRE = "/besoins/deposer/"
COMPTER = "/besoins/deposer/compter/"
FORME = "application/x-www-form-urlencoded"
CHAMPS = [
    "action",
    "nature",
    "titre",
    "description",
    "territoire",
    "types",
    "thematiques",
    "budget",
    "echeance",
    "nom",
    "courriel",
    "organisation_demandeur",
    "consentement",
    "site_web",
    "jeton",
]
# Markup that must come back escaped, if at all: none of it is in the page otherwise.
BALISES = [
    "<script>alert('besoin')</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><b id=besoin>gras</b>",
    "</option></select><b id=besoin>gras</b>",
    "' autofocus onfocus='alert(1)",
]
PIEGES = [
    *BALISES,
    "\x00",
    "1\x00",
    "a\x00b",
    "\u202etxt.exe",
    "é" * 6000,
    "x" * 100_000,
    "https://a.example http://b.example www.c.example",
    "",
    " ",
    "on",
    "compter",
    "deposer",
    # Ids: absent, negative, too large for any integer column, not integers.
    "0",
    "-1",
    "99999999",
    "9223372036854775808",
    "1" * 40,
    "1.5",
    "1e3",
    "NaN",
    "[1]",
    # Dates: impossible, past, out of range, in other formats.
    "2027-02-30",
    "31/02/2027",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "29/02/23",
    "2027-06-30T12:00",
    "-2027-06-30",
]
VALEURS = st.one_of(
    st.text(),
    st.sampled_from(PIEGES),
    st.integers().map(str),
    st.dates().map(str),
    st.emails(),
)


@pytest.fixture
def valide(donnees_seed, settings):
    """A need the form accepts, as a browser sends it."""
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0
    # Every example files again: the rate limit would soon refuse them all.
    settings.BESOINS_LIMITES_DEMANDEUR = {"jour": 10**6}
    for slug in ["grais", "pole-economie-solidaire-dijon"]:
        Organisation.objects.filter(slug=slug).update(
            is_open_to_requests=True, courriel_contact=f"besoins@{slug}.example"
        )
    return {
        "action": "deposer",
        "nature": "devis",
        "titre": "Traiteur pour 80 personnes",
        "description": "Un repas, en juin.",
        "territoire": str(Territoire.objects.get(slug="cote-d-or").pk),
        "types": [],
        "thematiques": [str(Thematique.objects.get(slug="entrepreneuriat").pk)],
        "budget": "moins_5000",
        "echeance": f"{timezone.localdate() + timedelta(days=30):%Y-%m-%d}",
        "nom": "Camille Martin",
        "courriel": "camille@exemple.net",
        "organisation_demandeur": "",
        "consentement": "on",
        "site_web": "",
        "jeton": BesoinForm().initial["jeton"],
    }


def dernier():
    return Besoin.objects.order_by("pk").values_list("pk", flat=True).last() or 0


def envoyes(donnees):
    valeurs = []
    for valeur in donnees.values():
        valeurs += valeur if isinstance(valeur, list) else [valeur]
    return valeurs


def verifier_echappe(reponse, donnees):
    contenu = reponse.content.decode()
    for balise in BALISES:
        if balise in envoyes(donnees):
            assert balise not in contenu, balise


@fuzz
@given(
    remplaces=st.dictionaries(st.sampled_from(CHAMPS), st.lists(VALEURS, max_size=3)),
    action=st.sampled_from(["deposer", "compter"]),
)
def test_hostile_values_in_every_field(client, valide, remplaces, action):
    donnees = {**valide, "action": action, **remplaces}
    avant = dernier()

    reponse = client.post(FORMULAIRE, urlencode(donnees, doseq=True), content_type=FORME)

    assert reponse.status_code in {200, 302, 429}, reponse.status_code
    nouveaux = Besoin.objects.filter(pk__gt=avant)
    if reponse.status_code != 302:
        # Refused, or only counted: nothing stored, and the form shown again, escaped.
        assert not nouveaux.exists()
        assert "compte-destinataires" in reponse.content.decode()
        verifier_echappe(reponse, donnees)
        return
    assert reponse["Location"] == "/besoins/depose/"
    action = donnees["action"]
    assert (action[-1] if isinstance(action, list) and action else action) != "compter"
    besoin = nouveaux.get()
    assert besoin.etat == EtatBesoin.A_VALIDER
    assert besoin.consented_at is not None
    assert besoin.territoire.niveau in {"pays", "region", "departement"}
    assert not Sollicitation.objects.filter(besoin=besoin).exists()


@fuzz
@given(
    parametres=st.dictionaries(
        st.one_of(st.sampled_from(["territoire", "types", "thematiques"]), st.text(max_size=10)),
        st.lists(VALEURS, max_size=3),
    )
)
def test_arbitrary_query_strings_at_the_count(client, valide, parametres):
    avant = dernier()

    reponse = client.get(f"{COMPTER}?{urlencode(parametres, doseq=True)}")

    assert reponse.status_code == 200
    assert reponse["Content-Type"] == "application/json"
    texte = reponse.json()["texte"]
    assert texte.startswith(("Choisissez un territoire", "Aucune organisation", "1 ", "2 "))
    assert dernier() == avant


def test_the_count_of_valid_criteria(client, valide):
    reponse = client.get(COMPTER, {"territoire": valide["territoire"]})
    assert reponse.json()["texte"].startswith("2 organisations correspondent")


@pytest.fixture
def sollicitation(valide):
    """A need validated by staff, sent to one organisation: its sollicitation."""
    besoin = besoins.deposer(
        criteres={"types": [], "thematiques": []},
        nature="devis",
        titre="Traiteur",
        description="Un repas.",
        territoire=Territoire.objects.get(slug="yonne"),
        budget="",
        echeance=None,
        nom="Camille Martin",
        courriel="camille@exemple.net",
        organisation_demandeur="",
    )
    equipe = get_user_model().objects.create_user("equipe", is_staff=True)
    assert besoins.valider(besoin, par=equipe) == 1
    return Sollicitation.objects.get(besoin=besoin)


def jetons(sollicitation):
    """Tokens that look like a link « Intéressé »: altered, cut, signed for something else or
    with another salt, or any text."""
    bon = signing.dumps(sollicitation.pk, salt=besoins.SEL_LIEN)
    return st.one_of(
        st.text(min_size=1),
        st.sampled_from(PIEGES[:-1]).filter(bool),
        st.sampled_from(
            [
                bon + "x",
                bon[:-1],
                bon.upper(),
                bon.replace(":", ".", 1),
                signing.dumps(sollicitation.pk, salt="autre"),
                signing.dumps(sollicitation.pk + 10**6, salt=besoins.SEL_LIEN),
                signing.dumps(str(sollicitation.pk), salt=besoins.SEL_LIEN),
                signing.dumps(10**30, salt=besoins.SEL_LIEN),
                signing.dumps(-1, salt=besoins.SEL_LIEN),
                signing.dumps(None, salt=besoins.SEL_LIEN),
                signing.dumps([sollicitation.pk], salt=besoins.SEL_LIEN),
                signing.dumps({"pk": sollicitation.pk}, salt=besoins.SEL_LIEN),
                signing.dumps(1.0 * sollicitation.pk, salt=besoins.SEL_LIEN),
            ]
        ),
    )


@fuzz
@given(data=st.data(), methode=st.sampled_from(["get", "post"]))
def test_arbitrary_tokens_at_the_link(client, sollicitation, data, methode):
    jeton = data.draw(jetons(sollicitation))

    reponse = getattr(client, methode)(f"/besoins/interesse/{quote(jeton, safe='')}/")

    # A token with a slash does not reach the view; any other is refused.
    assert reponse.status_code in {404, 410}, reponse.status_code
    if reponse.status_code == 410:
        assert "Ce lien ne peut pas servir" in reponse.content.decode()
        verifier_echappe(reponse, {"jeton": jeton})
    assert not Interet.objects.exists()


def test_the_link_answers_once(client, sollicitation, django_capture_on_commit_callbacks, settings):
    chemin = besoins.lien_interesse(sollicitation).removeprefix(settings.ADRESSE_SITE)
    assert client.get(chemin).status_code == 200
    assert not Interet.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(chemin).status_code == 200
    assert Interet.objects.get().sollicitation == sollicitation
    assert mail.outbox[-1].to == ["camille@exemple.net"]
    for methode in [client.get, client.post]:
        reponse = methode(chemin)
        assert reponse.status_code == 410
        assert "ne sert qu'une fois" in reponse.context["refus"]
    assert Interet.objects.count() == 1


def test_counting_keeps_the_time_the_form_was_first_shown(client, valide, settings):
    """Counting shows the form again: sent just after, it is not refused as sent too fast."""
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 3
    il_y_a_une_minute = signing.dumps(
        ["besoin", timezone.now().timestamp() - 60], salt=BesoinForm.sel_jeton
    )
    donnees = {**valide, "action": "compter", "jeton": il_y_a_une_minute}

    compte = client.post(FORMULAIRE, urlencode(donnees, doseq=True), content_type=FORME)
    jeton = compte.context["form"]["jeton"].value()
    reponse = client.post(
        FORMULAIRE,
        urlencode({**donnees, "action": "deposer", "jeton": jeton}, doseq=True),
        content_type=FORME,
    )

    assert jeton == il_y_a_une_minute
    assert reponse.status_code == 302, reponse.context["form"].errors
    assert Besoin.objects.filter(titre=valide["titre"]).exists()


@pytest.mark.parametrize("champ", ["types", "thematiques"])
@pytest.mark.parametrize("action", ["compter", "deposer"])
def test_an_id_beyond_64_bits_is_an_unknown_choice(client, valide, champ, action):
    """SQLite cannot compare such an integer in an IN lookup: it was a 500."""
    hors_limites = ["9223372036854775808", "-9223372036854775809"]

    compte = client.get(COMPTER, {"territoire": valide["territoire"], champ: hors_limites})
    donnees = {**valide, "action": action, champ: hors_limites}
    reponse = client.post(FORMULAIRE, urlencode(donnees, doseq=True), content_type=FORME)

    assert compte.status_code == 200
    assert compte.json()["texte"].startswith("2 organisations correspondent")
    assert reponse.status_code == 200
    if action == "deposer":
        assert "Choisissez des" in reponse.context["form"].errors[champ][0]
    assert not Besoin.objects.exists()
