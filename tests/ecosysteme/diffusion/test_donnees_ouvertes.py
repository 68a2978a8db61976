"""The open data set: one CSV per table, its descriptor and its LISEZMOI, published data only."""

import csv
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command

from accompagnement.models import Dispositif
from acteurs.models import Fonction, Organisation, Personne, Relation
from ecosysteme.diffusion import donnees_ouvertes
from ecosysteme.enums import PrecisionDate
from ecosysteme.models import Source, Territoire
from tests.factories import (
    DispositifFactory,
    FonctionFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    SourceFactory,
    TerritoireFactory,
)

pytestmark = pytest.mark.django_db

TABLES = ["organisations", "personnes", "fonctions", "relations", "dispositifs", "territoires"]
FICHIERS = {f"{table}.csv" for table in [*TABLES, "sources"]} | {"datapackage.json", "LISEZMOI.md"}


def exporter(dossier, *options):
    sortie = call_command("exporter_donnees_ouvertes", str(dossier), *options, verbosity=0)
    return sortie


def lire(dossier, table):
    with open(dossier / f"{table}.csv", encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier))


@pytest.fixture
def annuaire():
    """Published entries and drafts, linked every way, with contact details shown or not."""
    publiee, brouillon = SourceFactory(slug="publiee"), SourceFactory(slug="du-brouillon")
    pole = OrganisationFactory(slug="pole", siege=TerritoireFactory(slug="dijon"))
    pole.sources.add(publiee)
    grais = OrganisationFactory(slug="grais")
    cachee = OrganisationFactory(slug="cachee", is_published=False)
    cachee.sources.add(brouillon)
    RelationFactory(source=pole, cible=grais)
    RelationFactory(source=pole, cible=cachee)
    visible = PersonneFactory(
        slug="visible", email="visible@example.org", telephone="0102", contact_is_published=True
    )
    discrete = PersonneFactory(slug="discrete", email="discrete@example.org", telephone="0304")
    secrete = PersonneFactory(slug="secrete", is_published=False)
    FonctionFactory(
        personne=visible, organisation=pole, debut="2009-10-01", debut_precision=PrecisionDate.MOIS
    )
    FonctionFactory(personne=discrete, organisation=cachee)
    FonctionFactory(personne=secrete, organisation=pole)
    dispositif = DispositifFactory(slug="incubateur")
    dispositif.porteurs.add(pole, cachee)
    DispositifFactory(slug="dispositif-cache", is_published=False)


def test_every_table_is_written_with_its_columns(tmp_path, annuaire):
    exporter(tmp_path / "donnees")

    dossier = tmp_path / "donnees"
    assert {chemin.name for chemin in dossier.iterdir()} == FICHIERS
    for table in donnees_ouvertes.TABLES:
        with open(dossier / f"{table.nom}.csv", encoding="utf-8") as fichier:
            entete = next(csv.reader(fichier))
        assert entete == [colonne.nom for colonne in table.colonnes]


def test_counts_match_the_published_entries_and_the_links_between_them(tmp_path, annuaire):
    exporter(tmp_path)

    assert len(lire(tmp_path, "organisations")) == Organisation.objects.published().count() == 2
    assert len(lire(tmp_path, "personnes")) == Personne.objects.published().count() == 2
    assert len(lire(tmp_path, "dispositifs")) == Dispositif.objects.published().count() == 1
    assert len(lire(tmp_path, "territoires")) == Territoire.objects.count()
    # Only the links whose both ends are published.
    assert [(f["personne"], f["organisation"]) for f in lire(tmp_path, "fonctions")] == [
        ("visible", "pole")
    ]
    assert [(r["source"], r["cible"]) for r in lire(tmp_path, "relations")] == [("pole", "grais")]
    (dispositif,) = lire(tmp_path, "dispositifs")
    assert dispositif["porteurs"] == "pole"
    assert [source["slug"] for source in lire(tmp_path, "sources")] == ["publiee"]
    assert Fonction.objects.count() == 3 and Relation.objects.count() == 2


def test_unpublished_entries_and_contact_details_are_absent(tmp_path, annuaire):
    exporter(tmp_path)

    tout = "".join(chemin.read_text(encoding="utf-8") for chemin in tmp_path.iterdir())
    for absent in ("cachee", "secrete", "dispositif-cache", "du-brouillon", "discrete@", "0304"):
        assert absent not in tout
    personnes = {p["slug"]: p for p in lire(tmp_path, "personnes")}
    assert (personnes["visible"]["email"], personnes["visible"]["telephone"]) == (
        "visible@example.org",
        "0102",
    )
    assert (personnes["discrete"]["email"], personnes["discrete"]["telephone"]) == ("", "")


def test_values_are_written_as_precisely_as_they_are_known(tmp_path, annuaire):
    exporter(tmp_path, "--adresse", "https://ecosysteme.example/")

    (fonction,) = lire(tmp_path, "fonctions")
    assert (fonction["debut"], fonction["fin"], fonction["terminee"]) == ("2009-10", "", "false")
    organisations = {o["slug"]: o for o in lire(tmp_path, "organisations")}
    assert organisations["pole"]["url"] == "https://ecosysteme.example/acteurs/pole/"
    assert organisations["pole"]["siege"] == "dijon"
    assert organisations["pole"]["sources"] == "publiee"


def test_the_descriptor_lists_every_file_with_every_column(tmp_path, annuaire):
    exporter(tmp_path, "--licence", "odbl-1.0")

    paquet = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert paquet["licenses"][0]["name"] == "ODbL-1.0"
    ressources = {ressource["path"]: ressource for ressource in paquet["resources"]}
    assert set(ressources) == FICHIERS - {"datapackage.json", "LISEZMOI.md"}
    for chemin, ressource in ressources.items():
        with open(tmp_path / chemin, encoding="utf-8") as fichier:
            entete = next(csv.reader(fichier))
        champs = ressource["schema"]["fields"]
        assert [champ["name"] for champ in champs] == entete
        assert all(champ["description"] and champ["type"] for champ in champs)
        assert ressource["bytes"] == (tmp_path / chemin).stat().st_size
    lisezmoi = (tmp_path / "LISEZMOI.md").read_text(encoding="utf-8")
    assert "Open Database License" in lisezmoi and "`mis_a_jour`" in lisezmoi


def test_the_default_licence_is_the_licence_ouverte(tmp_path, annuaire):
    exporter(tmp_path)

    paquet = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert paquet["licenses"][0]["name"] == "etalab-2.0"
    assert "Licence Ouverte" in (tmp_path / "LISEZMOI.md").read_text(encoding="utf-8")


def test_it_prints_each_file_with_its_size_and_the_total(tmp_path, annuaire, capsys):
    call_command("exporter_donnees_ouvertes", str(tmp_path / "donnees"), "--zip")

    sortie = capsys.readouterr().out
    assert "organisations.csv" in sortie and "ecosysteme-annuaire-ess.zip" in sortie
    total = sum(chemin.stat().st_size for chemin in (tmp_path / "donnees").iterdir())
    assert f"({total} octets) en 10 fichiers." in sortie
    with zipfile.ZipFile(tmp_path / "donnees" / "ecosysteme-annuaire-ess.zip") as archive:
        assert set(archive.namelist()) == FICHIERS


def test_a_folder_that_is_not_empty_is_replaced_only_when_asked(tmp_path, annuaire):
    exporter(tmp_path)
    (tmp_path / "ancien.txt").write_text("garder")

    with pytest.raises(CommandError, match="n'est pas vide : ajoutez --remplacer"):
        exporter(tmp_path)
    assert (tmp_path / "ancien.txt").read_text() == "garder"

    exporter(tmp_path, "--remplacer")
    assert {chemin.name for chemin in tmp_path.iterdir()} == FICHIERS
    assert [chemin.name for chemin in tmp_path.parent.iterdir() if "ancien" in chemin.name] == []


def test_an_error_leaves_nothing_behind(tmp_path, annuaire, monkeypatch):
    cible = tmp_path / "existant"
    cible.mkdir()
    (cible / "ancien.txt").write_text("garder")

    def en_panne(table, chemin, base):
        chemin.write_text("à moitié")
        if table.nom == "dispositifs":
            raise OSError("disque plein")
        return 0

    monkeypatch.setattr(donnees_ouvertes, "ecrire_csv", en_panne)
    with pytest.raises(OSError, match="disque plein"):
        exporter(cible, "--remplacer")
    with pytest.raises(OSError, match="disque plein"):
        exporter(tmp_path / "nouveau")

    assert [chemin.name for chemin in tmp_path.iterdir()] == ["existant"]
    assert [chemin.name for chemin in cible.iterdir()] == ["ancien.txt"]


def test_the_seeded_directory(tmp_path, donnees_seed):
    exporter(tmp_path)

    assert len(lire(tmp_path, "organisations")) == Organisation.objects.published().count()
    assert len(lire(tmp_path, "personnes")) == Personne.objects.published().count()
    fonctions = Fonction.objects.filter(
        personne__is_published=True, organisation__is_published=True
    )
    assert len(lire(tmp_path, "fonctions")) == fonctions.count()
    assert len(lire(tmp_path, "sources")) == Source.objects.count()
    # Every slug a table points to is in the table it names.
    slugs = {table: {e["slug"] for e in lire(tmp_path, table)} for table in TABLES[:2]}
    for fonction in lire(tmp_path, "fonctions"):
        assert fonction["personne"] in slugs["personnes"]
        assert fonction["organisation"] in slugs["organisations"]


def test_cells_a_spreadsheet_would_run_are_written_as_text_and_the_notes_say_so(tmp_path):
    pole = OrganisationFactory(slug="pole", nom="=1+1", description="@SUM(A1)")
    personne = PersonneFactory(slug="p", telephone="+33 1 23 45 67 89", contact_is_published=True)
    FonctionFactory(personne=personne, organisation=pole, intitule="-gérante")

    exporter(tmp_path)

    lignes = {table: lire(tmp_path, table) for table in ["organisations", "personnes", "fonctions"]}
    (organisation,) = [o for o in lignes["organisations"] if o["slug"] == "pole"]
    assert (organisation["nom"], organisation["description"]) == ("'=1+1", "'@SUM(A1)")
    assert [p["telephone"] for p in lignes["personnes"] if p["slug"] == "p"] == [
        "'+33 1 23 45 67 89"
    ]
    assert [f["intitule"] for f in lignes["fonctions"] if f["personne"] == "p"] == ["'-gérante"]
    note = "retirez cette apostrophe initiale"
    assert note in (tmp_path / "LISEZMOI.md").read_text(encoding="utf-8")
    paquet = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert note in paquet["description"]
