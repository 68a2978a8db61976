"""The seeded fixtures: valid, coherent, sourced, faithful to the seed documents."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from accompagnement.models import ChiffreDispositif, Dispositif
from acteurs.models import Citation, Fonction, Organisation, Personne, Relation
from ecosysteme.models import Source, Territoire
from tests.conftest import FIXTURES

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
APPS = {"ecosysteme", "acteurs", "accompagnement"}

pytestmark = pytest.mark.usefixtures("donnees_seed")


def modeles_du_domaine():
    return [m for m in apps.get_models() if m._meta.app_label in APPS]


def test_every_loaded_object_passes_full_clean():
    for modele in modeles_du_domaine():
        for objet in modele.objects.all():
            objet.full_clean()


def test_loading_the_fixtures_records_no_history():
    # loaddata saves raw, and simple-history skips raw saves: history starts with the editors.
    for modele in (Organisation, Personne, Fonction, Relation, Dispositif):
        assert modele.objects.exists()
        assert not modele.history.exists()


def test_fixture_counts():
    assert {
        "organisations": Organisation.objects.count(),
        "personnes": Personne.objects.count(),
        "fonctions": Fonction.objects.count(),
        "relations": Relation.objects.count(),
        "dispositifs": Dispositif.objects.count(),
        "citations": Citation.objects.count(),
        "sources": Source.objects.count(),
        "territoires": Territoire.objects.count(),
    } == {
        "organisations": 60,
        "personnes": 20,
        "fonctions": 28,
        "relations": 31,
        "dispositifs": 14,
        "citations": 30,
        "sources": 5,
        "territoires": 39,
    }


def test_loading_twice_updates_instead_of_duplicating():
    avant = {m: m.objects.count() for m in modeles_du_domaine()}
    call_command("loaddata", *FIXTURES, verbosity=0)
    assert {m: m.objects.count() for m in modeles_du_domaine()} == avant


def test_every_public_entry_cites_a_source():
    for modele in (Organisation, Personne, Dispositif, Fonction, Relation):
        sans_source = modele.objects.filter(sources__isnull=True)
        assert not sans_source.exists(), f"{modele.__name__} sans source : {list(sans_source)}"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not beside the checkout")
def test_every_source_is_a_seed_document():
    for source in Source.objects.all():
        assert (SEEDS / source.fichier).is_file(), source.fichier


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not beside the checkout")
def test_quotes_are_verbatim_from_their_source():
    for citation in Citation.objects.select_related("source"):
        texte = re.sub(r"\s+", " ", (SEEDS / citation.source.fichier).read_text())
        assert citation.texte in texte, citation.texte


def test_roles_and_relations_point_to_existing_entries():
    assert not Fonction.objects.filter(personne__isnull=True).exists()
    for fonction in Fonction.objects.select_related("personne", "organisation"):
        assert fonction.personne.pk and fonction.organisation.pk
    for relation in Relation.objects.all():
        assert relation.source_id != relation.cible_id


def test_every_territory_reaches_a_country():
    for territoire in Territoire.objects.all():
        chaine = [territoire, *territoire.ancetres()]
        assert chaine[-1].niveau == "pays", territoire


def test_seed_facts_are_recorded():
    extracite = Organisation.objects.get(slug="extracite")
    fusion = {r.cible.nom for r in extracite.relations_sortantes.filter(type="fusion")}
    assert fusion == {"Multicité", "Extra-Muros"}
    assert Organisation.objects.get(slug="multicite").annee_creation == 1993
    membres_grais = Relation.objects.filter(cible__slug="grais", type="membre")
    assert {r.source.slug for r in membres_grais} == {
        "pole-economie-solidaire-dijon",
        "active-71",
        "fdfr-89",
    }
    assert Relation.objects.filter(cible__slug="coopcity", type="membre").count() == 7
    puls = {
        (c.libelle, int(c.valeur), c.est_approximatif)
        for c in ChiffreDispositif.objects.filter(dispositif__slug="puls-actions", annee=2016)
    }
    assert puls == {
        ("porteurs de projet accueillis", 250, False),
        ("projets accompagnés", 124, False),
        ("projets aboutis", 20, True),
    }


def test_unnamed_person_is_not_given_a_name():
    coordinatrice = Personne.objects.get(slug="coordinatrice-coopcity")
    assert coordinatrice.nom == "" and coordinatrice.prenom == ""
    assert str(coordinatrice) == "La coordinatrice de COOPCITY"


def test_contact_details_are_kept_but_not_published():
    rochard = Personne.objects.get(slug="christophe-rochard")
    assert rochard.email == "christophe.rochard@pqn-a.fr"
    assert rochard.contact_is_published is False


def test_roles_in_a_merged_organisation_are_past():
    fonctions = Fonction.objects.filter(personne__slug="michel-bouchaert")
    actuelles = {f.organisation.slug for f in fonctions if f.est_actuelle}
    assert actuelles == {"extracite", "mouves"}


def test_events_and_resources_are_told_from_programmes():
    par_famille = {}
    for dispositif in Dispositif.objects.all():
        par_famille.setdefault(dispositif.famille, set()).add(dispositif.slug)
    assert par_famille["evenement"] == {
        "conference-cooperation-territoriale-2021",
        "forum-national-ess",
        "rendez-vous-made-in-scop",
        "speed-dating-coaching-puls-actions",
        "mois-de-l-ess",
    }
    assert par_famille["ressource"] == {
        "grille-analyse-ptce",
        "trophee-up-alternatives-economiques",
    }
    assert "puls-actions" in par_famille["programme"]


def test_events_have_the_dates_and_places_their_source_states_and_no_more():
    evenements = {d.slug: d for d in Dispositif.objects.all() if d.is_evenement}
    dates = {slug: d.periode for slug, d in evenements.items()}
    assert dates == {
        "conference-cooperation-territoriale-2021": "20 octobre 2021",
        "speed-dating-coaching-puls-actions": "21 novembre 2016",
        # « fin octobre », without a year; and no dates for the Mois de l'ESS.
        "forum-national-ess": "",
        "rendez-vous-made-in-scop": "",
        "mois-de-l-ess": "",
    }
    assert evenements["rendez-vous-made-in-scop"].lieu_affiche == "Café de l'Acclameur, Niort"
    assert evenements["speed-dating-coaching-puls-actions"].lieu_affiche == "Pouilly-en-Auxois"
    assert evenements["conference-cooperation-territoriale-2021"].lieu_affiche == ""
    assert evenements["conference-cooperation-territoriale-2021"].contact == "PQN-A"


def test_the_mois_de_l_ess_is_an_event_of_its_source():
    mois = Dispositif.objects.get(slug="mois-de-l-ess")
    assert mois.get_nature_display() == "manifestation"
    assert [s.slug for s in mois.sources.all()] == ["pole-economie-solidaire-dijon-2016"]
    assert "speed dating coaching Puls'Actions" in mois.description
    assert not mois.porteurs.exists() and not mois.territoires.exists()
