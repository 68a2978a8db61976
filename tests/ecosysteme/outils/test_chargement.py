"""Loading fixtures and imports: a bad entry is refused, named precisely, and changes nothing."""

import json
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from accompagnement.models import Dispositif
from acteurs.models import Organisation, Relation
from ecosysteme.models import Territoire, VersionDonnees

pytestmark = pytest.mark.usefixtures("donnees_seed")

HORODATAGE = {"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z"}
# A SIRET whose Luhn key is right (and its SIREN, its first nine digits).
SIRET_VALIDE = "73282932000074"


def etat_de_la_base():
    """Rows of every model of the directory, and the token that changes with every write."""
    comptes = {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.app_label in {"ecosysteme", "acteurs", "accompagnement"}
    }
    return comptes, VersionDonnees.actuelle()


def ecrire(tmp_path, objets, nom="import.json"):
    chemin = tmp_path / nom
    chemin.write_text(json.dumps(objets, ensure_ascii=False), encoding="utf-8")
    return chemin


def organisation(slug, **champs):
    return {
        "model": "acteurs.organisation",
        "fields": {"slug": slug, "nom": slug, **HORODATAGE, **champs},
    }


def relation(source, cible, **champs):
    champs = {"source": [source], "cible": [cible], "type": "partenaire", **champs}
    return {"model": "acteurs.relation", "fields": champs}


def refus(chemin):
    """The message of loaddata's refusal of this file, after checking it changed nothing."""
    avant = etat_de_la_base()
    with pytest.raises(CommandError) as refus:
        call_command("loaddata", str(chemin), verbosity=0)
    assert etat_de_la_base() == avant
    return str(refus.value)


def test_malformed_json_is_refused_with_its_line_and_column(tmp_path):
    chemin = tmp_path / "casse.json"
    chemin.write_text('[{"model": "acteurs.organisation", "fields": {"nom": ', encoding="utf-8")
    assert refus(chemin) == f"{chemin} : JSON mal formé, ligne 1, colonne 54 (Expecting value)"


def test_a_file_that_is_not_a_list_of_entries_is_refused(tmp_path):
    chemin = ecrire(tmp_path, {"model": "acteurs.organisation"})
    assert refus(chemin) == f"{chemin} : le fichier doit contenir une liste d'entrées"


def test_an_entry_without_fields_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [organisation("scop-x"), {"model": "acteurs.organisation"}])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 2 (acteurs.organisation) : "
        "entrée mal formée : un objet avec « model » et « fields »"
    )


def test_missing_reference_is_refused_and_the_entries_before_it_are_not_kept(tmp_path):
    chemin = ecrire(
        tmp_path,
        [organisation("nouvelle-scop"), organisation("autre-scop", siege=["territoire-inconnu"])],
    )
    assert refus(chemin) == (
        f"{chemin}, entrée n° 2 (acteurs.organisation « autre-scop ») : "
        "champ siege : territoire « territoire-inconnu » introuvable"
    )
    assert not Organisation.objects.filter(slug="nouvelle-scop").exists()


def test_missing_reference_among_several_is_named(tmp_path):
    chemin = ecrire(
        tmp_path, [organisation("scop-x", thematiques=[["conseil"], ["thematique-inconnue"]])]
    )
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        "champ thematiques : thématique « thematique-inconnue » introuvable"
    )


def test_missing_reference_in_a_natural_key_is_refused(tmp_path):
    fonction = {
        "model": "acteurs.fonction",
        "fields": {"personne": ["personne-inconnue"], "organisation": ["grais"], "intitule": "x"},
    }
    chemin = ecrire(tmp_path, [fonction])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (acteurs.fonction) : "
        "champ personne : personne « personne-inconnue » introuvable (elle fait partie de la "
        "clé naturelle de l'entrée : elle doit être chargée avant elle)"
    )


def test_bad_siret_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [organisation("scop-x", siret="73282932000075")])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        "champ siret : Ce SIRET n'est pas valide (clé de contrôle erronée)."
    )


def test_every_field_at_fault_in_an_entry_is_named(tmp_path):
    chemin = ecrire(tmp_path, [organisation("scop-x", siren="12345", site_web="pas une adresse")])
    assert refus(chemin).splitlines() == [
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        "champ site_web : Saisissez une URL valide.",
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        "champ siren : Le SIREN compte 9 chiffres, sans espace.",
    ]


def test_value_of_the_wrong_type_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [organisation("scop-x", annee_creation="mille")])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        # Django's own message, with its non-breaking spaces inside the quotes.
        "champ annee_creation : La valeur «\xa0mille\xa0» doit être un nombre entier."
    )


@pytest.mark.parametrize(
    ("entree", "nom"),
    [
        (relation("grais", "go-up", debut="2020-01-01", fin="2019-01-01"),
         "acteurs.relation « grais / go-up / partenaire »"),
        ({"model": "acteurs.fonction",
          "fields": {"personne": ["michel-bouchaert"], "organisation": ["grais"],
                     "intitule": "trésorier", "debut": "2015-06-01", "fin": "2012-01-01"}},
         "acteurs.fonction « michel-bouchaert / grais / trésorier »"),
        ({"model": "accompagnement.dispositif",
          "fields": {"slug": "essai", "nom": "Essai", "nature": "incubation", **HORODATAGE,
                     "debut": "2016-01-01", "fin": "2015-12-31"}},
         "accompagnement.dispositif « essai »"),
    ],
)  # fmt: skip
def test_end_before_start_is_refused(tmp_path, entree, nom):
    chemin = ecrire(tmp_path, [entree])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 ({nom}) : champs debut, fin, fin_precision : "
        "La fin ne peut pas précéder le début."
    )


def test_end_before_start_is_refused_by_full_clean():
    # As in the admin: the constraint on the dates is checked before the database sees it.
    relation_ = Relation(
        source=Organisation.objects.get(slug="grais"),
        cible=Organisation.objects.get(slug="go-up"),
        type="partenaire",
        debut=date(2020, 1, 1),
        fin=date(2019, 12, 31),
    )
    with pytest.raises(ValidationError) as refus_:
        relation_.full_clean()
    assert refus_.value.messages == ["La fin ne peut pas précéder le début."]


def test_organisation_related_to_itself_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [relation("grais", "go-up"), relation("grais", "grais")])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 2 (acteurs.relation « grais / grais / partenaire ») : "
        "champs cible, source : Une organisation ne peut pas être liée à elle-même."
    )


def test_unknown_model_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [{"model": "acteurs.organisaton", "fields": {"slug": "scop-x"}}])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (acteurs.organisaton « scop-x ») : "
        "champ model : modèle inconnu « acteurs.organisaton »"
    )


def test_unknown_field_is_refused(tmp_path):
    chemin = ecrire(tmp_path, [organisation("scop-x", couleur="bleu")])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        "champ couleur : ce champ n'existe pas dans acteurs.organisation"
    )


def test_missing_timestamps_are_named(tmp_path):
    entree = {"model": "acteurs.organisation", "fields": {"slug": "scop-x", "nom": "Scop X"}}
    chemin = ecrire(tmp_path, [entree])
    assert refus(chemin).splitlines() == [
        f"{chemin}, entrée n° 1 (acteurs.organisation « scop-x ») : "
        f"champ {champ} : ce champ est obligatoire"
        for champ in ("created_at", "updated_at")
    ]


def test_the_second_of_several_files_is_named(tmp_path):
    bon = ecrire(tmp_path, [organisation("scop-x")], nom="bon.json")
    mauvais = ecrire(tmp_path, [organisation("scop-y", siren="123")], nom="mauvais.json")
    avant = etat_de_la_base()
    with pytest.raises(CommandError) as refus_:
        call_command("loaddata", str(bon), str(mauvais), verbosity=0)
    assert str(refus_.value).startswith(f"{mauvais}, entrée n° 1 (acteurs.organisation « scop-y »)")
    assert etat_de_la_base() == avant


def test_a_valid_import_is_loaded_with_references_to_later_entries(tmp_path):
    # The organisation comes before its seat and the programme before its carrier. (A
    # relation cannot: its natural key is made of its organisations, looked up as it loads.)
    chemin = ecrire(
        tmp_path,
        [
            organisation("scop-x", siege=["nouvelle-commune"], siret=SIRET_VALIDE),
            {"model": "accompagnement.dispositif",
             "fields": {"slug": "essai", "nom": "Essai", "nature": "incubation", **HORODATAGE,
                        "porteurs": [["scop-y"]]}},
            organisation("scop-y"),
            relation("scop-x", "scop-y"),
            {
                "model": "ecosysteme.territoire",
                "fields": {"slug": "nouvelle-commune", "nom": "Nouvelle", "niveau": "commune",
                           "parent": ["gironde"]},
            },
        ],
    )  # fmt: skip
    call_command("loaddata", str(chemin), verbosity=0)
    scop = Organisation.objects.get(slug="scop-x")
    assert scop.siege.slug == "nouvelle-commune"
    assert scop.relations_sortantes.get().cible.slug == "scop-y"
    assert [o.slug for o in Dispositif.objects.get(slug="essai").porteurs.all()] == ["scop-y"]
    # The signals still index what is loaded: found by the name of its seat.
    assert Organisation.objects.search("Nouvelle").filter(pk=scop.pk).exists()


def test_backup_by_ids_may_name_a_parent_further_on(tmp_path):
    # A backup made without natural keys refers to other rows by id, in any order.
    gironde = Territoire.objects.get(slug="gironde")
    chemin = ecrire(
        tmp_path,
        [
            {"model": "ecosysteme.territoire", "pk": 9001,
             "fields": {"slug": "commune-b", "nom": "B", "niveau": "commune", "parent": 9002}},
            {"model": "ecosysteme.territoire", "pk": 9002,
             "fields": {"slug": "interco-a", "nom": "A", "niveau": "intercommunalite",
                        "parent": gironde.pk}},
        ],
    )  # fmt: skip
    call_command("loaddata", str(chemin), verbosity=0)
    assert Territoire.objects.get(slug="commune-b").parent.slug == "interco-a"


def test_backup_by_ids_naming_a_missing_row_is_refused(tmp_path):
    entree = {
        "model": "ecosysteme.territoire",
        "pk": 9001,
        "fields": {"slug": "commune-b", "nom": "B", "niveau": "commune", "parent": 9999},
    }
    chemin = ecrire(tmp_path, [entree])
    assert refus(chemin) == (
        f"{chemin}, entrée n° 1 (ecosysteme.territoire « commune-b ») : "
        "champ parent : L’instance territoire avec 9999 dans id n'est pas un choix valide."
    )


def test_reloading_an_entry_updates_it(tmp_path):
    chemin = ecrire(tmp_path, [organisation("grais", nom="GRAIS (nouveau nom)")])
    call_command("loaddata", str(chemin), verbosity=0)
    assert Organisation.objects.get(slug="grais").nom == "GRAIS (nouveau nom)"


def test_programme_with_end_after_start_loads(tmp_path):
    entree = {
        "model": "accompagnement.dispositif",
        "fields": {"slug": "essai", "nom": "Essai", "nature": "incubation", **HORODATAGE,
                   "debut": "2015-01-01", "fin": "2016-01-01", "porteurs": [["grais"]]},
    }  # fmt: skip
    call_command("loaddata", str(ecrire(tmp_path, [entree])), verbosity=0)
    assert list(Dispositif.objects.get(slug="essai").porteurs.values_list("slug", flat=True)) == [
        "grais"
    ]
