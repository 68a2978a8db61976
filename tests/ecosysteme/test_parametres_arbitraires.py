"""No public address answers a 500, whatever its query string says.

Hypothesis throws arbitrary parameters at every public page of the seeded directory: the
listings' own filters (read from their FilterSets, so a new filter is covered as soon as it
exists), `q`, `page`, `tri`, unknown names; values with control characters, thousands of
characters long, repeated; and raw query strings with invalid percent-encodings. A few such
values are also sent to every parameter of every page, without chance. How many examples:
the Hypothesis profiles in tests/conftest.py.
"""

import json
import operator
import uuid
from itertools import chain
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.contrib.auth.models import User
from django.urls import LocalePrefixPattern, get_resolver
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accompagnement.models import Dispositif
from acteurs import besoins, gestionnaires
from acteurs.filters import OrganisationFilter
from acteurs.liens import groupes_de_liens
from acteurs.models import Gestionnaire, Organisation, Personne, Relation
from ecosysteme.contributions import propositions
from ecosysteme.contributions.signalements import FICHES
from ecosysteme.diffusion.api import LISTES
from ecosysteme.diffusion.exports import EXPORTS, FORMATS
from ecosysteme.models import Territoire, Thematique
from ecosysteme.pages.integration import LISTES as INTEGRABLES
from ecosysteme.pages.sitemaps import SITEMAPS

pytestmark = pytest.mark.usefixtures("donnees_seed")

# Each example reads the seeded directory, which one transaction holds for the whole test, and
# the client keeps nothing from one request to the next: sharing these function-scoped fixtures
# between examples is what is wanted, not an accident.
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def premiere(queryset):
    return queryset.order_by("pk").first().get_absolute_url()


def api(queryset):
    """The API's address of the first of these entries."""
    liste = {Organisation: "organisations", Personne: "personnes", Dispositif: "dispositifs"}
    slug = queryset.order_by("pk").first().slug
    return f"/api/{liste.get(queryset.model, 'territoires')}/{slug}/"


def formulaire_ecrire(suite=""):
    """The form « Écrire à cette organisation » of the first organisation, made to accept
    messages: the seed says no organisation's address."""
    organisation = Organisation.objects.published().order_by("pk").first()
    Organisation.objects.filter(pk=organisation.pk).update(
        is_contactable=True, courriel_contact="relais@exemple.org"
    )
    return f"{organisation.get_absolute_url()}ecrire/{suite}"


def lien_interesse():
    """A link « Intéressé » that works: a need of the first organisation's territory, made to
    accept needs, validated."""
    organisation = Organisation.objects.published().exclude(siege=None).order_by("pk").first()
    Organisation.objects.filter(pk=organisation.pk).update(
        is_open_to_requests=True, courriel_contact="relais@exemple.org"
    )
    demande = besoins.deposer(
        criteres={"types": [], "thematiques": []},
        nature="devis",
        titre="Un besoin",
        description="Sa description.",
        territoire=organisation.siege,
        nom="Camille",
        # Called again for every example: another requester each time, below the daily limit.
        courriel=f"camille{uuid.uuid4().hex}@exemple.net",
    )
    besoins.valider(demande, par=None)
    sollicitation = demande.sollicitations.get(organisation=organisation)
    return urlsplit(besoins.lien_interesse(sollicitation)).path


def lien_de_confirmation():
    """The link confirming the address of a request to manage the first organisation."""
    demande = Gestionnaire.objects.create(
        organisation=Organisation.objects.published().order_by("pk").first(),
        nom="Camille",
        fonction="Directrice",
        courriel="camille@exemple.net",
        consented_at=timezone.now(),
    )
    return urlsplit(gestionnaires.lien_de_confirmation(demande)).path


def lien_de_connexion():
    """A sign-in link of a manager of the first organisation: its page only asks to enter."""
    user = User.objects.create_user(f"g{uuid.uuid4().hex}", email="g@exemple.net")
    return urlsplit(gestionnaires.lien_de_connexion(user)).path


def signaler(modele, suite):
    """The form « Signaler une erreur » of the first published profile of this kind."""
    return lambda: f"{premiere(modele.objects.published())}signaler/{suite}"


def proposer(modele):
    """The form « Proposer une modification » of the first published profile of this kind."""
    return lambda: f"{premiere(modele.objects.published())}proposer/"


def lien_de_confirmation_proposition():
    """A link that confirms a proposed new organisation, still to confirm."""
    proposition = propositions.proposer(
        modele=Organisation,
        valeurs={"nom": "Une coopérative"},
        # Called again for every example: another author each time, below the hourly limit.
        courriel=f"camille{uuid.uuid4().hex}@exemple.net",
    )
    return urlsplit(propositions.lien_de_confirmation(proposition)).path


def representer(suite):
    return lambda: f"{premiere(Organisation.objects.published())}representer/{suite}"


def premiere_organisation_slug():
    return Organisation.objects.published().order_by("pk").first().slug


def premier_groupe_de_liens():
    return groupes_de_liens(Relation.objects.order_by("pk").first().source)[0].url


# Every public page, by its route in ecosysteme/urls.py: its address in the seeded directory
# (a callable when the database knows it) and the parameters it reads.
PAGES = [
    ("", "/", []),
    ("robots.txt", "/robots.txt", []),
    ("nouveautes.atom", "/nouveautes.atom", []),
    ("sitemap.xml", "/sitemap.xml", ["p"]),
    ("nl/sitemap.xml", "/nl/sitemap.xml", ["p"]),
    ("en/sitemap.xml", "/en/sitemap.xml", ["p"]),
    *[("sitemap-<section>.xml", f"/sitemap-{section}.xml", ["p"]) for section in SITEMAPS],
    ("recherche/", "/recherche/", ["q"]),
    ("sante/", "/sante/", []),
    ("mentions-legales/", "/mentions-legales/", []),
    ("donnees-personnelles/", "/donnees-personnelles/", []),
    ("donnees-ouvertes/", "/donnees-ouvertes/", []),
    ("reseau/", "/reseau/", [*OrganisationFilter.base_filters, "page", "tri"]),
    *[
        (f"{liste}/", f"/{liste}/", [*classe.base_filters, "page", "tri"])
        for liste, (classe, _entrees, _colonnes) in EXPORTS.items()
    ],
    *[
        (f"{liste}/export.<str:format>", f"/{liste}/export.{format}", [*classe.base_filters, "tri"])
        for liste, (classe, _entrees, _colonnes) in EXPORTS.items()
        for format in FORMATS
    ],
    (
        "acteurs/export.data-inclusion.json",
        "/acteurs/export.data-inclusion.json",
        [*OrganisationFilter.base_filters, "tri"],
    ),
    ("acteurs/<slug:slug>/", lambda: premiere(Organisation.objects.published()), []),
    ("personnes/<slug:slug>/", lambda: premiere(Personne.objects.published()), []),
    ("accompagnement/<slug:slug>/", lambda: premiere(Dispositif.objects.published()), []),
    ("territoires/<slug:slug>/", lambda: premiere(Territoire.objects), []),
    ("thematiques/<slug:slug>/", lambda: premiere(Thematique.objects), []),
    ("acteurs/<slug:slug>/ecrire/", formulaire_ecrire, []),
    ("acteurs/<slug:slug>/ecrire/envoye/", lambda: formulaire_ecrire("envoye/"), []),
    ("besoins/deposer/", "/besoins/deposer/", []),
    *[
        (f"{sorte}/<slug:slug>/signaler/{suite}", signaler(modele, suite), [])
        for sorte, modele in FICHES.items()
        for suite in ["", "envoye/"]
    ],
    *[
        (f"{sorte}/<slug:slug>/proposer/", proposer(modele), [])
        for sorte, modele in propositions.FICHES.items()
    ],
    ("propositions/nouvelle-organisation/", "/propositions/nouvelle-organisation/", []),
    ("propositions/nouveau-dispositif/", "/propositions/nouveau-dispositif/", []),
    ("propositions/envoyee/", "/propositions/envoyee/", []),
    ("propositions/confirmer/<str:jeton>/", lien_de_confirmation_proposition, []),
    (
        "besoins/deposer/compter/",
        "/besoins/deposer/compter/",
        ["territoire", "types", "thematiques"],
    ),
    ("besoins/depose/", "/besoins/depose/", []),
    ("besoins/interesse/<str:jeton>/", lien_interesse, []),
    *[
        (f"acteurs/<slug:slug>/representer/{suite}", representer(suite), [])
        for suite in ["", "envoye/"]
    ],
    ("gestion/connexion/", "/gestion/connexion/", []),
    ("gestion/connexion/envoyee/", "/gestion/connexion/envoyee/", []),
    ("gestion/confirmer/<str:jeton>/", lien_de_confirmation, []),
    ("gestion/entrer/<str:jeton>/", lien_de_connexion, []),
    # The managers' space: a visitor is sent to the sign-in page (or refused a GET).
    ("gestion/", "/gestion/", []),
    ("gestion/<slug:slug>/", lambda: f"/gestion/{premiere_organisation_slug()}/", []),
    ("gestion/<slug:slug>/a-jour/", "/gestion/pole/a-jour/", []),
    ("gestion/<slug:slug>/fiche/", "/gestion/pole/fiche/", []),
    *[
        (
            f"gestion/<slug:slug>/demandes/<int:pk>/{decision}/",
            f"/gestion/pole/demandes/1/{decision}/",
            [],
        )
        for decision in ("approuver", "refuser")
    ],
    ("gestion/deconnexion/", "/gestion/deconnexion/", []),
    (
        "acteurs/<slug:slug>/liens/<slug:type_relation>/<slug:sens>/",
        premier_groupe_de_liens,
        ["page"],
    ),
    ("api/", "/api/", []),
    ("api/openapi.json", "/api/openapi.json", []),
    *[
        (f"api/{liste}/", f"/api/{liste}/", [*EXPORTS[export][0].base_filters, "page", "tri"])
        for liste, (export, _representer, _aucun) in LISTES.items()
    ],
    ("api/territoires/", "/api/territoires/", ["q", "niveau", "parent", "page"]),
    ("api/organisations/<slug:slug>/", lambda: api(Organisation.objects.published()), []),
    ("api/personnes/<slug:slug>/", lambda: api(Personne.objects.published()), []),
    ("api/dispositifs/<slug:slug>/", lambda: api(Dispositif.objects.published()), []),
    ("api/territoires/<slug:slug>/", lambda: api(Territoire.objects), []),
    (r"^api/[\s\S]+/$", "/api/organisations/pas un slug/", []),
    ("integrer/", "/integrer/", ["adresse"]),
    *[
        (f"integrer/{nom}/", f"/integrer/{nom}/", [*liste.filtres.base_filters, "page", "tri"])
        for nom, liste in INTEGRABLES.items()
    ],
    ("integrer/carte/", "/integrer/carte/", ["territoire"]),
]
# Names any page may be sent, whether it reads them or not.
COMMUNS = ["q", "page", "tri", "p"]


def chemin(adresse):
    return adresse() if callable(adresse) else adresse


# Values: real slugs and codes of the seed (so that valid and invalid filters meet), any text
# (NUL and other control characters included), numbers a paginator may choke on, and very long
# values. Surrogates are left out: no percent-decoding can produce them.
CONNUES = sorted(
    {
        objet["fields"][champ]
        for fichier in (Path(__file__).parents[2] / "fixtures").glob("*.json")
        for objet in json.loads(fichier.read_text())
        for champ in ("slug", "code", "forme_juridique", "nature", "categorie")
        if isinstance(objet["fields"].get(champ), str)
    }
)
CONTROLES = st.text(st.characters(codec="latin-1", categories=["Cc"]), min_size=1, max_size=3)
VALEURS = st.one_of(
    st.sampled_from(CONNUES),
    # A real value with control characters in it: it gets past a check on the name only.
    st.tuples(st.sampled_from(CONNUES), CONTROLES, st.sampled_from(CONNUES)).map("".join),
    st.text(),
    st.sampled_from(["0", "-1", "1.5", "1e3", " 2 ", "1_0", "٣", "9" * 5000, "\x00", "scop\x00"]),
    st.from_regex(r"[-a-z0-9_]{1,250}", fullmatch=True),
    st.builds(operator.mul, st.text(min_size=1, max_size=3), st.integers(1000, 6000)),
)


def parametres(lus):
    """Lists of (name, value) pairs: names the page reads, others, some repeated many times."""
    # The names the page reads are drawn most often: that is where a value goes deepest.
    noms = st.one_of(
        *[st.sampled_from(lus)] * 3 if lus else [],
        st.sampled_from(COMMUNS),
        st.text(max_size=30),
    )
    un = st.tuples(noms, VALEURS).map(lambda paire: [paire])
    repete = st.builds(lambda nom, valeurs: [(nom, v) for v in valeurs], noms, st.lists(VALEURS))
    return st.lists(st.one_of(un, repete), max_size=6).map(lambda groupes: list(chain(*groupes)))


def query_strings_brutes(lus):
    """Query strings as a server hands them over: any bytes, seen as Latin-1 by WSGI."""
    morceaux = st.one_of(
        st.sampled_from(["%ff%fe", "%C3", "%", "%zz", "%00", "%C3%28", "%E2%82", "%u00e9"]),
        st.sampled_from(["&", "=", ";", "+", "%26", "%3D", "%20"]),
        st.sampled_from([f"{nom}=" for nom in sorted({*lus, *COMMUNS})]),
        st.binary(max_size=20).map(lambda octets: octets.decode("latin-1")),
    )
    return st.lists(morceaux, max_size=30).map("".join)


def verifier(route, reponse):
    """Never a 500; and what each page should answer instead."""
    assert reponse.status_code < 500
    if route.startswith("sitemap-"):
        # A section has one page here: any other `p` is a page that does not exist.
        p = reponse.wsgi_request.GET.get("p")
        assert reponse.status_code == (200 if p is None or est_un(p) else 404)
    elif route == "gestion/deconnexion/":
        assert reponse.status_code == 405
    elif route in {
        "gestion/",
        "gestion/<slug:slug>/",
        "gestion/<slug:slug>/a-jour/",
        "gestion/<slug:slug>/fiche/",
    } or ("/demandes/" in route):
        assert reponse.status_code == 302
        assert reponse["Location"] == "/gestion/connexion/"
    elif route.startswith("^api/"):
        assert reponse.status_code == 404 and "erreur" in reponse.json()
    else:
        assert reponse.status_code == 200
    if "/export." in route:
        contenu = b"".join(reponse.streaming_content).decode()
        if reponse["Content-Type"].startswith("text/csv"):
            assert contenu.startswith('"url","nom",')
        else:
            assert isinstance(json.loads(contenu), list)


def est_un(p):
    try:
        return int(p) == 1
    except ValueError:
        return False


IDS = [adresse if isinstance(adresse, str) else route for route, adresse, _lus in PAGES]


# Values most likely to break a page (PostgreSQL refuses NUL in any query parameter, a paginator
# may choke on a number): sent to every name at once, on every page, whatever Hypothesis draws.
PIEGES = ["\x00", "scop\x00", "\x00" * 300, "gironde\x1f\x7f\x85", "é" * 5000, "9" * 5000, "%ff"]


@pytest.mark.parametrize("piege", PIEGES, ids=repr)
@pytest.mark.parametrize("route, adresse, lus", PAGES, ids=IDS)
def test_valeurs_piegees(client, route, adresse, lus, piege):
    paires = [(nom, piege) for nom in [*lus, *COMMUNS, "inconnu"]]
    verifier(route, client.get(chemin(adresse), QUERY_STRING=urlencode(paires)))


@pytest.mark.parametrize("route, adresse, lus", PAGES, ids=IDS)
@fuzz
@given(paires=st.data())
def test_parametres_arbitraires(client, route, adresse, lus, paires):
    paires = paires.draw(parametres(lus))
    reponse = client.get(chemin(adresse), QUERY_STRING=urlencode(paires))
    verifier(route, reponse)


@pytest.mark.parametrize("route, adresse, lus", PAGES, ids=IDS)
@fuzz
@given(brute=st.data())
def test_query_string_brute(client, route, adresse, lus, brute):
    brute = brute.draw(query_strings_brutes(lus))
    verifier(route, client.get(chemin(adresse), QUERY_STRING=brute))


def test_chaque_page_publique_est_essayee():
    # A new route fails here until it is added to PAGES: none escapes the tests above.
    routes = set(routes_de(get_resolver().url_patterns))
    assert routes - {"admin/"} == {route for route, _adresse, _lus in PAGES}


def routes_de(motifs):
    """Each route, those of the pages under their language prefix (/nl/, /en/) included."""
    for motif in motifs:
        if isinstance(motif.pattern, LocalePrefixPattern):
            yield from routes_de(motif.url_patterns)
        else:
            yield str(motif.pattern)
