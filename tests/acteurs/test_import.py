"""Spreadsheets brought in from the admin (« Importer ») and by `manage.py importer`."""

import html

import pytest
import tablib
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from acteurs import tableurs
from acteurs.models import Fonction, Organisation, Personne, Relation
from ecosysteme.enums import NatureSource
from ecosysteme.models import Source
from ecosysteme.roles import ADMINISTRATEUR, EDITEUR
from tests.factories import OrganisationFactory, PersonneFactory

COLONNES = ["nom", "sigle", "forme juridique", "SIREN", "SIRET", "RNA", "BCE", "code postal"]
LIGNES = [
    ["Coop des Essais", "CDE", "SCIC", "443061841", "44306184100047", "", "", "33000"],
    ["Les Amis du Jardin", "", "association", "", "", "W212000123", "", ""],
    ["Atelier Bruxellois", "", "ASBL", "", "", "", "0403170701", "1000"],
]


def tableau(lignes=LIGNES, colonnes=COLONNES):
    return tablib.Dataset(*lignes, headers=colonnes)


def csv_bytes(lignes=LIGNES, colonnes=COLONNES, *, separateur=",", encodage="utf-8"):
    return tableau(lignes, colonnes).export("csv", delimiter=separateur).encode(encodage)


def importer(tmp_path, nom, contenu, *options):
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    call_command("importer", str(chemin), *options)


def lu(reponse):
    return html.unescape(reponse.content.decode())


@pytest.fixture
def editeur(db):
    utilisateur = User.objects.create_user("editrice", is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=EDITEUR))
    return utilisateur


# Formats ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("nom", "contenu"),
    [
        ("membres.csv", csv_bytes()),
        ("membres.csv", csv_bytes(separateur=";")),
        ("membres.csv", csv_bytes(separateur=";", encodage="cp1252")),
        ("membres.csv", b"\xef\xbb\xbf" + csv_bytes()),
        ("membres.xlsx", tableau().export("xlsx")),
        ("membres.ods", tableau().export("ods")),
    ],
    ids=["csv-virgule", "csv-point-virgule", "csv-latin1", "csv-bom", "xlsx", "ods"],
)
def test_every_format_creates_the_organisations(db, tmp_path, capsys, nom, contenu):
    importer(tmp_path, nom, contenu)
    coop = Organisation.objects.get(siren="443061841")
    assert (coop.nom, coop.sigle, coop.forme_juridique) == ("Coop des Essais", "CDE", "scic")
    assert coop.siret == "44306184100047"
    assert Organisation.objects.get(rna="W212000123").forme_juridique == "association"
    assert Organisation.objects.get(bce="0403170701").slug == "atelier-bruxellois"
    sortie = capsys.readouterr().out
    assert "ligne 2 : nouvelle – Coop des Essais" in sortie
    assert "Nouvelles : 3, mises à jour : 0, inchangées : 0, erreurs : 0." in sortie


def test_numbers_typed_in_spreadsheet_cells_are_read_as_identifiers(db, tmp_path):
    donnees = tablib.Dataset(
        ["Coop des Essais", 443061841, 2012], headers=["nom", "SIREN", "année de création"]
    )
    importer(tmp_path, "membres.xlsx", donnees.export("xlsx"))
    coop = Organisation.objects.get(siren="443061841")
    assert coop.annee_creation == 2012


def test_a_latin1_file_keeps_its_accents(db, tmp_path):
    importer(tmp_path, "a.csv", "nom;sigle\nÉcole du Bâtiment;EB\n".encode("latin-1"))
    assert Organisation.objects.get(sigle="EB").nom == "École du Bâtiment"


def test_headers_are_read_in_any_case(db, tmp_path):
    importer(tmp_path, "a.csv", b"NOM,Siren\nCoop des Essais,443061841\n")
    assert Organisation.objects.get(siren="443061841").nom == "Coop des Essais"


# Matching rows with entries --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("colonne", "valeur", "existante"),
    [
        ("SIRET", "44306184100047", {"siret": "44306184100047", "siren": "443061841"}),
        ("SIREN", "443061841", {"siren": "443061841"}),
        ("RNA", "W212000123", {"rna": "W212000123"}),
        ("BCE", "0403170701", {"bce": "0403170701"}),
        ("slug", "coop-ancienne", {"slug": "coop-ancienne"}),
    ],
)
def test_a_row_updates_the_entry_with_its_identifier(db, tmp_path, colonne, valeur, existante):
    organisation = OrganisationFactory(nom="Ancien nom", description="Gardée", **existante)
    importer(tmp_path, "a.csv", csv_bytes([["Nouveau nom", valeur]], ["nom", colonne]))
    organisation.refresh_from_db()
    assert organisation.nom == "Nouveau nom"
    assert organisation.description == "Gardée"
    assert Organisation.objects.count() == 1


def test_the_siret_is_matched_before_the_siren_and_the_slug(db):
    par_siret = OrganisationFactory(siret="44306184100047", siren="443061841", slug="a")
    OrganisationFactory(siren="732829320", slug="b")
    ligne = {"nom": "Trouvée", "SIRET": "44306184100047", "SIREN": "732829320", "slug": "b"}
    assert tableurs.OrganisationResource().get_instance(None, ligne) == par_siret


def test_a_row_whose_slug_belongs_to_another_entry_is_refused(db, tmp_path, capsys):
    OrganisationFactory(siret="44306184100047", siren="443061841", slug="a")
    OrganisationFactory(slug="b")
    with pytest.raises(CommandError):
        importer(
            tmp_path, "a.csv", csv_bytes([["X", "44306184100047", "b"]], ["nom", "SIRET", "slug"])
        )
    assert "ligne 2, colonne « slug »" in capsys.readouterr().out
    assert set(Organisation.objects.values_list("nom", flat=True)) != {"X"}


def test_an_empty_cell_never_blanks_a_field(db, tmp_path, capsys):
    organisation = OrganisationFactory(siren="443061841", sigle="CDE", description="Texte")
    importer(
        tmp_path,
        "a.csv",
        csv_bytes(
            [[organisation.nom, "", "443061841", " "]], ["nom", "sigle", "SIREN", "description"]
        ),
    )
    organisation.refresh_from_db()
    assert (organisation.sigle, organisation.description) == ("CDE", "Texte")
    assert "ligne 2 : inchangée" in capsys.readouterr().out


def test_a_description_is_imported_in_french_whatever_the_language_of_the_admin(db):
    organisation = OrganisationFactory(siren="443061841", description="Ancienne")

    with translation.override("nl"):
        resultat = tableurs.importer(
            tableau([[organisation.nom, "443061841", "Nouvelle"]], ["nom", "SIREN", "description"]),
            ressource=tableurs.OrganisationResource,
            nom_fichier="a.csv",
            simulation=False,
        )

    assert not resultat.has_errors() and not resultat.has_validation_errors()
    organisation.refresh_from_db()
    assert (organisation.description_fr, organisation.description_nl) == ("Nouvelle", None)


# Source and history ----------------------------------------------------------------------------


def test_the_import_is_the_entries_source_and_their_history_names_the_importer(editeur, tmp_path):
    existante = OrganisationFactory(siren="443061841")
    importer(tmp_path, "membres.csv", csv_bytes(), "--utilisateur", "editrice")
    source = Source.objects.get(nature=NatureSource.IMPORT)
    assert source.fichier == "membres.csv"
    assert "editrice" in source.titre
    assert set(source.organisations.all()) == set(Organisation.objects.all())
    existante.refresh_from_db()
    version = existante.history.first()
    assert version.history_user == editeur
    assert version.history_change_reason == "Import : membres.csv"


def test_a_simulation_writes_nothing(db, tmp_path, capsys):
    importer(tmp_path, "a.csv", csv_bytes(), "--simulation")
    assert not Organisation.objects.exists()
    assert not Source.objects.exists()
    assert "Simulation : rien n'a été enregistré." in capsys.readouterr().out


# Bad files -------------------------------------------------------------------------------------


def test_one_invalid_row_and_nothing_is_written(db, tmp_path, capsys):
    lignes = [*LIGNES, ["Fausse", "", "", "443061842", "", "", "", ""]]
    with pytest.raises(CommandError, match="Rien n'a été enregistré"):
        importer(tmp_path, "membres.csv", csv_bytes(lignes))
    assert not Organisation.objects.exists()
    assert not Source.objects.exists()
    assert (
        "ligne 5, colonne « SIREN » : Ce SIREN n'est pas valide (clé de contrôle erronée)."
        in capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("ligne", "colonne", "message"),
    [
        (
            ["X", "", "coopérative", "", "", "", "", ""],
            "forme juridique",
            "« coopérative » n'est pas une forme juridique",
        ),
        (["X", "", "", "", "4430618410004", "", "", ""], "SIRET", "Le SIRET compte 14 chiffres"),
        (["X", "", "", "", "", "212000123", "", ""], "RNA", "Le numéro RNA commence par W"),
        (["X", "", "", "", "", "", "0403170702", ""], "BCE", "Ce numéro BCE n'est pas valide"),
        (["X", "", "", "", "", "", "", "330"], "code postal", "Un code postal compte 5 chiffres"),
    ],
)
def test_an_invalid_cell_is_named_by_row_and_column(db, tmp_path, capsys, ligne, colonne, message):
    with pytest.raises(CommandError):
        importer(tmp_path, "a.csv", csv_bytes([ligne]))
    assert f"ligne 2, colonne « {colonne} » : {message}" in capsys.readouterr().out
    assert not Organisation.objects.exists()


def test_two_rows_with_the_same_siren_are_one_organisation(db, tmp_path, capsys):
    importer(
        tmp_path, "a.csv", csv_bytes([["A", "443061841"], ["B", "443061841"]], ["nom", "SIREN"])
    )
    # The second row finds the organisation the first one created, and updates it.
    assert Organisation.objects.get().nom == "B"
    assert "ligne 3 : mise à jour – B" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("nom", "contenu", "message"),
    [
        ("vide.csv", b"", "Le fichier « vide.csv » est vide"),
        ("vide.xlsx", tablib.Dataset().export("xlsx"), "Le fichier « vide.xlsx » est vide"),
        (
            "a.csv",
            "nom\nÉcole\n".encode("utf-16"),
            "Le fichier « a.csv » n'est ni en UTF-8 ni en Latin-1",
        ),
        ("a.xlsx", b"pas un classeur", "Le fichier « a.xlsx » n'est pas un classeur XLSX lisible"),
        ("a.pdf", b"%PDF", "Le fichier « a.pdf » n'est ni un CSV, ni un XLSX, ni un ODS"),
    ],
)
def test_an_unreadable_file_is_refused_by_name(db, tmp_path, nom, contenu, message):
    with pytest.raises(CommandError, match=message):
        importer(tmp_path, nom, contenu)
    assert not Source.objects.exists()


def test_an_unknown_column_is_named(db, tmp_path, capsys):
    with pytest.raises(CommandError):
        importer(tmp_path, "a.csv", b"nom,ville\nCoop,Dijon\n")
    sortie = capsys.readouterr().out
    assert "Le fichier « a.csv », ligne 1, colonne B : la colonne « ville » est inconnue" in sortie
    assert not Organisation.objects.exists()
    assert not Source.objects.exists()


def test_a_sirene_file_is_recognised(db, tmp_path, capsys):
    entete = b"siren,nic,siret,statutDiffusionEtablissement,dateCreationEtablissement\n"
    with pytest.raises(CommandError):
        importer(
            tmp_path,
            "StockEtablissement.csv",
            entete + b"443061841,00047,44306184100047,O,2000-01-01\n",
        )
    assert (
        "Le fichier « StockEtablissement.csv » est un fichier SIRENE (manage.py importer_sirene)"
        in capsys.readouterr().out
    )
    assert not Organisation.objects.exists()


class TestHostileCells(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.text(max_size=30), min_size=8, max_size=8))
    def test_no_cell_crashes_the_import_or_writes_an_invalid_entry(self, cellules):
        resultat = tableurs.importer(
            tableau([cellules]),
            ressource=tableurs.OrganisationResource,
            nom_fichier="x.csv",
            simulation=False,
        )
        for organisation in Organisation.objects.all():
            organisation.full_clean()
        if resultat.has_errors() or resultat.has_validation_errors():
            assert not Organisation.objects.exists()
            assert not Source.objects.exists()
        tableurs.rapport(resultat, "x.csv")

    @settings(max_examples=40, deadline=None)
    @given(
        st.lists(
            st.sampled_from(["nom", "SIREN", "Siren ", "ville", "", "nic"]) | st.text(max_size=20),
            min_size=1,
            max_size=4,
        )
    )
    def test_any_header_is_taken_or_named(self, entetes):
        donnees = tablib.Dataset(["Coop"] * len(entetes), headers=entetes)
        resultat = tableurs.OrganisationResource().import_data(donnees, dry_run=True)
        for erreur in resultat.base_errors:
            assert str(erreur.error).startswith("Le fichier « importé »")


# People with their roles, and relations ---------------------------------------------------------


def test_people_and_their_roles(db, tmp_path):
    coop = OrganisationFactory(siren="443061841")
    connue = PersonneFactory(prenom="Léa", nom="Martin", slug="lea-martin")
    colonnes = ["prénom", "nom", "personne", "organisation", "intitulé", "catégorie", "début"]
    lignes = [
        ["", "", "lea-martin", "443061841", "présidente", "gouvernance", "01/02/2020"],
        ["Paul", "Durand", "", coop.slug, "gérant", "direction", ""],
    ]
    importer(tmp_path, "fonctions.ods", tableau(lignes, colonnes).export("ods"))
    assert Fonction.objects.get(personne=connue).intitule == "présidente"
    paul = Personne.objects.get(nom="Durand")
    assert paul.fonctions.get().organisation == coop
    assert Source.objects.get().personnes.get() == paul


def test_a_role_in_an_unknown_organisation_is_refused(db, tmp_path, capsys):
    colonnes = ["prénom", "nom", "organisation", "intitulé"]
    with pytest.raises(CommandError):
        importer(tmp_path, "f.csv", csv_bytes([["Paul", "Durand", "inconnue", "gérant"]], colonnes))
    assert (
        "colonne « organisation » : Aucune organisation n'a le SIRET, SIREN, RNA, BCE ou slug "
        "« inconnue »" in capsys.readouterr().out
    )
    assert not Personne.objects.exists()


def test_relations(db, tmp_path):
    reseau = OrganisationFactory(siren="443061841")
    membre = OrganisationFactory(rna="W212000123")
    colonnes = ["organisation", "organisation liée", "type de relation"]
    importer(
        tmp_path,
        "r.xlsx",
        tableau([["W212000123", "443061841", "membre de"]], colonnes).export("xlsx"),
    )
    relation = Relation.objects.get()
    assert (relation.source, relation.cible, relation.type) == (membre, reseau, "membre")
    importer(
        tmp_path,
        "r.xlsx",
        tableau([["W212000123", "443061841", "membre"]], colonnes).export("xlsx"),
    )
    assert Relation.objects.count() == 1


# The admin -------------------------------------------------------------------------------------


def envoyer(client, nom, contenu, indice=0):
    formats = [f().get_title() for f in tableurs.FORMATS]
    extension = nom.rsplit(".", 1)[1]
    return client.post(
        reverse("admin:acteurs_organisation_import"),
        {
            "resource": indice,
            "format": [t.lower() for t in formats].index(extension),
            "import_file": SimpleUploadedFile(nom, contenu),
        },
    )


def test_an_editor_previews_then_confirms_an_import(client, editeur):
    client.force_login(editeur)
    page = client.get(reverse("admin:acteurs_organisation_changelist"))
    assert reverse("admin:acteurs_organisation_import") in lu(page)
    assert "Ajouter une organisation" in lu(page)
    apercu = envoyer(client, "membres.xlsx", tableau().export("xlsx"))
    assert apercu.status_code == 200
    assert "Coop des Essais" in lu(apercu)
    assert not Organisation.objects.exists()
    confirmation = apercu.context["confirm_form"].initial
    reponse = client.post(reverse("admin:acteurs_organisation_process_import"), confirmation)
    assert reponse.status_code == 302
    assert Organisation.objects.count() == 3
    assert Organisation.objects.get(siren="443061841").history.first().history_user == editeur
    assert Source.objects.get().editeur == "editrice"


def test_the_preview_names_the_errors_and_offers_no_confirmation(client, editeur):
    client.force_login(editeur)
    lignes = [*LIGNES, ["Fausse", "", "", "443061842", "", "", "", ""]]
    apercu = envoyer(client, "membres.csv", csv_bytes(lignes))
    assert (
        "Ligne 5, colonne « SIREN » : Ce SIREN n'est pas valide (clé de contrôle erronée)."
        in lu(apercu)
    )
    assert "confirm_form" not in apercu.context
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("nom", "contenu", "message"),
    [
        ("a.csv", b"nom,ville\nCoop,Dijon\n", "la colonne « ville » est inconnue"),
        (
            "a.csv",
            "nom\nx\n".encode("utf-16"),
            "Le fichier « a.csv » n'est ni en UTF-8 ni en Latin-1",
        ),
        ("a.csv", b"", "Le fichier soumis est vide."),
        ("a.csv", b"\n\n", "Le fichier « a.csv » est vide"),
        ("a.ods", b"PK", "Le fichier « a.ods » n'est pas un classeur ODS lisible"),
    ],
)
def test_the_admin_names_a_bad_file(client, editeur, nom, contenu, message):
    client.force_login(editeur)
    reponse = envoyer(client, nom, contenu)
    assert reponse.status_code == 200
    assert message in lu(reponse)
    assert "Traceback" not in lu(reponse)
    assert not Source.objects.exists()


def test_the_template_file_has_the_french_columns(client, editeur):
    client.force_login(editeur)
    page = client.get(reverse("admin:acteurs_organisation_import"))
    assert "Télécharger le modèle" in lu(page)
    reponse = client.get(reverse("admin:acteurs_organisation_modele", args=[0]))
    assert reponse["Content-Disposition"] == 'attachment; filename="modele-organisations.xlsx"'
    feuille = tablib.Dataset().load(reponse.content, format="xlsx")
    assert feuille.headers[:4] == ["nom", "sigle", "slug", "forme juridique"]


@pytest.mark.parametrize("groupe", [EDITEUR, ADMINISTRATEUR])
def test_editors_and_administrators_may_import(client, db, groupe):
    compte = User.objects.create_user("compte", is_staff=True)
    compte.groups.add(Group.objects.get(name=groupe))
    client.force_login(compte)
    assert client.get(reverse("admin:acteurs_organisation_import")).status_code == 200


@pytest.mark.parametrize("is_staff", [True, False])
def test_nobody_else_may_import(client, db, is_staff):
    compte = User.objects.create_user("compte", is_staff=is_staff)
    client.force_login(compte)
    reponse = envoyer(client, "membres.csv", csv_bytes())
    assert reponse.status_code in (302, 403)
    assert client.get(reverse("admin:acteurs_organisation_modele", args=[0])).status_code in (
        302,
        403,
    )
    assert not Organisation.objects.exists()


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.xlsx", "a.ods"]))
def test_any_bytes_are_read_or_refused_in_french(contenu, nom):
    try:
        donnees = tableurs.lire(nom, contenu)
    except tableurs.FichierIllisible as erreur:
        assert str(erreur).startswith(f"Le fichier « {nom} »")
    else:
        assert donnees.headers
