"""The tree of territories: no loop and no chain deeper than six levels gets in, and a loop
that the database holds anyway (raw SQL) leaves every page answering."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from acteurs.models import Organisation, TerritoireCouvert
from acteurs.recherche import indexer_organisations
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import PROFONDEUR_MAX, Territoire
from ecosysteme.recherche.indexation import avec_parents, noms_territoire
from tests.ecosysteme.outils.test_chargement import etat_de_la_base
from tests.hierarchies import adresses_des_territoires, forcer_parent, lire, sans_fin_interrompue

pytestmark = pytest.mark.usefixtures("donnees_seed")


@pytest.fixture(autouse=True)
def _sans_fin_interrompue():
    # Saving a territory reindexes what lies in it, walking up the tree: a loop let in would
    # hang the test rather than fail it.
    with sans_fin_interrompue(requetes=5000):
        yield


BOUCLE = "Ce parent créerait une boucle : « Vienne » est déjà sous « Nouvelle-Aquitaine »."


def territoire(slug):
    return Territoire.objects.get(slug=slug)


def chaine(longueur, sommet=None):
    """Territories one below the other, from the top; the last is `longueur` levels down."""
    territoires = []
    for rang in range(longueur):
        sommet = Territoire.objects.create(
            nom=f"Niveau {rang}", slug=f"niveau-{rang}", niveau=NiveauTerritoire.AUTRE,
            parent=sommet,
        )  # fmt: skip
        territoires.append(sommet)
    return territoires


# Refused at every entry point


def test_full_clean_refuses_a_parent_below_the_territory():
    region = territoire("nouvelle-aquitaine")
    region.parent = territoire("vienne")

    with pytest.raises(ValidationError) as refus:
        region.full_clean()

    assert refus.value.message_dict == {"parent": [BOUCLE]}


def test_full_clean_refuses_a_loop_several_levels_down():
    france = territoire("france")
    france.parent = territoire("poitiers")

    with pytest.raises(ValidationError) as refus:
        france.full_clean()

    assert refus.value.message_dict == {
        "parent": ["Ce parent créerait une boucle : « Poitiers » est déjà sous « France »."]
    }


def test_full_clean_refuses_the_territory_as_its_own_parent():
    france = territoire("france")
    france.parent = france

    with pytest.raises(ValidationError) as refus:
        france.full_clean()

    assert "Un territoire ne peut pas être son propre parent." in refus.value.messages


def test_full_clean_accepts_a_move_elsewhere_in_the_tree():
    vienne = territoire("vienne")
    vienne.parent = territoire("grand-est")

    vienne.full_clean()


def test_a_chain_of_six_levels_is_accepted_and_a_seventh_refused():
    niveaux = chaine(PROFONDEUR_MAX + 1)
    septieme = Territoire(
        nom="Septième", slug="septieme", niveau=NiveauTerritoire.AUTRE, parent=niveaux[-1]
    )

    with pytest.raises(ValidationError) as refus:
        septieme.full_clean()

    assert refus.value.message_dict == {
        "parent": [
            "Ce parent placerait « Septième » trop bas : la hiérarchie des territoires compte au "
            "plus six niveaux, du pays à la commune."
        ]
    }


def test_moving_a_territory_refuses_to_push_the_ones_below_it_too_deep():
    # Poitiers lies two levels below Vienne: below a chain of four, it would have six parents.
    niveaux = chaine(4)
    vienne = territoire("vienne")
    vienne.parent = niveaux[-1]

    with pytest.raises(ValidationError) as refus:
        vienne.full_clean()

    assert refus.value.message_dict == {
        "parent": [
            "Ce parent placerait « Poitiers », sous « Vienne », trop bas : la hiérarchie des "
            "territoires compte au plus six niveaux, du pays à la commune."
        ]
    }


def test_admin_refuses_a_loop_and_changes_nothing(admin_client):
    region, vienne = territoire("nouvelle-aquitaine"), territoire("vienne")
    donnees = {
        "nom": region.nom,
        "slug": region.slug,
        "niveau": region.niveau,
        "code": region.code,
        "parent": vienne.pk,
    }

    reponse = admin_client.post(
        reverse("admin:ecosysteme_territoire_change", args=[region.pk]), donnees
    )

    assertContains(reponse, BOUCLE)
    region.refresh_from_db()
    assert region.parent == territoire("france")


def ecrire(tmp_path, entrees):
    chemin = tmp_path / "territoires.json"
    chemin.write_text(json.dumps(entrees, ensure_ascii=False), encoding="utf-8")
    return chemin


def entree(slug, parent, **champs):
    champs = {"nom": slug.title(), "slug": slug, "niveau": "autre", "parent": parent, **champs}
    return {"model": "ecosysteme.territoire", "fields": champs}


def refus_de_loaddata(chemin):
    avant = etat_de_la_base()
    with pytest.raises(CommandError) as refus:
        call_command("loaddata", str(chemin), verbosity=0)
    assert etat_de_la_base() == avant
    return str(refus.value)


def test_loaddata_refuses_a_file_that_moves_a_territory_below_its_own_child(tmp_path):
    region = territoire("nouvelle-aquitaine")
    chemin = ecrire(tmp_path, [entree("nouvelle-aquitaine", ["vienne"], nom=region.nom)])

    assert refus_de_loaddata(chemin) == (
        f"{chemin}, entrée n° 1 (ecosysteme.territoire « nouvelle-aquitaine ») : "
        f"champ parent : {BOUCLE}"
    )
    assert territoire("nouvelle-aquitaine").parent == territoire("france")


def test_loaddata_refuses_two_new_territories_parents_of_each_other(tmp_path):
    # The first names the second before it exists: the loop closes at the second entry.
    chemin = ecrire(tmp_path, [entree("amont", ["aval"]), entree("aval", ["amont"])])

    assert refus_de_loaddata(chemin) == (
        f"{chemin}, entrée n° 1 (ecosysteme.territoire « amont ») : champ parent : "
        "Ce parent créerait une boucle : « Aval » est déjà sous « Amont »."
    )


def test_loaddata_refuses_a_loop_given_by_primary_keys(tmp_path):
    entrees = [
        {"model": "ecosysteme.territoire", "pk": 9001, **entree("amont", 9003)},
        {"model": "ecosysteme.territoire", "pk": 9002, **entree("milieu", 9001)},
        {"model": "ecosysteme.territoire", "pk": 9003, **entree("aval", 9002)},
    ]
    chemin = ecrire(tmp_path, entrees)

    assert refus_de_loaddata(chemin) == (
        f"{chemin}, entrée n° 3 (ecosysteme.territoire « aval ») : champ parent : "
        "Ce parent créerait une boucle : « Milieu » est déjà sous « Aval »."
    )


def test_loaddata_refuses_a_chain_too_deep(tmp_path):
    entrees = [entree("niveau-0", None)]
    entrees += [entree(f"niveau-{n}", [f"niveau-{n - 1}"]) for n in range(1, 7)]
    chemin = ecrire(tmp_path, entrees)

    assert refus_de_loaddata(chemin) == (
        f"{chemin}, entrée n° 7 (ecosysteme.territoire « niveau-6 ») : champ parent : "
        "Ce parent placerait « Niveau-6 » trop bas : la hiérarchie des territoires compte au "
        "plus six niveaux, du pays à la commune."
    )


def test_valider_donnees_reports_the_loop_and_keeps_nothing(tmp_path):
    chemin = ecrire(
        tmp_path,
        [
            entree("amont", ["aval"]),
            entree("aval", ["amont"]),
            entree("nouvelle-aquitaine", ["vienne"], nom="Nouvelle-Aquitaine"),
        ],
    )
    avant = etat_de_la_base()

    with pytest.raises(CommandError) as refus:
        call_command("valider_donnees", str(chemin))

    assert str(refus.value).splitlines() == [
        f"{chemin}, entrée n° 1 (ecosysteme.territoire « amont ») : champ parent : "
        "Ce parent créerait une boucle : « Aval » est déjà sous « Amont ».",
        f"{chemin}, entrée n° 3 (ecosysteme.territoire « nouvelle-aquitaine ») : "
        f"champ parent : {BOUCLE}",
        "2 problèmes : rien n'a été chargé.",
    ]
    assert etat_de_la_base() == avant


# Bounded when the database holds a loop anyway


@pytest.fixture
def boucle(donnees_seed):
    """Nouvelle-Aquitaine and Vienne each other's parent, as raw SQL could leave them."""
    forcer_parent(territoire("nouvelle-aquitaine"), territoire("vienne"))
    return ["nouvelle-aquitaine", "vienne", "grand-poitiers", "poitiers", "france"]


@pytest.mark.usefixtures("boucle")
def test_walks_up_stop_at_the_loop():
    poitiers = Territoire.objects.for_page().get(slug="poitiers")

    with sans_fin_interrompue(20):
        assert [t.slug for t in poitiers.ancetres()] == [
            "grand-poitiers",
            "vienne",
            "nouvelle-aquitaine",
        ]
        assert noms_territoire(poitiers) == [
            "Poitiers",
            "Grand Poitiers",
            "Vienne",
            "Nouvelle-Aquitaine",
        ]


def test_walks_up_stop_at_a_territory_its_own_parent():
    # The database refuses this one: a territory built in memory can still hold it.
    seul = Territoire(pk=1, nom="Seul", slug="seul", niveau=NiveauTerritoire.AUTRE)
    seul.parent = seul

    with sans_fin_interrompue(requetes=0):
        assert seul.ancetres() == []
        assert noms_territoire(seul) == ["Seul"]
        assert avec_parents([seul]) == {1}


def test_walks_up_and_down_stop_at_the_depth_of_the_hierarchy():
    niveaux = chaine(3 * PROFONDEUR_MAX)
    bas = Territoire.objects.get(pk=niveaux[-1].pk)

    with sans_fin_interrompue(3 * PROFONDEUR_MAX):
        assert len(bas.ancetres()) == PROFONDEUR_MAX
        assert len(noms_territoire(bas)) == PROFONDEUR_MAX + 1
        assert len(Territoire.objects.with_descendants(niveaux[0])) == PROFONDEUR_MAX + 1


@pytest.mark.usefixtures("boucle")
def test_with_descendants_stops_at_the_loop():
    with sans_fin_interrompue(20):
        dessous = Territoire.objects.with_descendants(territoire("vienne"))

        assert {t.slug for t in dessous} == {
            *("vienne", "grand-poitiers", "poitiers"),
            *("nouvelle-aquitaine", "gironde", "haute-vienne", "deux-sevres", "aquitaine"),
            *("scot-sud-gironde", "limoges", "niort"),
        }


def test_every_page_over_the_loop_answers(client, boucle):
    for adresse in adresses_des_territoires(boucle):
        reponse = lire(client, adresse)

        assert reponse.status_code == 200, adresse


def test_the_territory_page_shows_the_parents_once(client, boucle):
    reponse = lire(client, "/territoires/poitiers/")

    assert reponse.texte.count('href="/territoires/nouvelle-aquitaine/"') == 1


def test_an_organisation_seated_below_the_loop_is_indexed(boucle):
    organisation = Organisation.objects.get(slug="aceascop")

    with sans_fin_interrompue():
        indexer_organisations(pks=[organisation.pk])

    couverts = TerritoireCouvert.objects.filter(organisation=organisation)
    assert {c.territoire.slug for c in couverts} == {"grand-poitiers", "vienne",
                                                     "nouvelle-aquitaine"}  # fmt: skip


def test_an_organisation_seated_below_the_loop_is_saved_in_the_admin(admin_client, boucle):
    organisation = Organisation.objects.filter(siege__slug="grand-poitiers").first()
    donnees = {
        "nom": "Nom modifié",
        "slug": organisation.slug,
        "forme_juridique": organisation.forme_juridique,
        "siege": organisation.siege_id,
        "is_published": "on",
        "frequence_verification": "12",
    }
    for prefixe in ["fonctions", "relations_sortantes", "relations_entrantes", "chiffres",
                    "citations"]:  # fmt: skip
        donnees[f"{prefixe}-TOTAL_FORMS"] = donnees[f"{prefixe}-INITIAL_FORMS"] = "0"

    with sans_fin_interrompue():
        reponse = admin_client.post(
            reverse("admin:acteurs_organisation_change", args=[organisation.pk]), donnees
        )

    assert reponse.status_code == 302
    organisation.refresh_from_db()
    assert organisation.nom == "Nom modifié"


@pytest.mark.usefixtures("boucle")
def test_a_parent_already_in_a_loop_is_refused():
    nouveau = Territoire(
        nom="Quartier",
        slug="quartier",
        niveau=NiveauTerritoire.AUTRE,
        parent=territoire("poitiers"),
    )

    with pytest.raises(ValidationError) as refus:
        nouveau.full_clean()

    assert refus.value.message_dict == {
        "parent": ["Les territoires au-dessus de « Poitiers » forment déjà une boucle."]
    }


@pytest.mark.usefixtures("boucle")
def test_a_loop_in_the_database_is_mended_in_the_admin(admin_client):
    region = territoire("nouvelle-aquitaine")
    donnees = {"nom_fr": region.nom, "slug": region.slug, "niveau": region.niveau,
               "code": region.code, "parent": territoire("france").pk}  # fmt: skip

    reponse = admin_client.post(
        reverse("admin:ecosysteme_territoire_change", args=[region.pk]), donnees
    )

    assert reponse.status_code == 302
    assert [t.slug for t in territoire("poitiers").ancetres()] == [
        "grand-poitiers", "vienne", "nouvelle-aquitaine", "france"
    ]  # fmt: skip
