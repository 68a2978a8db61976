"""A person removed on request: nothing personal left, their roles kept without their name."""

import html
import io
import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.urls import reverse
from pytest_django.asserts import assertContains

from acteurs.models import Citation, Fonction, Organisation, Personne
from ecosysteme.diffusion.donnees_ouvertes import exporter
from ecosysteme.models import Source, Vocabulaire
from tests.factories import CitationFactory
from tests.pages_publiques import pages_publiques

pytestmark = pytest.mark.usefixtures("donnees_seed")

BIOGRAPHIE = "Animateur du réseau depuis 2015, cycliste le dimanche à Mérignac."
CITATION = "Coopérer, c'est d'abord se connaître entre voisins."


def rochard_avec_tout(admin_user):
    """The seeded Christophe Rochard, with his contact details published, a biography, a
    quote, and a version of his entry and an admin log entry that name him."""
    rochard = Personne.objects.get(slug="christophe-rochard")
    rochard.biographie, rochard.contact_is_published = BIOGRAPHIE, True
    rochard.save()
    CitationFactory(personne=rochard, texte=CITATION)
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[rochard], action_flag=CHANGE, change_message="[]"
    )
    return rochard


def anonymiser(slug, *options):
    sortie = io.StringIO()
    call_command("anonymiser_personne", slug, *options, stdout=sortie)
    return sortie.getvalue()


def test_nothing_personal_remains_on_the_public_pages(client, admin_user):
    rochard = rochard_avec_tout(admin_user)
    fonction = rochard.fonctions.select_related("organisation").get()
    profil = client.get("/personnes/christophe-rochard/")
    personnel = ["Rochard", "06 31 21 77 44", "christophe.rochard@pqn-a.fr", BIOGRAPHIE]
    for texte in [*personnel, CITATION]:  # the checks below could find each of them
        assert texte in html.unescape(profil.content.decode())
    assert "rochard" in set(Vocabulaire.objects.values_list("mot", flat=True))

    sortie = anonymiser("christophe-rochard", "--confirmer")

    assert "Anonymisée : Christophe Rochard" in sortie
    assert client.get("/personnes/christophe-rochard/").status_code == 404
    pages = pages_publiques(client, recherches=["rochard", "christophe", "rochart"])
    for adresse, texte in pages.items():
        for trace in [*personnel, CITATION, "christophe-rochard"]:
            assert trace not in html.unescape(texte), (adresse, trace)
    for recherche in ("/recherche/?q=rochard", "/personnes/?q=rochard"):
        assertContains(client.get(recherche), "Aucun")
    assert "rochard" not in set(Vocabulaire.objects.values_list("mot", flat=True))
    # The organisation still says who held the role, without saying who.
    page = html.unescape(pages[fonction.organisation.get_absolute_url()])
    assert "Personne anonymisée" in page and fonction.intitule in page


def test_the_role_and_its_organisation_are_kept(admin_user):
    rochard = rochard_avec_tout(admin_user)
    fonction = Fonction.objects.get(personne=rochard)

    anonymiser("christophe-rochard", "--confirmer")

    anonyme = Personne.objects.get(pk=rochard.pk)
    assert (anonyme.prenom, anonyme.nom, anonyme.designation) == ("", "", "Personne anonymisée")
    assert anonyme.slug.startswith("personne-anonymisee-")
    assert (anonyme.email, anonyme.telephone, anonyme.biographie) == ("", "", "")
    assert not anonyme.contact_is_published and not anonyme.sources.exists()
    assert Fonction.objects.get(pk=fonction.pk).personne == anonyme
    assert not Citation.objects.filter(texte=CITATION).exists()
    assert "rochard" not in anonyme.recherche_nom + anonyme.recherche_texte
    assert (
        "rochard"
        not in fonction.organisation.__class__.objects.get(
            pk=fonction.organisation_id
        ).recherche_texte
    )


def test_the_history_and_the_admin_log_no_longer_hold_the_name(admin_user):
    rochard = rochard_avec_tout(admin_user)
    assert rochard.history.filter(nom="Rochard").exists()

    anonymiser("christophe-rochard", "--confirmer")

    versions = Personne.history.filter(id=rochard.pk)
    assert versions.count() == 1
    version = versions.get()
    assert (version.nom, version.email, version.biographie) == ("", "", "")
    assert version.history_change_reason == "anonymisation à la demande de la personne"
    entrees = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Personne), object_id=str(rochard.pk)
    )
    assert [e.object_repr for e in entrees] == ["Personne anonymisée"]
    assert not LogEntry.objects.filter(object_repr__contains="Rochard").exists()


def test_without_confirmation_the_command_only_says_what_it_would_do():
    bossuet = Personne.objects.get(slug="stephane-bossuet")
    versions = bossuet.history.count()

    sortie = anonymiser("stephane-bossuet")

    assert "À anonymiser : Stéphane Bossuet (rien n'a été modifié" in sortie
    assert f"fonctions gardées, sans son nom : {bossuet.fonctions.count()}" in sortie
    # Descriptions of organisations name him: listed for an editor, not rewritten.
    assert "Ces textes la nomment encore" in sortie
    nommantes = [
        *(
            f"organisation : {o}"
            for o in Organisation.objects.filter(description__contains="Bossuet")
        ),
        *(f"source : {s}" for s in Source.objects.filter(description__contains="Bossuet")),
    ]
    assert len(nommantes) >= 3
    for mention in nommantes:
        assert f"  - {mention}\n" in sortie
    bossuet.refresh_from_db()
    assert (bossuet.nom, bossuet.slug) == ("Bossuet", "stephane-bossuet")
    assert bossuet.history.count() == versions


def test_an_unknown_slug_is_refused():
    with pytest.raises(CommandError, match="Aucune personne"):
        anonymiser("personne-inconnue")


def test_the_admin_action_asks_for_confirmation_then_anonymises(admin_client, admin_user):
    rochard = rochard_avec_tout(admin_user)
    url = reverse("admin:acteurs_personne_changelist")
    choix = {"action": "anonymiser", "_selected_action": [rochard.pk]}

    confirmation = admin_client.post(url, choix)

    assertContains(confirmation, "<h2>Christophe Rochard</h2>", html=True)
    assertContains(confirmation, "<li>Citations supprimées : 1</li>", html=True)
    assertContains(confirmation, 'value="Oui, anonymiser"')
    assert Personne.objects.get(pk=rochard.pk).nom == "Rochard"

    reponse = admin_client.post(url, {**choix, "confirmation": "oui"})

    assert reponse.status_code == 302
    assert Personne.objects.get(pk=rochard.pk).designation == "Personne anonymisée"
    assert Personne.history.get(id=rochard.pk).history_user == admin_user


def test_a_person_deleted_in_the_admin_leaves_no_name_in_the_history(admin_client, admin_user):
    rochard = rochard_avec_tout(admin_user)
    assert rochard.history.filter(nom="Rochard").exists()

    reponse = admin_client.post(
        reverse("admin:acteurs_personne_delete", args=[rochard.pk]), {"post": "yes"}
    )

    assert reponse.status_code == 302
    assert not Personne.objects.filter(pk=rochard.pk).exists()
    # The deletion is still recorded (by whom, when), without anything personal.
    version = Personne.history.get(id=rochard.pk)
    assert version.history_type == "-"
    assert version.history_user == admin_user
    assert (version.prenom, version.nom, version.email, version.telephone) == ("", "", "", "")
    assert (version.designation, version.biographie) == ("Personne supprimée", "")
    assert "rochard" not in version.slug
    assert not LogEntry.objects.filter(object_repr__contains="Rochard").exists()
    assert LogEntry.objects.filter(object_repr="Personne supprimée").exists()
    assert "rochard" not in set(Vocabulaire.objects.values_list("mot", flat=True))


def test_deleting_several_from_the_list_scrubs_each_and_only_them(admin_client, admin_user):
    rochard = rochard_avec_tout(admin_user)
    bossuet = Personne.objects.get(slug="stephane-bossuet")
    bossuet.biographie = "Directeur."
    bossuet.save()
    versions = bossuet.history.count()
    autres = Personne.objects.exclude(pk__in=[rochard.pk, bossuet.pk])[:2]
    choisies = [str(p.pk) for p in [rochard, *autres]]
    noms = [p.nom for p in autres if p.nom]

    reponse = admin_client.post(
        reverse("admin:acteurs_personne_changelist"),
        {"action": "delete_selected", "_selected_action": choisies, "post": "yes"},
    )

    assert reponse.status_code == 302
    for pk in choisies:
        assert Personne.history.get(id=pk).designation == "Personne supprimée"
    for nom in ["Rochard", *noms]:
        assert not Personne.history.filter(nom=nom).exists()
    assert bossuet.history.count() == versions
    assert bossuet.history.filter(nom="Bossuet").exists()


NOTE = "Christophe Rochard a fondé l'antenne girondine en 2012."


def rochard_renomme(admin_user):
    """Christophe Rochard, renamed Christophe Vidalenc after texts were written under his
    former name: a note of his role, the admin log of his entry and of his role."""
    rochard = rochard_avec_tout(admin_user)
    fonction = rochard.fonctions.select_related("organisation").get()
    fonction.note = NOTE
    fonction.save()
    message = [{"changed": {"name": "fonction", "object": str(fonction), "fields": ["note"]}}]
    LogEntry.objects.log_actions(
        user_id=admin_user.pk,
        queryset=[fonction.organisation],
        action_flag=CHANGE,
        change_message=json.dumps(message),
    )
    rochard.nom = "Vidalenc"
    rochard.save()
    assert Personne.history.filter(id=rochard.pk, nom="Rochard").exists()
    return rochard


def textes_restants(dossier):
    """Every text that could still hold a name: roles and their versions, the admin log,
    the person's versions, the vocabulary and the open data set."""
    exporter(dossier)
    return [
        *Fonction.objects.values_list("note", flat=True),
        *Fonction.history.values_list("note", flat=True),
        *LogEntry.objects.values_list("object_repr", "change_message"),
        *Personne.history.values_list("prenom", "nom", "designation", "slug"),
        " ".join(Vocabulaire.objects.values_list("mot", flat=True)),
        *(chemin.read_text(encoding="utf-8") for chemin in sorted(dossier.glob("*.csv"))),
    ]


def test_every_former_name_is_looked_for_and_erased(admin_user, tmp_path):
    rochard = rochard_renomme(admin_user)
    assert "Rochard" in str(textes_restants(tmp_path / "avant"))

    sortie = anonymiser("christophe-rochard", "--confirmer")

    for texte in textes_restants(tmp_path / "apres"):
        for nom in ("Rochard", "rochard", "Vidalenc", "vidalenc"):
            assert nom not in str(texte), (nom, texte)
    assert "noms recherchés : Christophe Vidalenc, Christophe Rochard" in sortie
    assert "précisions de ses fonctions réécrites (versions comprises) : 2" in sortie
    # The role keeps its note, without the name.
    note = Fonction.objects.get(personne=rochard).note
    assert note == "Personne anonymisée a fondé l'antenne girondine en 2012."


def test_free_texts_naming_a_former_name_are_listed(admin_user):
    rochard_renomme(admin_user)
    organisation = Organisation.objects.exclude(fonctions__personne__nom="Vidalenc").first()
    organisation.description = "Fondée avec l'appui de Christophe Rochard."
    organisation.save()

    sortie = anonymiser("christophe-rochard")

    assert f"  - organisation : {organisation}\n" in sortie
    # His own role's note is rewritten, not left to an editor.
    assert "  - fonction :" not in sortie


def test_a_person_deleted_in_the_admin_leaves_no_former_name(admin_client, admin_user, tmp_path):
    rochard = rochard_renomme(admin_user)

    reponse = admin_client.post(
        reverse("admin:acteurs_personne_delete", args=[rochard.pk]), {"post": "yes"}
    )

    assert reponse.status_code == 302
    for texte in textes_restants(tmp_path):
        for nom in ("Rochard", "rochard", "Vidalenc", "vidalenc"):
            assert nom not in str(texte), (nom, texte)
    assert Fonction.history.filter(note__contains="Personne supprimée").exists()


def test_names_are_rewritten_whatever_their_case_and_only_as_whole_words(admin_user):
    rochard = rochard_avec_tout(admin_user)
    fonction = rochard.fonctions.get()
    fonction.note = "Christophe Rochard, ROCHARD pour tous, a lancé les Rochardières."
    fonction.save()

    anonymiser("christophe-rochard", "--confirmer")

    fonction.refresh_from_db()
    attendue = "Personne anonymisée, Personne anonymisée pour tous, a lancé les Rochardières."
    assert fonction.note == attendue


def test_a_name_of_two_letters_is_erased_from_their_own_texts_only(admin_user):
    li = Personne.objects.get(slug="christophe-rochard")
    li.prenom, li.nom = "", "Li"
    li.save()
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[li], action_flag=CHANGE, change_message="[]"
    )
    fonction = li.fonctions.get()
    fonction.note = "Li a rejoint la liaison régionale."
    fonction.save()
    autre = Fonction.objects.exclude(personne=li).first()
    autre.note = "Li est cité par la liaison."
    autre.save()

    sortie = anonymiser(li.slug, "--confirmer")

    assert "précisions de ses fonctions réécrites (versions comprises) : 2" in sortie
    fonction.refresh_from_db()
    assert fonction.note == "Personne anonymisée a rejoint la liaison régionale."
    autre.refresh_from_db()
    assert autre.note == "Li est cité par la liaison."
    repr_du_journal = LogEntry.objects.filter(object_id=str(li.pk)).values_list(
        "object_repr", flat=True
    )
    assert "Li" not in repr_du_journal


def test_a_name_changed_before_any_version_was_recorded_is_known_too(admin_user, tmp_path):
    # Seeded people have no version: their first change records the one they had.
    rochard = Personne.objects.get(slug="christophe-rochard")
    assert not rochard.history.exists()
    LogEntry.objects.log_actions(
        user_id=admin_user.pk, queryset=[rochard], action_flag=CHANGE, change_message="[]"
    )
    Fonction.objects.filter(personne=rochard).update(note=NOTE)
    rochard.nom = "Vidalenc"
    rochard.save()

    anonymiser("christophe-rochard", "--confirmer")

    for texte in textes_restants(tmp_path):
        for nom in ("Rochard", "rochard", "Vidalenc", "vidalenc"):
            assert nom not in str(texte), (nom, texte)
