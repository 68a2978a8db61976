"""An editor, in the administration, records a role and a relation; the public sees them."""

from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

MOT_DE_PASSE = "un mot de passe d'éditrice"
GRAIS = "Groupement d'accompagnement à l'innovation sociale"


def editrice():
    personne = User.objects.create_user("editrice", password=MOT_DE_PASSE, is_staff=True)
    droits = Permission.objects.filter(
        content_type__app_label="acteurs",
        content_type__model__in=["fonction", "relation", "personne", "organisation"],
    )
    personne.user_permissions.set(droits)
    return personne


def choisir(page, champ, texte, libelle=None):
    """Pick an entry in an autocomplete field of the administration (select2): type `texte`,
    click the result that reads `libelle`."""
    page.locator(f"#id_{champ} + .select2").click()
    page.locator(f'.select2-search__field[aria-controls="select2-id_{champ}-results"]').fill(texte)
    page.locator(".select2-results__option", has_text=libelle or texte).first.click()


def test_an_editor_adds_a_role_and_a_relation_seen_on_the_public_profiles(ouvrir):
    editrice()
    page = ouvrir()
    page.goto("/acteurs/grais/")
    assert page.get_by_role("link", name="Patrice Paichereau").count() == 0
    assert page.get_by_role("link", name="Coopaname").count() == 0

    page.goto("/admin/login/")
    page.get_by_label("Nom d’utilisateur").fill("editrice")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url("**/admin/")

    page.goto("/admin/acteurs/fonction/add/")
    choisir(page, "personne", "Patrice Paichereau")
    choisir(page, "organisation", "GRAIS", GRAIS)
    page.get_by_label("Intitulé").fill("trésorier")
    page.get_by_label("Catégorie").select_option("gouvernance")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("body")).to_contain_text("ajouté avec succès")

    page.goto("/admin/acteurs/relation/add/")
    choisir(page, "source", "Coopaname")
    page.get_by_label("Type").select_option("partenaire")
    choisir(page, "cible", "GRAIS", GRAIS)
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator("body")).to_contain_text("ajouté avec succès")

    page.goto("/acteurs/grais/")
    assert page.get_by_role("link", name="Patrice Paichereau").count() == 1
    assert page.get_by_text("trésorier").count() >= 1
    # In the list of links (the graph above it links the same organisation once more).
    assert page.locator("ul.liens").get_by_role("link", name="Coopaname").count() == 1
    page.goto("/personnes/patrice-paichereau/")
    assert page.get_by_role("link", name=GRAIS).count() >= 1
    assert page.get_by_text("trésorier").count() >= 1
    page.goto("/acteurs/coopaname/")
    assert page.locator("ul.liens").get_by_role("link", name=GRAIS).count() == 1
