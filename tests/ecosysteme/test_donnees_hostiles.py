"""No public page fails, or renders a script address as a link, whatever the database holds.

The models refuse invisible characters and addresses other than http(s) (ecosysteme.textes),
but data stored before the rule, or by a script through the ORM, skips that check. Hypothesis
stores such entries, linked every way (a role, a relation, a programme, a source, a quote,
themes and territories), with control and direction characters, very long texts and odd
addresses, then reads every public page reached from the home page, the sitemap, the feed and
the downloads, plus searches for them. How many examples: the profiles in tests/conftest.py.
"""

import html
import operator
import re
from xml.etree import ElementTree

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ecosysteme.listes import index_facettes
from tests.factories import (
    ChiffreOrganisationFactory,
    CitationFactory,
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    SourceFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)
from tests.pages_publiques import pages_publiques

pytestmark = pytest.mark.django_db

# Each example runs in a savepoint rolled back at its end: sharing the function-scoped
# fixtures between examples is what is wanted. Each stores some fifteen entries and reads some
# forty pages: shrinking a failing one would take minutes, so it is shown as drawn.
fuzz = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)

INVISIBLES = [
    *map(chr, range(0x01, 0x20)),
    "\x7f",
    "\x85",
    "\x9f",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
    "\u200e",
    "\ufffe",
    "\uffff",
]
# Surrogates cannot be encoded for either database; PostgreSQL refuses NUL in any text.
LETTRES = st.characters(exclude_categories=["Cs"], exclude_characters="\x00")
ADRESSES = st.one_of(
    st.sampled_from(
        [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "\x01javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "//ailleurs.example",
            "http://",
            "https://",
            'https://coop.example/"><script>alert(1)</script>',
            "https://coopé.example/à?q=<b>&x=1",
            "ftp://coop.example",
            "",
        ]
    ),
    st.text(LETTRES, max_size=60),
)
HREF_INTERDIT = re.compile(r"""(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.I)
SAME_AS_INTERDIT = re.compile(r'"sameAs"\s*:\s*"(?!https?://)')


def textes(max_size, min_size=0):
    """Texts with invisible characters, or very long ones, cut to what the column holds."""
    alphabet = st.one_of(LETTRES, st.sampled_from(INVISIBLES))
    if connection.vendor == "sqlite":
        alphabet = st.one_of(alphabet, st.just("\x00"))
    longs = st.builds(operator.mul, st.text(alphabet, min_size=1, max_size=3), st.integers(1, 4000))
    courts = st.text(alphabet, min_size=min_size, max_size=40)
    return st.one_of(courts, longs).map(lambda texte: texte[:max_size])


def stocker(tirer):
    """Hostile entries of every kind, linked to each other, all published."""
    nom, texte = textes(200, min_size=1), textes(10_000)
    territoire = TerritoireFactory(nom=tirer(nom))
    thematique = ThematiqueFactory(nom=tirer(textes(100)), description=tirer(texte))
    source = SourceFactory(titre=tirer(textes(300)), url=tirer(ADRESSES), editeur=tirer(nom))
    organisation = OrganisationFactory(
        nom=tirer(nom),
        sigle=tirer(textes(50)),
        description=tirer(texte),
        site_web=tirer(ADRESSES)[:300],
        siege=territoire,
    )
    organisation.types.add(TypeActiviteFactory(nom=tirer(textes(100))))
    organisation.thematiques.add(thematique)
    organisation.territoires_action.add(territoire)
    organisation.sources.add(source)
    autre = OrganisationFactory(nom=tirer(nom), description=tirer(texte))
    RelationFactory(source=autre, cible=organisation, description=tirer(texte))
    ChiffreOrganisationFactory(organisation=organisation, libelle=tirer(textes(100)))
    personne = PersonneFactory(
        prenom=tirer(textes(100)),
        nom=tirer(textes(100, min_size=1)),
        biographie=tirer(texte),
        telephone=tirer(textes(30)),
        contact_is_published=True,
    )
    personne.sources.add(source)
    FonctionFactory(personne=personne, organisation=organisation, intitule=tirer(nom))
    CitationFactory(personne=personne, organisation=organisation, source=source, texte=tirer(texte))
    dispositif = DispositifFactory(
        nom=tirer(nom), public=tirer(texte), etapes=tirer(texte), site_web=tirer(ADRESSES)[:300]
    )
    dispositif.porteurs.add(organisation)
    dispositif.territoires.add(territoire)
    dispositif.sources.add(source)
    fiches = [organisation, personne, dispositif]
    return [fiche.nom[:20] for fiche in fiches], [fiche.get_absolute_url() for fiche in fiches]


# The site's own empty icon, which spares browsers a request for one.
ICONE = '<link rel="icon" href="data:,">'


def verifier(adresse, texte):
    assert not HREF_INTERDIT.search(html.unescape(texte.replace(ICONE, ""))), adresse
    assert not SAME_AS_INTERDIT.search(texte), adresse
    if adresse == "/nouveautes.atom" or adresse.startswith("/sitemap"):
        ElementTree.fromstring(texte.encode())


@fuzz
@given(donnees=st.data())
def test_hostile_stored_data_never_breaks_a_public_page(client, donnees):
    with transaction.atomic():
        # The facet index kept in memory would still hold the entries of the example before.
        index_facettes.oublier()
        recherches, fiches = stocker(donnees.draw)
        pages = pages_publiques(client, recherches=recherches)
        assert set(fiches) <= set(pages)
        for adresse, texte in pages.items():
            verifier(adresse, texte)
        transaction.set_rollback(True)
