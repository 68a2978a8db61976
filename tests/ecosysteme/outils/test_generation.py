"""The synthetic directory: refusals, volumes, marking, search, determinism and removal."""

import io
import statistics
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from accompagnement.models import ChiffreDispositif, Dispositif
from accompagnement.recherche import indexer_dispositifs
from acteurs.enums import TypeRelation
from acteurs.models import (
    ChiffreOrganisation,
    Fonction,
    Organisation,
    Personne,
    Relation,
    TerritoireCouvert,
    TypeActivite,
)
from acteurs.recherche import indexer_organisations, indexer_personnes
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Source, Territoire, Thematique
from ecosysteme.outils.synthetique import generation
from ecosysteme.recherche.moteur import MOTS_VIDES
from tests.factories import (
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    TerritoireFactory,
    ThematiqueFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.lent]

N = 300
MARQUES = [Organisation, Personne, Dispositif, Territoire, Thematique, TypeActivite, Source]


def generer(**options):
    options = {"organisations": N, "confirmer": True, "graine": 7, **options}
    sortie = io.StringIO()
    call_command("generer_annuaire", stdout=sortie, **options)
    return sortie.getvalue()


def noms():
    return list(Organisation.objects.order_by("pk").values_list("nom", flat=True))


# Refusals


def test_refuses_without_confirmation():
    with pytest.raises(CommandError, match="--confirmer"):
        call_command("generer_annuaire", organisations=N)
    with pytest.raises(CommandError, match="--confirmer"):
        call_command("generer_annuaire", supprimer=True)

    assert not Organisation.objects.exists()
    assert not Territoire.objects.exists()


def test_refuses_beside_real_organisations_without_the_flag():
    OrganisationFactory()

    with pytest.raises(CommandError, match="--a-cote-des-donnees-reelles"):
        generer()

    assert Organisation.objects.count() == 1


def test_refuses_to_generate_twice_without_replacing():
    generer()

    with pytest.raises(CommandError, match="--remplacer"):
        generer()


def test_replacing_removes_the_previous_directory_first():
    generer()
    avant = {m: m.objects.count() for m in MARQUES}

    generer(remplacer=True)

    assert {m: m.objects.count() for m in MARQUES} == avant


# What it generates


def test_orders_of_magnitude():
    sortie = generer()

    personnes = Personne.objects.count()
    assert Organisation.objects.count() == N
    assert personnes == N * 3 // 2
    assert 1.7 * personnes <= Fonction.objects.count() <= 2.3 * personnes
    assert 2.3 * N <= Relation.objects.count() <= 3.5 * N
    assert Dispositif.objects.count() == N // 20
    assert ChiffreOrganisation.objects.exists() and ChiffreDispositif.objects.exists()
    assert "Organisations : 300 sur 300 (100 %)" in sortie
    # Written by bulk_create, which sends no signal: synthetic entries have no history.
    assert not any(m.history.exists() for m in (Organisation, Personne, Fonction, Relation))
    assert not Dispositif.history.exists()


def test_territories_down_to_communes_in_france_and_belgium():
    generer()

    niveaux = Counter(Territoire.objects.values_list("niveau", flat=True))
    assert niveaux[NiveauTerritoire.PAYS] == 2
    assert niveaux[NiveauTerritoire.REGION] == 18 + 3
    assert niveaux[NiveauTerritoire.DEPARTEMENT] == 101 + 10
    assert niveaux[NiveauTerritoire.COMMUNE] >= 150
    bruxelles = Territoire.objects.get(slug="region-de-bruxelles-capitale")
    assert bruxelles.code == "04000" and bruxelles.parent.slug == "belgique"
    commune = Territoire.objects.filter(niveau=NiveauTerritoire.COMMUNE).first()
    assert [t.niveau for t in commune.ancetres()][-1] == NiveauTerritoire.PAYS


def test_skewed_like_a_real_directory():
    generer()

    membres = Counter(
        Relation.objects.filter(type=TypeRelation.MEMBRE).values_list("cible", flat=True)
    )
    par_organisation = Organisation.objects.annotate(n=Count("relations_sortantes"))
    sieges = Counter(Organisation.objects.values_list("siege", flat=True))
    # A few networks gather many members; most organisations have few relations.
    assert max(membres.values()) >= 50
    assert statistics.median(par_organisation.values_list("n", flat=True)) <= 3
    # A few communes, the big cities, are the seat of many organisations.
    assert max(sieges.values()) >= 10 * statistics.median(sieges.values())
    assert len(Counter(Organisation.objects.values_list("forme_juridique", flat=True))) >= 8


def test_reuses_existing_reference_data():
    culture = ThematiqueFactory(nom="Culture", slug="culture")
    gironde = TerritoireFactory(nom="Gironde", slug="gironde", niveau="departement", code="33")

    generer(a_cote_des_donnees_reelles=True)

    assert Thematique.objects.filter(nom="Culture").get() == culture
    assert not Thematique.objects.get(pk=culture.pk).is_synthetic
    assert Territoire.objects.filter(slug="gironde").get() == gironde
    assert Territoire.objects.filter(niveau="departement", code="33").count() == 1


def test_everything_generated_is_marked_synthetic():
    generer()

    for modele in MARQUES:
        assert modele.objects.exists()
        assert not modele.objects.filter(is_synthetic=False).exists(), modele


def test_same_seed_same_directory_another_seed_another():
    generer(graine=3)
    premiers = noms()
    personnes = list(Personne.objects.order_by("pk").values_list("slug", flat=True))

    generer(graine=3, remplacer=True)
    assert noms() == premiers
    assert list(Personne.objects.order_by("pk").values_list("slug", flat=True)) == personnes

    generer(graine=4, remplacer=True)
    assert noms() != premiers


def test_a_child_process_builds_the_same_directory(monkeypatch):
    # Several batches: they are built by a child process, then in this one.
    monkeypatch.setattr(generation, "TAILLE_LOT", 100)
    generer()
    en_parallele = noms(), Relation.objects.count(), Fonction.objects.count()

    monkeypatch.setattr(generation, "PARALLELE", False)
    generer(remplacer=True)

    assert (noms(), Relation.objects.count(), Fonction.objects.count()) == en_parallele


# Search


def test_every_published_organisation_is_found_by_a_word_of_its_name():
    generer()

    for organisation in Organisation.objects.order_by("pk")[::15]:
        mot = max(organisation.nom.replace("'", " ").split(), key=len)
        trouvee = organisation in Organisation.objects.search(mot)
        assert trouvee == organisation.is_published, (mot, organisation.nom)


def test_found_by_several_words_with_accents_hyphens_and_apostrophes():
    generer()
    nom = next(n for n in noms() if "'" in n or "-" in n)

    trouvees = Organisation.objects.search(nom.upper())

    assert nom in trouvees.values_list("nom", flat=True)


def test_people_are_found_by_name_and_programmes_by_their_carriers():
    generer()
    personne = Personne.objects.exclude(nom="").filter(is_published=True).first()
    dispositif = Dispositif.objects.first()
    porteur = dispositif.porteurs.first()
    mot = next(m for m in porteur.nom.split() if len(m) > 3 and m.lower() not in MOTS_VIDES)

    assert personne in Personne.objects.search(f"{personne.prenom} {personne.nom}")
    assert dispositif in Dispositif.objects.search(f"{dispositif.nom} {mot}")


def test_documents_are_those_the_indexer_computes():
    generer()
    modeles = {
        Organisation: indexer_organisations,
        Personne: indexer_personnes,
        Dispositif: indexer_dispositifs,
    }
    champs = ["is_published", "recherche_nom", "recherche_texte"]
    generes = {
        modele: list(modele.objects.order_by("pk").values_list(*champs)) for modele in modeles
    }

    for modele, indexer in modeles.items():
        indexer(pks=list(modele.objects.values_list("pk", flat=True)))
        recalcules = modele.objects.order_by("pk").values_list(*champs)
        assert list(recalcules) == generes[modele], modele
        # Drafts have no documents: nothing finds them.
        assert all(bool(nom) == publiee for publiee, nom, _ in generes[modele])


def test_territories_covered_are_those_the_indexer_computes():
    generer()
    couverts = TerritoireCouvert.objects.values_list("organisation", "territoire")
    generes = set(couverts)

    indexer_organisations(pks=list(Organisation.objects.values_list("pk", flat=True)))

    assert set(couverts) == generes
    # An organisation with a seat covers at least its country.
    sieges = Organisation.objects.filter(siege__isnull=False).values_list("pk", flat=True)
    assert {o for o, _ in generes} >= set(sieges)
    assert len(sieges) > N / 2


# Removal


def test_removal_leaves_real_entries_untouched():
    reelle = OrganisationFactory(nom="Coopérative réelle")
    relation = RelationFactory(source=reelle, cible=OrganisationFactory())
    fonction = FonctionFactory(organisation=reelle, personne=PersonneFactory(nom="Réel"))
    reelle.refresh_from_db()
    generer(a_cote_des_donnees_reelles=True)

    sortie = io.StringIO()
    call_command("generer_annuaire", supprimer=True, confirmer=True, stdout=sortie)

    for modele in MARQUES:
        assert not modele.objects.filter(is_synthetic=True).exists(), modele
    assert set(Organisation.objects.all()) == {relation.source, relation.cible}
    assert list(Relation.objects.all()) == [relation]
    assert not TerritoireCouvert.objects.exclude(organisation__in=[reelle, relation.cible]).exists()
    assert list(Fonction.objects.all()) == [fonction]
    assert Personne.objects.get().nom == "Réel"
    assert Organisation.objects.get(pk=reelle.pk).recherche_texte == reelle.recherche_texte
    assert not ChiffreOrganisation.objects.exists() and not Dispositif.objects.exists()
    assert "300 acteurs.Organisation" in sortie.getvalue()


def test_removal_reindexes_a_real_entry_that_named_a_synthetic_one():
    generer()
    synthetique = Organisation.objects.first()
    personne = PersonneFactory(nom="Réel")
    FonctionFactory(personne=personne, organisation=synthetique)
    personne.refresh_from_db()
    assert personne.recherche_texte  # the role and the organisation's name

    call_command("generer_annuaire", supprimer=True, confirmer=True, stdout=io.StringIO())

    personne.refresh_from_db()
    assert personne.recherche_texte == ""


def test_removal_refuses_when_a_real_entry_sits_in_a_synthetic_territory():
    generer()
    commune = Territoire.objects.filter(niveau=NiveauTerritoire.COMMUNE).first()
    OrganisationFactory(siege=commune)

    with pytest.raises(CommandError, match="rien n'a été supprimé"):
        call_command("generer_annuaire", supprimer=True, confirmer=True)

    assert Organisation.objects.filter(is_synthetic=True).count() == N
