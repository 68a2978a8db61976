"""No page answers a 500 or walks without end, whatever tree of territories the database holds.

The model refuses a loop or a chain too deep (tests/ecosysteme/test_territoires_boucles.py);
raw SQL, an old backup or a bulk update can still store one. Hypothesis draws such trees over
the seeded directory: territories moved under any other (their own descendants included),
loops, orphans, levels that contradict the tree, and chains far deeper than six levels with
organisations seated at their bottom. It stores them past every check, has the organisations
reindexed as saving them would, then reads every public page that walks the tree. A territory
cannot be stored as its own parent: the database itself refuses it (territoire_no_self_parent).
How many examples: the Hypothesis profiles in tests/conftest.py.
"""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accompagnement.models import Dispositif
from accompagnement.recherche import indexer_dispositifs
from acteurs.models import Organisation
from acteurs.recherche import indexer_organisations
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.listes.index_facettes import donnees_modifiees
from ecosysteme.models import Territoire
from tests.hierarchies import adresses_des_territoires, lire, sans_fin_interrompue

pytestmark = pytest.mark.usefixtures("donnees_seed")

# Each example changes the seeded directory inside a transaction of its own, rolled back at its
# end: sharing the function-scoped fixtures between examples is what is wanted.
fuzz = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

NIVEAUX = st.sampled_from(NiveauTerritoire.values)


@st.composite
def hierarchies(draw, slugs):
    """(moves, chain): new parents (or none) and levels for some seeded territories, and a
    chain of new territories hung below one of them, its bottom perhaps looping to its top."""
    deplaces = draw(st.lists(st.sampled_from(slugs), unique=True, max_size=8))
    deplacements = [
        (slug, draw(st.sampled_from([None, *(s for s in slugs if s != slug)])), draw(NIVEAUX))
        for slug in deplaces
    ]
    chaine = {
        "longueur": draw(st.integers(0, 40)),
        "sous": draw(st.sampled_from([None, *slugs])),
        "boucle": draw(st.booleans()),
        "niveau": draw(NIVEAUX),
    }
    return deplacements, chaine


def stocker(deplacements, chaine):
    """Stores the drawn tree past every check, as raw SQL would; returns the slugs it touched."""
    touches = []
    for slug, parent, niveau in deplacements:
        parent = Territoire.objects.filter(slug=parent).first()
        Territoire.objects.filter(slug=slug).update(parent=parent)
        # The level too, unless another territory of that level has the same code: the
        # database refuses that, and it is another matter than the tree.
        codes_pris = Territoire.objects.filter(niveau=niveau).exclude(code="").values("code")
        Territoire.objects.filter(slug=slug).exclude(code__in=codes_pris).update(niveau=niveau)
        touches.append(slug)
    if chaine["longueur"]:
        maillons = [Territoire.objects.filter(slug=chaine["sous"]).first()]
        for rang in range(chaine["longueur"]):
            maillons.append(
                Territoire.objects.create(
                    nom=f"Maillon {rang}",
                    slug=f"maillon-{rang}",
                    niveau=chaine["niveau"],
                    parent=maillons[-1],
                )
            )
        haut, bas = maillons[1], maillons[-1]
        if chaine["boucle"] and haut != bas:
            Territoire.objects.filter(pk=haut.pk).update(parent=bas)
        premiere = Organisation.objects.order_by("pk")[0]
        Organisation.objects.filter(pk=premiere.pk).update(siege=bas)
        touches += [haut.slug, bas.slug]
    return touches


@fuzz
@given(donnees=st.data())
def test_aucune_page_ne_boucle_sur_une_hierarchie_hostile(client, donnees):
    slugs = sorted(Territoire.objects.values_list("slug", flat=True))
    deplacements, chaine = donnees.draw(hierarchies(slugs))
    with transaction.atomic():
        touches = stocker(deplacements, chaine)
        if donnees.draw(st.booleans(), label="réindexé"):
            # Saving an entry reindexes it: every one here, over the new tree. Otherwise the
            # derived rows (territories covered) still describe the old tree, as after raw SQL.
            with sans_fin_interrompue(requetes=2000):
                indexer_organisations(pks=Organisation.objects.values("pk"))
                indexer_dispositifs(pks=Dispositif.objects.values("pk"))
        donnees_modifiees()  # the updates above send no signal
        lus = donnees.draw(st.lists(st.sampled_from(touches or slugs), max_size=2, unique=True))
        for adresse in adresses_des_territoires(lus):
            reponse = lire(client, adresse)
            assert reponse.status_code == 200, adresse
        transaction.set_rollback(True)
