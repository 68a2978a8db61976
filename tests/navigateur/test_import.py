"""An editor imports a spreadsheet from the admin: the preview names the wrong cell, the fixed
file is previewed again, then confirmed; the pages are reached with the keyboard."""

from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from acteurs.models import Organisation
from ecosysteme.roles import EDITEUR

from .conftest import BUREAU, CAPTURES, MOBILE

MOT_DE_PASSE = "un mot de passe d'éditrice"
ENTETE = "nom;forme juridique;SIREN\n"


def connecter(page):
    editrice = User.objects.create_user("editrice", password=MOT_DE_PASSE, is_staff=True)
    editrice.groups.add(Group.objects.get(name=EDITEUR))
    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("editrice")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")


def envoyer(page, chemin):
    page.get_by_label("Format").select_option("csv")
    page.get_by_label("Fichier à importer").set_input_files(chemin)
    page.get_by_role("button", name="Envoyer").click()


def test_an_editor_fixes_a_wrong_cell_then_imports(ouvrir, tmp_path):
    page = ouvrir(viewport=BUREAU)
    connecter(page)
    page.goto("/admin/acteurs/organisation/")
    importer = page.get_by_role("link", name="Importer")
    importer.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/organisation/import/")
    expect(page.get_by_text("Télécharger le modèle")).to_be_visible()

    faux = tmp_path / "membres.csv"
    faux.write_text(ENTETE + "Coop des Essais;SCIC;443061842\n", encoding="utf-8")
    envoyer(page, faux)
    expect(page.get_by_role("listitem").filter(has_text="Ligne 2, colonne")).to_have_text(
        "Ligne 2, colonne « SIREN » : Ce SIREN n'est pas valide (clé de contrôle erronée)."
    )
    expect(page.get_by_role("button", name="Confirmer l’importation")).to_have_count(0)
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=CAPTURES / "admin-import-erreur-bureau.png", full_page=True)
    assert not Organisation.objects.filter(nom="Coop des Essais").exists()

    juste = tmp_path / "membres-corrige.csv"
    juste.write_text(ENTETE + "Coop des Essais;SCIC;443061841\n", encoding="utf-8")
    envoyer(page, juste)
    expect(page.get_by_role("cell", name="Coop des Essais")).to_be_visible()
    page.screenshot(path=CAPTURES / "admin-import-apercu-bureau.png", full_page=True)
    page.set_viewport_size(MOBILE)
    page.screenshot(path=CAPTURES / "admin-import-apercu-mobile.png", full_page=True)
    confirmer = page.get_by_role("button", name="Confirmer l’importation")
    confirmer.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/acteurs/organisation/")
    assert Organisation.objects.get(siren="443061841").forme_juridique == "scic"
