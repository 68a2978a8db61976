"""A draft is found by nothing: not by its own words, nor through the entries that name it."""

import pytest
from django.urls import reverse

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne
from ecosysteme.models import Vocabulaire
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
)
from tests.test_admin import organisation_post_data

# The draft's name, acronym, a prefix of its name, a typo of it, and the title of the role
# held in it: none may find anything while it is a draft.
RECHERCHES = ["Zorglubix", "ZGX", "zorg", "zorglu", "zorglubux", "trésorière"]
# Every page that answers a search, in every kind of answer.
PAGES = [
    "/recherche/",
    "/acteurs/",
    "/personnes/",
    "/accompagnement/",
    "/api/organisations/",
    "/api/personnes/",
    "/api/dispositifs/",
    "/acteurs/export.csv",
    "/personnes/export.csv",
    "/accompagnement/export.csv",
]
# What the pages would show of the draft and of the published entries linked to it, were
# they found (not its name: a page repeats the query).
TRACES = ["organisation-en-brouillon", "Lemaire", "Fabrique à projets", "Bourse locale"]


@pytest.fixture
def brouillon(db):
    """A draft organisation, with a role held in it by a published person, carrying a
    published programme and partner of another."""
    organisation = OrganisationFactory(
        nom="Zorglubix", sigle="ZGX", slug="organisation-en-brouillon", is_published=False
    )
    FonctionFactory(
        personne=PersonneFactory(nom="Lemaire", slug="camille-lemaire"),
        organisation=organisation,
        intitule="trésorière",
    )
    DispositifFactory(nom="Fabrique à projets", slug="fabrique-a-projets").porteurs.add(
        organisation
    )
    DispositifFactory(nom="Bourse locale", slug="bourse-locale").partenaires.add(organisation)
    return organisation


def contenu(client, page, q):
    reponse = client.get(page, {"q": q})
    assert reponse.status_code == 200, (page, q)
    if reponse.streaming:
        return b"".join(reponse.streaming_content).decode()
    return reponse.content.decode()


def documents():
    """Every search document of the directory, and the vocabulary."""
    textes = [
        document
        for modele in (Organisation, Personne, Dispositif)
        for paire in modele.objects.values_list("recherche_nom", "recherche_texte")
        for document in paire
    ]
    return " ".join(textes), set(Vocabulaire.objects.values_list("mot", flat=True))


def trouvees(q):
    return (
        {o.slug for o in Organisation.objects.published().search(q)}
        | {p.slug for p in Personne.objects.published().search(q)}
        | {d.slug for d in Dispositif.objects.published().search(q)}
    )


def test_a_draft_finds_nothing_on_any_page(client, brouillon):
    for q in RECHERCHES:
        for page in PAGES:
            texte = contenu(client, page, q)
            for trace in TRACES:
                assert trace not in texte, (page, q, trace)


def test_a_draft_is_in_no_document_and_not_in_the_vocabulary(brouillon):
    textes, vocabulaire = documents()

    for racine in ("zorglubi", "zgx", "tresorier"):
        assert f" {racine} " not in textes
    assert "zorglubix" not in vocabulaire


def test_a_draft_name_is_an_unknown_word_to_typo_correction(brouillon):
    # Known, the draft's name would be searched as it is and find nothing; unknown, it is
    # corrected to the published name one letter away, as if the draft did not exist.
    voisine = OrganisationFactory(nom="Zorglubax")

    assert trouvees("zorglubix") == {voisine.slug}


def test_publishing_a_draft_makes_it_findable_and_unpublishing_hides_it_again(brouillon):
    liees = {"organisation-en-brouillon", "camille-lemaire", "fabrique-a-projets", "bourse-locale"}

    brouillon.is_published = True
    brouillon.save()

    for q in ("Zorglubix", "zorg", "ZGX"):
        assert trouvees(q) >= liees, q
    assert "camille-lemaire" in trouvees("trésorière")
    textes, vocabulaire = documents()
    assert " zorglubi " in textes and "zorglubix" in vocabulaire

    brouillon.is_published = False
    brouillon.save()

    for q in RECHERCHES:
        assert trouvees(q) == set(), q
    textes, vocabulaire = documents()
    assert " zorglubi " not in textes and "zorglubix" not in vocabulaire


def test_publishing_and_unpublishing_in_the_admin(admin_client, brouillon):
    url = reverse("admin:acteurs_organisation_change", args=[brouillon.pk])
    donnees = organisation_post_data(brouillon)

    assert admin_client.post(url, donnees).status_code == 302

    assert trouvees("zorg") >= {"organisation-en-brouillon", "camille-lemaire", "bourse-locale"}
    assert "Lemaire" in contenu(admin_client, "/recherche/", "Zorglubix")

    del donnees["is_published"]
    assert admin_client.post(url, donnees).status_code == 302

    assert trouvees("zorg") == set()
    textes, vocabulaire = documents()
    assert "zorglu" not in textes and "zorglubix" not in vocabulaire


def test_a_draft_person_is_not_in_the_vocabulary_and_leaves_it_when_unpublished(db):
    organisation = OrganisationFactory(nom="Atelier partagé")
    personne = PersonneFactory(nom="Quenouillard", is_published=False)
    FonctionFactory(organisation=organisation, personne=personne)
    assert "quenouillard" not in documents()[1]

    personne.is_published = True
    personne.save()
    assert trouvees("quenouillard") == {organisation.slug, personne.slug}

    personne.is_published = False
    personne.save()
    assert trouvees("quenouillard") == set()
    assert "quenouillard" not in documents()[1]


def test_a_renamed_entry_leaves_its_old_name_out_of_the_vocabulary(db):
    organisation = OrganisationFactory(nom="Zorglubix", sigle="ZGX")
    FonctionFactory(organisation=organisation)
    assert "zorglubix" in documents()[1]

    organisation.nom = "Atelier partagé"
    organisation.save()

    assert "zorglubix" not in documents()[1]
    assert "partage" in documents()[1]


@pytest.mark.parametrize("personnes", [1, 8])
def test_publishing_costs_the_same_however_many_entries_name_it(
    django_assert_num_queries, brouillon, personnes
):
    for _ in range(personnes):
        FonctionFactory(organisation=brouillon)
        DispositifFactory().porteurs.add(brouillon)
    brouillon.is_published = True

    # Not counted: the new version of the data, written once at the commit of the
    # transaction (tests/ecosysteme/listes/test_invalidation.py), never reached in a test.
    with django_assert_num_queries(31):
        brouillon.save()
