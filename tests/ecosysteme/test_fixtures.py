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
        "relations": 32,
        "dispositifs": 14,
        "citations": 33,
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


# Faithful to the text: what it says is recorded, what it does not say is not.

DIJON = "pole-economie-solidaire-dijon-2016"
TABLE_RONDE = "table-ronde-cooperation-territoriale-2021"


@pytest.mark.parametrize(
    "debut",
    [
        "Démarrée en Côte-d’Or, elle inclue désormais les projets des autres territoires",
        "Celui-ci souhaite étendre le dispositif en Bourgogne et le GRAIS pourrait faire partie",
        "Nous avons réuni 4 élus et 11 techniciens de la ville, tous services confondus.",
        "On s’est rendu compte qu’il fallait agir en amont",
    ],
)
def test_quotes_the_text_gives_no_speaker_for_are_not_attributed_to_anyone(debut):
    citation = Citation.objects.get(texte__startswith=debut)
    assert citation.source.slug == DIJON
    assert citation.personne is None
    assert citation.organisation.slug == "pole-economie-solidaire-dijon"


# The three quotes of the Dijon article, whole and exact, as the source prints them.
CITATIONS_DIJON = [
    "Démarrée en Côte-d’Or, elle inclue désormais les projets des autres territoires",
    "Celui-ci souhaite étendre le dispositif en Bourgogne et le GRAIS pourrait faire partie des "
    "acteurs qui le déploieront. L’idée est d’aller travailler sur des petits territoires en "
    "associant les acteurs – collectivités, habitants, entreprises – et en identifiant les "
    "ressources et les besoins concrets non couverts. On construira une réponse avec les acteurs",
    "Nous avons réuni 4 élus et 11 techniciens de la ville, tous services confondus. On a repris "
    "la définition de l’ESS, puis réfléchi à comment on construit un projet ESS. Nous avons fait "
    "témoigné des porteurs de projet et le lien s’est fait entre eux et la mairie. Ensuite on se "
    "posera la question : quelle méthodologie pour la construction d’un projet d’économie "
    "solidaire ? On va leur faire monter fictivement un projet, tous ensemble, élus et "
    "techniciens. L’étape suivante sera de faire un diagnostic des besoins du territoire étudié",
]


@pytest.mark.parametrize("texte", CITATIONS_DIJON)
def test_the_quotes_of_the_dijon_article_are_recorded_whole(texte):
    citation = Citation.objects.get(texte=texte)
    assert (citation.source.slug, citation.personne) == (DIJON, None)


def test_the_grand_poitiers_collective_is_in_the_cooperer_pour_entreprendre_network():
    relation = Relation.objects.get(
        source__slug="collectif-cae-grand-poitiers", cible__slug="cooperer-pour-entreprendre"
    )
    assert relation.type == "membre"
    assert "logiques réseaux (avec Coopérer Pour Entreprendre)" in relation.description
    assert relation.debut is None
    assert [s.slug for s in relation.sources.all()] == [TABLE_RONDE]


def test_the_grand_poitiers_partnership_is_older_than_its_convention():
    relation = Relation.objects.get(
        source__slug="collectif-cae-grand-poitiers",
        cible__slug="grand-poitiers-communaute-urbaine",
        type="partenaire",
    )
    assert relation.debut is None
    assert "convention pluriannuelle d'objectifs en décembre 2021" in relation.description


def test_the_chenove_work_has_no_start_year():
    relation = Relation.objects.get(
        source__slug="pole-economie-solidaire-dijon", cible__slug="ville-de-chenove"
    )
    assert relation.debut is None and relation.fin is None


def test_smart_france_is_the_french_version_of_smart_not_a_branch():
    relations = Relation.objects.filter(source__slug="smart-france", cible__slug="smartcoop")
    assert [(r.type, r.description) for r in relations] == [
        ("partenaire", "Version française de Smart, sous statut SCIC.")
    ]
    assert not Relation.objects.filter(type="antenne").exists()


def test_patrice_paichereau_works_for_smart_in_france():
    fonctions = Fonction.objects.filter(personne__slug="patrice-paichereau")
    assert [(f.organisation.slug, f.intitule) for f in fonctions] == [
        ("smart-france", "chargé de développement")
    ]


def test_a_board_candidacy_is_not_a_seat_on_the_board():
    candidature = Fonction.objects.get(
        personne__slug="coordinatrice-coopcity", organisation__slug="smartcoop"
    )
    assert candidature.intitule == "candidate au conseil d'administration"
    assert candidature.categorie == "autre"


def test_an_internship_is_not_a_salaried_role():
    stage = Fonction.objects.get(personne__slug="michel-bouchaert", intitule="stagiaire")
    assert stage.categorie == "autre"


def test_programmes_have_only_the_carriers_the_text_names():
    generateur = Dispositif.objects.get(slug="generateur-bourgogne")
    assert not generateur.porteurs.exists()
    # « [Go'Up] qui fera partie du générateur Bourgogne »
    assert [o.slug for o in generateur.partenaires.all()] == ["go-up"]
    plateformcoop = Dispositif.objects.get(slug="plateformcoop")
    assert not plateformcoop.porteurs.exists()
    # SmartCoop collaborated « avec SAW-B […] sur […] un projet Plateformcoop ».
    assert {o.slug for o in plateformcoop.partenaires.all()} == {"saw-b", "smartcoop"}


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
