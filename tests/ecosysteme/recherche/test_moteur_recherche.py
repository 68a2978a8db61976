"""The search rules, on the seeded data: identical on SQLite and PostgreSQL."""

import pytest

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Personne
from ecosysteme.recherche.moteur import (
    LONGUEUR_MAX_REQUETE,
    a_une_faute_pres,
    document,
    mots,
    nettoyer_requete,
    racine,
)
from tests.factories import FonctionFactory, OrganisationFactory, PersonneFactory


def noms(queryset):
    return [o.nom for o in queryset.order_by("-pertinence", "nom")]


def slugs(texte, modele=Organisation):
    return {o.slug for o in modele.objects.search(texte)}


@pytest.mark.parametrize(
    ("texte", "attendu"),
    [
        ("Pôle d'économie SOLIDAIRE", ["pole", "economie", "solidaire"]),
        ("Extra-Muros", ["extra", "muros"]),
        ("S.C.I.C. et S.C.O.P", ["scic", "scop"]),
        ("cœur", ["coeur"]),
        ("", []),
    ],
)
def test_words_are_folded(texte, attendu):
    assert mots(texte) == attendu


@pytest.mark.parametrize(
    ("forme", "autre_forme"),
    [
        ("cooperatives", "coopérative"),
        ("cooperatif", "coopératives"),
        ("reseaux", "réseau"),
        ("territoriaux", "territorial"),
        ("directrice", "directeur"),
        ("sociales", "social"),
    ],
)
def test_word_forms_share_a_stem(forme, autre_forme):
    assert racine(mots(forme)[0]) == racine(mots(autre_forme)[0])


def test_document_is_space_delimited_and_deduplicated():
    assert document("Coopérative", "coopératives") == " cooperatif "
    assert document("") == ""


@pytest.mark.parametrize(
    ("a", "b", "attendu"),
    [
        ("cooperative", "cooperatve", True),
        ("bossuet", "bosuet", True),
        ("grais", "giras", False),
        ("grais", "garis", True),
        ("solidaire", "solidiare", True),
        ("solidaire", "solitaire", True),
        ("solidaire", "salitaire", False),
    ],
)
def test_one_typo(a, b, attendu):
    assert a_une_faute_pres(a, b) is attendu


def test_query_is_cleaned_and_truncated():
    assert nettoyer_requete("  coop\x00\x1f  scic\n ") == ("coop scic", False)
    texte, tronque = nettoyer_requete("coopérative " * 100)
    assert tronque and len(texte) <= LONGUEUR_MAX_REQUETE


pytestmark = pytest.mark.usefixtures("donnees_seed")


def test_case_and_accent_insensitive():
    assert "pole-economie-solidaire-dijon" in slugs("economie solidaire")
    assert "pole-economie-solidaire-dijon" in slugs("ÉCONOMIE Solidaire")


def test_words_may_match_different_fields():
    # "coopérative" is in the kinds, "Poitiers" in the territory, "culture" in the themes.
    assert slugs("cooperative poitiers culture") == {"collectif-cae-grand-poitiers"}
    assert "liess" in slugs("incubateur haute-vienne")


def test_every_word_must_match():
    assert slugs("grais bruxelles") == set()


def test_name_matches_rank_above_description_matches():
    resultats = noms(Organisation.objects.search("grais"))
    assert resultats[0] == "Groupement d'accompagnement à l'innovation sociale"
    assert set(resultats[1:]) >= {"Active 71", "FDFR 89"}


def test_french_word_forms():
    assert "collectif-cae-grand-poitiers" in slugs("cooperatives")
    assert "aceascop" in slugs("coopératif")
    assert "grais" in slugs("réseaux")


def test_apostrophes_and_hyphens_do_not_get_in_the_way():
    assert "extra-muros" in slugs("extra muros")
    assert "extra-muros" in slugs("extra-muros")
    assert "aceascop" in slugs("d'activite")
    assert "aceascop" in slugs("d activite")


def test_one_typo_in_long_words():
    assert "collectif-cae-grand-poitiers" in slugs("cooperatves")
    assert "pole-economie-solidaire-dijon" in slugs("economie solidiare")
    assert "cooproduction" in slugs("Bosuet")


def test_short_words_match_whole_tokens_only():
    caen = OrganisationFactory(nom="Atelier de Caen")
    assert caen.slug not in slugs("cae")
    assert caen.slug in slugs("caen")
    assert "aceascop" in slugs("cae")


def test_acronyms_with_or_without_dots():
    assert slugs("scic") == slugs("S.C.I.C.") == {"cooproduction", "go-up", "smart-france"}
    assert "grais" in slugs("G.R.A.I.S.")


def test_a_person_is_found_by_name_and_so_are_their_organisations():
    assert slugs("stéphane bossuet", Personne) == {"stephane-bossuet"}
    assert {"artenreel", "cooproduction", "kaleidoscoop"} <= slugs("bossuet")


def test_programmes_are_searchable():
    assert slugs("financement participatif", Dispositif) == {"graine-d-actions"}
    assert "puls-actions" in slugs("puls'actions", Dispositif)


def test_no_usable_word_leaves_the_queryset_unchanged():
    assert Organisation.objects.search("   ").count() == Organisation.objects.count()
    assert Organisation.objects.search("de la").count() == Organisation.objects.count()


def test_unpublished_person_does_not_make_an_organisation_findable():
    organisation = OrganisationFactory(nom="Atelier partagé")
    FonctionFactory(organisation=organisation, personne=PersonneFactory(nom="Zyxwvut"))
    assert organisation.slug in slugs("zyxwvut")
    personne = organisation.fonctions.get().personne
    personne.is_published = False
    personne.save()
    assert organisation.slug not in slugs("zyxwvut")


def test_documents_follow_edits():
    organisation = Organisation.objects.get(slug="grais")
    organisation.nom = "Réseau Bourgogne innovation"
    organisation.save()
    assert "grais" in slugs("bourgogne innovation")
    assert "grais" not in slugs("groupement")


def test_index_follows_writes_that_bypass_the_models():
    # Bulk updates reach the database index too (triggers on SQLite, plain indexes on
    # PostgreSQL), so imports that write the documents directly are searchable at once.
    Organisation.objects.filter(slug="grais").update(recherche_nom=" quasimodo ")
    assert slugs("quasimodo") == {"grais"}
    Organisation.objects.filter(slug="grais").delete()
    assert slugs("quasimodo") == set()
