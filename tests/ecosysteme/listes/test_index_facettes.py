"""The facets' counts kept in memory: the same as the database's, and current after writes."""

import io

import pytest
from django.core.management import call_command

from acteurs.enums import FormeJuridique
from acteurs.filters import OrganisationFilter
from acteurs.models import Organisation
from ecosysteme.listes import facettes
from ecosysteme.listes.index_facettes import Classement, en_bits
from ecosysteme.models import Territoire, Thematique, VersionDonnees
from tests.factories import OrganisationFactory, ThematiqueFactory, bandes_energie

pytestmark = pytest.mark.django_db


def nombres(response):
    """{(facet, option value): count} as the listing shows them, and its number of results."""
    filtres = response.context["filtres"]
    comptes = {
        (groupe.nom, option.valeur): option.nombre
        for groupe in filtres.groupes
        for option in groupe.options
    }
    return comptes, response.context["page"].paginator.count


@pytest.fixture
def synthetique():
    call_command(
        "generer_annuaire", organisations=300, confirmer=True, graine=3, stdout=io.StringIO()
    )


@pytest.mark.parametrize(
    "parametres",
    [
        {},
        {"forme_juridique": "association"},
        {"territoire": "bretagne"},
        {"forme_juridique": ["scop", "scic"], "territoire": ["bretagne", "occitanie"]},
        {"q": "solidaire"},
        {"q": "jardin", "forme_juridique": "association"},
    ],
)
def test_every_count_is_what_the_database_counts(client, synthetique, parametres):
    response = client.get("/acteurs/", parametres)
    comptes, total = nombres(response)
    filtres = response.context["filtres"]

    assert filtres.avis == []  # every value exists: the filters are all applied
    assert total == filtres.qs.count()
    for (nom, valeur), nombre in comptes.items():
        # The results with this option alone for its facet, every other filter kept.
        avec = OrganisationFilter({**parametres, nom: valeur}, Organisation.objects.published())
        assert nombre == avec.qs.count(), (nom, valeur)
    assert sum(1 for nombre in comptes.values() if nombre) > 10


def test_a_new_organisation_counts_at_once(client, synthetique):
    avant, total = nombres(client.get("/acteurs/"))

    OrganisationFactory(
        forme_juridique=FormeJuridique.SCIC, siege=Territoire.objects.get(slug="bretagne")
    )

    apres, nouveau_total = nombres(client.get("/acteurs/"))
    assert nouveau_total == total + 1
    assert apres["forme_juridique", "scic"] == avant["forme_juridique", "scic"] + 1
    assert apres["territoire", "bretagne"] == avant["territoire", "bretagne"] + 1


def test_unpublishing_deleting_and_relinking_count_at_once(client):
    culture = ThematiqueFactory(nom="Culture", slug="culture")
    alpha, beta, gamma = OrganisationFactory.create_batch(3)
    alpha.thematiques.add(culture)

    def culture_et_total():
        comptes, total = nombres(client.get("/acteurs/"))
        return comptes.get(("thematique", "culture")), total

    assert culture_et_total() == (1, 3)

    beta.thematiques.add(culture)
    assert culture_et_total() == (2, 3)

    alpha.is_published = False
    alpha.save()
    assert culture_et_total() == (1, 2)

    beta.delete()
    assert culture_et_total() == (0, 1)

    Thematique.objects.filter(pk=culture.pk).delete()
    assert culture_et_total() == (None, 1)


def test_the_index_is_read_again_only_when_the_data_changed(client, django_assert_num_queries):
    OrganisationFactory()
    client.get("/acteurs/")
    with django_assert_num_queries(6):
        client.get("/acteurs/")

    VersionDonnees.changer()  # another process wrote something

    # As the first listing (tests/acteurs/test_listing.py), with those that have ceased their
    # activity read with the rest of the index, after the journal of writes, which says that
    # anything may have changed.
    with django_assert_num_queries(14):
        client.get("/acteurs/")


@pytest.fixture
def energies():
    """33 organisations found by « énergie », in four bands of pertinence (3, 4, 6, 20)."""
    bandes_energie(dans_le_texte=6, derives_dans_le_texte=20)
    OrganisationFactory(nom="Sans rapport")


@pytest.mark.parametrize("limite", [4, 10, 15, 1000])
def test_every_page_of_a_search_is_the_databases_page(client, energies, monkeypatch, limite):
    # However few results may be read by their keys, every page is what the whole
    # search, sorted in the database, gives.
    monkeypatch.setattr(facettes, "RESULTATS_PAR_CLES", limite)
    monkeypatch.setattr(facettes, "PAR_PAGE", 4)
    trouves = Organisation.objects.published().search("energie")
    scores = sorted(trouves.values_list("pertinence", flat=True))
    assert [scores.count(score) for score in sorted(set(scores), reverse=True)] == [3, 4, 6, 20]
    attendus = list(trouves.order_by("-pertinence", "nom", "pk").values_list("nom", flat=True))

    pages = []
    for numero in range(1, 10):
        response = client.get("/acteurs/", {"q": "energie", "page": numero})
        assert response.context["page"].paginator.count == 33
        pages += [organisation.nom for organisation in response.context["page"]]

    assert pages == attendus


# The first entries of a set, in an order


@pytest.mark.parametrize(
    "dans_le_set",
    [
        lambda pk: True,  # the whole directory: read along the order
        lambda pk: pk % 3 == 0,  # a third
        lambda pk: pk in (5, 700, 999),  # a few: sorted
        lambda pk: pk >= 950,  # bunched at the end of the order
    ],
)
def test_the_first_entries_of_a_set_are_those_sorting_them_all_would_give(dans_le_set):
    # An order that is not the primary keys' one: 0, 999, 1, 998, 2…
    ordre = [pk for paire in zip(range(500), range(999, 499, -1), strict=True) for pk in paire]
    classement = Classement.de(ordre)
    membres = [pk for pk in range(1000) if dans_le_set(pk)]

    premiers = classement.premiers_de(en_bits(membres), 12)

    assert premiers == sorted(membres, key=ordre.index)[:12]
