"""Organisations are found by what their legal form and kinds of activity mean in full words
(acteurs.enums.SENS_FORME_JURIDIQUE, SENS_TYPE_ACTIVITE), not only by their acronyms."""

import importlib

import pytest
from django.apps import apps

from acteurs.enums import FormeJuridique
from acteurs.models import Organisation
from tests.factories import OrganisationFactory, TypeActiviteFactory
from tests.listes import resultats

pytestmark = pytest.mark.django_db

migration = importlib.import_module("acteurs.migrations.0018_sens_en_toutes_lettres")


@pytest.fixture
def annuaire():
    cae = TypeActiviteFactory(nom="CAE", slug="cae")
    formes = {
        "Ouvrière": FormeJuridique.SCOP,
        "Solidaire": FormeJuridique.SCIC,
        "Entraide": FormeJuridique.ASBL,
        "Quartier": FormeJuridique.ASSOCIATION,
        "Conseil": FormeJuridique.SARL,
        "Emploi": "",
    }
    organisations = {}
    for indice, (nom, forme) in enumerate(formes.items()):
        organisations[nom] = OrganisationFactory(
            nom=nom, forme_juridique=forme, description="", siren=f"{indice:09d}"
        )
    organisations["Emploi"].types.add(cae)
    return organisations


def trouvees(texte):
    return sorted(Organisation.objects.search(texte).values_list("nom", flat=True))


def test_cooperative_finds_scops_scics_and_caes(annuaire):
    assert trouvees("coopérative") == ["Emploi", "Ouvrière", "Solidaire"]
    assert trouvees("coopératives") == ["Emploi", "Ouvrière", "Solidaire"]


@pytest.mark.parametrize(
    ("texte", "noms"),
    [
        ("association", ["Entraide", "Quartier"]),
        ("société coopérative et participative", ["Ouvrière"]),
        ("intérêt collectif", ["Solidaire"]),
        ("activité et emploi", ["Emploi"]),
        ("responsabilité limitée", ["Conseil"]),
        ("SCOP", ["Ouvrière"]),  # the acronyms still find them
        ("ASBL", ["Entraide"]),
    ],
)
def test_legal_forms_and_kinds_are_found_by_their_meaning(annuaire, texte, noms):
    assert trouvees(texte) == noms


def test_the_listing_finds_the_scop_by_its_meaning(client, annuaire):
    response = client.get("/acteurs/", {"q": "coopérative"})

    assert resultats(response) == ["Emploi", "Ouvrière", "Solidaire"]


def test_the_migration_makes_organisations_indexed_before_findable(annuaire):
    # Their documents as the indexer wrote them before it spelt legal forms out.
    scop = annuaire["Ouvrière"]
    ecrit_par_l_indexeur = set(Organisation.objects.get(pk=scop.pk).recherche_texte.split())
    Organisation.objects.filter(pk=scop.pk).update(recherche_texte=" scop ")
    assert trouvees("coopérative") == ["Emploi", "Solidaire"]

    migration.ajouter_le_sens(apps, None)

    assert trouvees("coopérative") == ["Emploi", "Ouvrière", "Solidaire"]
    relu = Organisation.objects.get(pk=scop.pk).recherche_texte
    assert set(relu.split()) == ecrit_par_l_indexeur
    assert relu.startswith(" ") and relu.endswith(" ")
