"""« Proposer une modification », « Ajouter une organisation », « Ajouter un dispositif »: the
forms and what they refuse, the fields they never set, the confirmation link (forged, reused,
expired), the moderation queue with its comparison, acceptance through the model's validation
and its history, refusal with a reason, the mails, the rate limits and the retention."""

import html
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accompagnement.models import Dispositif
from acteurs.anonymisation import anonymiser_personne
from acteurs.models import Organisation
from ecosysteme.contributions import propositions
from ecosysteme.enums import EtatProposition, StatutEnvoi
from ecosysteme.models import Proposition
from ecosysteme.roles import EDITEUR
from tests.acteurs.test_messages import lancer_le_worker
from tests.factories import DispositifFactory, OrganisationFactory, PersonneFactory

pytestmark = pytest.mark.django_db

AUTEUR = {"courriel": "camille@exemple.net", "consentement": "on", "commentaire": ""}


@pytest.fixture(autouse=True)
def _sans_delai_minimum(settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0


@pytest.fixture
def pole(db):
    return OrganisationFactory(
        nom="Pôle ESS",
        slug="pole",
        description="Un pôle.",
        courriel_contact="prive@pole.example",
        annee_creation=2001,
    )


@pytest.fixture
def en_base(settings, transactional_db):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def editeur(db):
    utilisateur = User.objects.create_user("editrice", is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=EDITEUR))
    return utilisateur


def lu(reponse):
    return html.unescape(reponse.content.decode())


def champs_du_formulaire(page):
    """The fields a page's form offers, with their current values."""
    texte = page.content.decode()
    valeurs = {}
    for nom in re.findall(r'name="(fiche-[^"]+)"', texte):
        valeur = re.search(rf'name="{nom}"[^>]*value="([^"]*)"', texte)
        contenu = re.search(rf'name="{nom}"[^>]*>([^<]*)</textarea>', texte)
        choisie = re.search(
            rf'<select name="{nom}"[^>]*>(?:(?!</select>).)*?<option value="([^"]*)" selected',
            texte,
            re.S,
        )
        trouvee = valeur or contenu or choisie
        valeurs[nom] = html.unescape(trouvee.group(1)) if trouvee else ""
    return valeurs


def envoyer(client, adresse, **champs):
    page = client.get(adresse)
    jeton = re.search(r'name="jeton" value="([^"]+)"', page.content.decode()).group(1)
    donnees = {**champs_du_formulaire(page), **AUTEUR, "jeton": jeton, **champs}
    return client.post(adresse, {cle: v for cle, v in donnees.items() if v is not None})


def proposer_puis_confirmer(fiche, **valeurs):
    proposition = propositions.proposer(
        modele=type(fiche), fiche=fiche, valeurs=valeurs, courriel="camille@exemple.net"
    )
    return propositions.confirmer(proposition)


def admin(client, utilisateur):
    client.force_login(utilisateur)
    return client


def adresse_admin(proposition):
    return f"/admin/ecosysteme/proposition/{proposition.pk}/change/"


# The ways in, and what the forms offer


def test_profiles_and_listings_link_to_the_forms(client, pole):
    dispositif = DispositifFactory(slug="incubateur")
    personne = PersonneFactory(slug="alix")

    assertContains(client.get("/acteurs/pole/"), '<a href="/acteurs/pole/proposer/">')
    assertContains(
        client.get("/accompagnement/incubateur/"), '<a href="/accompagnement/incubateur/proposer/">'
    )
    assertContains(client.get(personne.get_absolute_url()), '<a href="/personnes/alix/proposer/">')
    assertContains(
        client.get("/acteurs/"),
        '<a href="/propositions/nouvelle-organisation/">Ajouter une organisation</a>',
        html=True,
    )
    assertContains(
        client.get("/accompagnement/"),
        '<a href="/propositions/nouveau-dispositif/">Ajouter un dispositif</a>',
        html=True,
    )
    assert client.get(f"{dispositif.get_absolute_url()}proposer/").status_code == 200


def test_the_form_offers_only_the_public_fields_filled_with_the_profile(client, pole):
    page = client.get("/acteurs/pole/proposer/")

    champs = champs_du_formulaire(page)
    assert set(champs) == {f"fiche-{champ}" for champ in propositions.CHAMPS[Organisation]}
    assert champs["fiche-nom"] == "Pôle ESS" and champs["fiche-annee_creation"] == "2001"
    assert "prive@pole.example" not in page.content.decode()
    assertContains(page, '<label for="id_fiche-nom">Nom</label>', html=True)


@pytest.mark.parametrize("sorte", ["acteurs", "personnes", "accompagnement"])
def test_a_draft_or_unknown_profile_has_no_form(client, sorte):
    fabriques = {"acteurs": OrganisationFactory, "personnes": PersonneFactory}
    brouillon = fabriques.get(sorte, DispositifFactory)(is_published=False)

    assert client.get(f"/{sorte}/{brouillon.slug}/proposer/").status_code == 404
    assert client.get(f"/{sorte}/inconnue/proposer/").status_code == 404


# Proposing, confirming: nothing applied


def test_a_proposal_is_stored_unapplied_and_reaches_the_queue_once_confirmed(
    client, pole, editeur, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = envoyer(
            client, "/acteurs/pole/proposer/", **{"fiche-description": "Un pôle d'ESS à Dijon."}
        )

    assertRedirects(reponse, "/propositions/envoyee/")
    proposition = Proposition.objects.get()
    assert proposition.etat == EtatProposition.A_CONFIRMER
    assert proposition.valeurs == {"description": "Un pôle d'ESS à Dijon."}
    assert proposition.valeurs_initiales == {"description": "Un pôle."}
    pole.refresh_from_db()
    assert pole.description == "Un pôle."
    assert "0 proposition" in lu(admin(client, editeur).get("/admin/ecosysteme/proposition/"))

    [courriel] = mail.outbox
    assert courriel.to == ["camille@exemple.net"]
    assert courriel.subject == "[Écosystème] Confirmez votre proposition"
    lien = urlsplit(re.search(r"https?://\S+/propositions/confirmer/\S+/", courriel.body)[0]).path
    client.logout()
    assertContains(client.get(lien), "Confirmer et transmettre")
    proposition.refresh_from_db()
    assert proposition.etat == EtatProposition.A_CONFIRMER  # a mail scanner confirms nothing

    assertContains(client.post(lien), "Merci, votre proposition est transmise")
    proposition.refresh_from_db()
    assert proposition.etat == EtatProposition.NOUVELLE and proposition.confirmed_at
    assert "Pôle ESS" in lu(admin(client, editeur).get("/admin/ecosysteme/proposition/"))

    # Used again: refused, once and for all.
    client.logout()
    reutilise = client.post(lien)
    assert reutilise.status_code == 410
    assert "ne sert qu'une fois" in lu(reutilise)


def lien(proposition):
    return urlsplit(propositions.lien_de_confirmation(proposition)).path


@pytest.mark.parametrize(
    "jeton",
    [
        "nimporte-quoi",
        signing.dumps(1, salt="acteurs.besoin.interet"),
        signing.dumps("1", salt=propositions.SEL_LIEN),
        signing.dumps(10**30, salt=propositions.SEL_LIEN),
    ],
)
def test_a_forged_link_is_refused(client, pole, jeton):
    propositions.proposer(
        modele=Organisation, fiche=pole, valeurs={"nom": "Pôle"}, courriel="a@exemple.net"
    )

    reponse = client.post(f"/propositions/confirmer/{jeton}/")

    assert reponse.status_code == 410
    assert not Proposition.objects.confirmed().exists()


def test_an_expired_link_is_refused(client, pole, settings):
    proposition = propositions.proposer(
        modele=Organisation, fiche=pole, valeurs={"nom": "Pôle"}, courriel="a@exemple.net"
    )
    settings.PROPOSITIONS_LIEN_VALIDITE_JOURS = 0

    reponse = client.post(lien(proposition))

    assert reponse.status_code == 410
    assert "Ce lien a expiré" in lu(reponse)
    proposition.refresh_from_db()
    assert proposition.etat == EtatProposition.A_CONFIRMER


def test_a_proposal_cannot_set_a_field_the_form_does_not_offer(client, pole, editeur):
    autre = OrganisationFactory(slug="autre")
    dispositif = DispositifFactory()
    hostiles = {
        "fiche-is_published": "",
        "is_published": "",
        "fiche-slug": "detournee",
        "fiche-courriel_contact": "pirate@exemple.net",
        "fiche-is_contactable": "on",
        "fiche-is_synthetic": "on",
        "fiche-siege": str(autre.pk),
        "fiche-types": "1",
        "fiche-dispositifs_portes": str(dispositif.pk),
        "fiche-id": str(autre.pk),
        "id": str(autre.pk),
        "fiche_id": str(autre.pk),
    }

    envoyer(client, "/acteurs/pole/proposer/", **{"fiche-sigle": "PES", **hostiles})
    proposition = propositions.confirmer(Proposition.objects.get())
    propositions.accepter(proposition, champs=[*proposition.valeurs, *hostiles], par=editeur)
    # Straight from the service too: only the proposable fields are kept.
    forcee = propositions.proposer(
        modele=Organisation,
        fiche=pole,
        valeurs={"nom": "Pôle", "is_published": False, "slug": "x", "courriel_contact": "x@y.z"},
        courriel="b@exemple.net",
    )

    assert proposition.valeurs == {"sigle": "PES"}
    assert forcee.valeurs == {"nom": "Pôle"}
    pole.refresh_from_db()
    autre.refresh_from_db()
    assert pole.sigle == "PES"
    assert (pole.is_published, pole.slug, pole.courriel_contact) == (
        True,
        "pole",
        "prive@pole.example",
    )
    assert not pole.is_contactable and pole.siege is None and not pole.types.exists()
    assert autre.sigle == "" and autre.is_published


@pytest.mark.parametrize(
    ("champs", "erreur"),
    [
        ({"fiche-siren": "123456789"}, "SIREN"),
        ({"fiche-annee_creation": "2020", "fiche-annee_fin": "2010"}, "ne peut pas précéder"),
        ({"fiche-site_web": "pas une adresse"}, "Site web"),
        ({"fiche-nom": ""}, "Nom"),
        ({"courriel": ""}, "Indiquez votre adresse"),
        ({"consentement": None}, "Cochez cette case"),
        ({}, "Vous n'avez rien changé"),
    ],
)
def test_refused_values_store_nothing_and_say_why(client, pole, champs, erreur):
    reponse = envoyer(client, "/acteurs/pole/proposer/", **champs)

    assert reponse.status_code == 200
    assert erreur in lu(reponse)
    assertContains(reponse, "Votre proposition n'a pas été envoyée")
    assert not Proposition.objects.exists()


def test_an_identifier_taken_by_another_organisation_is_refused_as_in_the_admin(client, pole):
    OrganisationFactory(siren="732829320")

    reponse = envoyer(client, "/acteurs/pole/proposer/", **{"fiche-siren": "732829320"})

    assert "Une autre organisation a déjà ce numéro SIREN." in lu(reponse)
    assert not Proposition.objects.exists()


def test_one_address_may_make_a_few_proposals_an_hour(client, pole, settings):
    settings.PROPOSITIONS_LIMITES_EXPEDITEUR = {"heure": 1}
    assert envoyer(client, "/acteurs/pole/proposer/", **{"fiche-sigle": "A"}).status_code == 302

    reponse = envoyer(client, "/acteurs/pole/proposer/", **{"fiche-sigle": "B"})

    assert reponse.status_code == 429
    assert "plusieurs propositions dans l'heure" in lu(reponse)
    assert Proposition.objects.count() == 1


# The moderation queue


def test_an_editor_compares_and_accepts_some_fields_recorded_in_the_history(
    client, pole, editeur, django_capture_on_commit_callbacks
):
    proposition = proposer_puis_confirmer(pole, sigle="PES", description="Un pôle à Dijon.")

    page = admin(client, editeur).get(adresse_admin(proposition))
    assertContains(page, 'name="_accepter"')
    assertContains(page, "<td>Un pôle.</td><td>Un pôle.</td><td>Un pôle à Dijon.</td>", html=True)
    assertNotContains(page, "La fiche a changé depuis")
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(
            adresse_admin(proposition),
            {"reponse": "Merci !", "champs": ["description", "is_published"], "_accepter": "1"},
        )

    assertRedirects(reponse, "/admin/ecosysteme/proposition/")
    pole.refresh_from_db()
    assert (pole.description, pole.sigle, pole.is_published) == ("Un pôle à Dijon.", "", True)
    proposition.refresh_from_db()
    assert proposition.etat == EtatProposition.ACCEPTEE
    assert proposition.champs_acceptes == ["description"]
    assert proposition.processed_by == editeur
    version = pole.history.first()
    assert version.history_change_reason == (
        "proposé par camille@exemple.net via l'annuaire, accepté par editrice"
    )
    assert version.history_user == editeur
    assert "proposé par camille@exemple.net" in lu(
        client.get(f"/admin/acteurs/organisation/{pole.pk}/history/")
    )
    [courriel] = mail.outbox
    assert courriel.subject == "[Écosystème] Votre proposition"
    assert "accepté votre proposition, pour ces champs : description" in courriel.body
    assert "Merci !" in courriel.body and "/acteurs/pole/" in courriel.body
    assert "_accepter" not in client.get(adresse_admin(proposition)).content.decode()


def test_a_value_refused_by_the_validation_applies_nothing(client, pole, editeur):
    proposition = proposer_puis_confirmer(pole, siren="732829320", sigle="PES")
    OrganisationFactory(siren="732829320")  # taken since the proposal

    reponse = admin(client, editeur).post(
        adresse_admin(proposition), {"champs": ["siren", "sigle"], "_accepter": "1"}, follow=True
    )

    assert "Rien n'a été appliqué : Une autre organisation a déjà ce numéro SIREN." in lu(reponse)
    pole.refresh_from_db()
    proposition.refresh_from_db()
    assert (pole.siren, pole.sigle) == ("", "")
    assert proposition.etat == EtatProposition.NOUVELLE


def test_accepting_no_field_applies_nothing(client, pole, editeur):
    proposition = proposer_puis_confirmer(pole, sigle="PES")

    reponse = admin(client, editeur).post(
        adresse_admin(proposition), {"_accepter": "1"}, follow=True
    )

    assert "Cochez au moins un champ" in lu(reponse)
    proposition.refresh_from_db()
    assert proposition.etat == EtatProposition.NOUVELLE


def test_a_profile_changed_since_the_proposal_says_so(client, pole, editeur):
    proposition = proposer_puis_confirmer(pole, description="Un pôle à Dijon.")
    Organisation.objects.filter(pk=pole.pk).update(description_fr="Réécrite par l'équipe.")

    page = admin(client, editeur).get(adresse_admin(proposition))

    assertContains(page, "La fiche a changé depuis cette proposition")
    assertContains(page, "<td>Un pôle.</td><td>Réécrite par l'équipe.</td>", html=True)


def test_a_refusal_needs_a_reason_sent_to_the_author(
    client, pole, editeur, django_capture_on_commit_callbacks
):
    proposition = proposer_puis_confirmer(pole, sigle="PES")
    mail.outbox.clear()

    sans_raison = admin(client, editeur).post(adresse_admin(proposition), {"_refuser": "1"})
    assertContains(sans_raison, "Pour refuser, écrivez pourquoi")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            adresse_admin(proposition),
            {"reponse": "Ce sigle n'est pas le sien.", "_refuser": "1"},
        )

    proposition.refresh_from_db()
    pole.refresh_from_db()
    assert proposition.etat == EtatProposition.REFUSEE and pole.sigle == ""
    [courriel] = mail.outbox
    assert "n'a pas retenu votre proposition" in courriel.body
    assert "Ce sigle n'est pas le sien." in courriel.body


def test_a_new_organisation_is_proposed_then_created_as_a_draft(client, editeur):
    reponse = envoyer(
        client,
        "/propositions/nouvelle-organisation/",
        **{
            "fiche-nom": "Coop du Val",
            "fiche-forme_juridique": "scic",
            "fiche-site_web": "val.coop",
        },
    )
    assertRedirects(reponse, "/propositions/envoyee/")
    proposition = propositions.confirmer(Proposition.objects.get())
    assert proposition.is_creation and proposition.fiche_id is None

    page = admin(client, editeur).get(adresse_admin(proposition))
    assertContains(page, "créée en brouillon")
    client.post(adresse_admin(proposition), {"champs": list(proposition.valeurs), "_accepter": "1"})

    organisation = Organisation.objects.get(nom="Coop du Val")
    assert (organisation.slug, organisation.is_published) == ("coop-du-val", False)
    assert organisation.site_web == "https://val.coop"
    proposition.refresh_from_db()
    assert proposition.fiche == organisation
    assert organisation.history.get().history_change_reason.startswith("proposé par camille@")


def test_a_new_programme_needs_its_type_as_in_the_admin(client):
    reponse = envoyer(client, "/propositions/nouveau-dispositif/", **{"fiche-nom": "Incubateur"})

    assertContains(reponse, "Type : Ce champ est obligatoire.")
    assert not Proposition.objects.exists()

    envoyer(
        client,
        "/propositions/nouveau-dispositif/",
        **{"fiche-nom": "Incubateur", "fiche-nature": "incubation"},
    )
    assert Proposition.objects.get().type_fiche.model_class() is Dispositif


# Mail that was lost, retention


def test_a_lost_confirmation_is_enqueued_again_and_sent_once(pole, en_base, capsys):
    proposition = propositions.proposer(
        modele=Organisation, fiche=pole, valeurs={"sigle": "P"}, courriel="camille@exemple.net"
    )
    DBTaskResult.objects.all().delete()  # the task was lost
    Proposition.objects.filter(pk=proposition.pk).update(
        created_at=timezone.now() - timedelta(hours=13)
    )

    call_command("relancer_messages")
    lancer_le_worker()
    call_command("relancer_messages")
    lancer_le_worker()

    assert "Courriels des propositions remis dans la file d'envoi : 1." in capsys.readouterr().out
    [courriel] = mail.outbox
    assert courriel.subject == "[Écosystème] Confirmez votre proposition"
    proposition.refresh_from_db()
    assert proposition.statut == StatutEnvoi.ENVOYE


def test_the_purge_erases_addresses_there_and_in_the_history(pole, editeur, capsys, settings):
    settings.PROPOSITIONS_CONSERVATION_JOURS = 30
    ancienne = proposer_puis_confirmer(pole, sigle="PES")
    propositions.accepter(ancienne, champs=["sigle"], par=editeur)
    recente = proposer_puis_confirmer(pole, description="Autre.")
    propositions.refuser(recente, reponse="Non.", par=editeur)
    jamais_confirmee = propositions.proposer(
        modele=Organisation, fiche=pole, valeurs={"nom": "X"}, courriel="x@exemple.net"
    )
    Proposition.objects.filter(pk=ancienne.pk).update(
        processed_at=timezone.now() - timedelta(days=31)
    )
    Proposition.objects.filter(pk=jamais_confirmee.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )

    call_command("purger_messages")

    assert "Adresses des propositions traitées il y a plus de 30 jours effacées : 1." in (
        capsys.readouterr().out
    )
    ancienne.refresh_from_db()
    recente.refresh_from_db()
    assert ancienne.courriel == "" and ancienne.purged_at is not None
    assert ancienne.valeurs == {"sigle": "PES"}
    assert recente.courriel == "camille@exemple.net"
    assert not Proposition.objects.filter(pk=jamais_confirmee.pk).exists()
    raisons = list(pole.history.values_list("history_change_reason", flat=True))
    assert "proposé par un visiteur via l'annuaire, accepté par editrice" in raisons
    assert not any("camille" in (raison or "") for raison in raisons)


def test_a_long_address_is_shortened_in_the_history(pole, editeur):
    long = "c" * 60 + "@exemple.net"
    proposition = propositions.confirmer(
        propositions.proposer(
            modele=Organisation, fiche=pole, valeurs={"sigle": "P"}, courriel=long
        )
    )

    propositions.accepter(proposition, champs=["sigle"], par=editeur)

    raison = pole.history.first().history_change_reason
    assert len(raison) <= 100 and raison.startswith("proposé par cccc") and "…" in raison


# A person's profile


def test_a_correction_to_a_person_offers_their_public_role_only_and_is_applied_once_accepted(
    client, editeur, django_capture_on_commit_callbacks
):
    alix = PersonneFactory(
        prenom="Alix", nom="Martin", slug="alix", email="alix@exemple.org", biographie="Gérante."
    )
    page = client.get("/personnes/alix/proposer/")
    assert set(champs_du_formulaire(page)) == {
        f"fiche-{champ}" for champ in ["prenom", "nom", "designation", "biographie"]
    }
    assert "alix@exemple.org" not in page.content.decode()  # never their contact details

    with django_capture_on_commit_callbacks(execute=True):
        envoyer(
            client,
            "/personnes/alix/proposer/",
            **{"fiche-biographie": "Gérante de la SCOP depuis 2019.", "fiche-email": "x@y.z"},
        )
    proposition = Proposition.objects.get()
    assert proposition.valeurs == {"biographie": "Gérante de la SCOP depuis 2019."}
    propositions.confirmer(proposition)
    admin(client, editeur).post(
        adresse_admin(proposition), {"champs": ["biographie", "email"], "_accepter": "1"}
    )

    alix.refresh_from_db()
    assert (alix.biographie, alix.email) == ("Gérante de la SCOP depuis 2019.", "alix@exemple.org")


def test_nobody_may_propose_a_name_back_for_an_anonymised_person(client):
    personne = PersonneFactory(prenom="Alix", nom="Martin", slug="alix")
    anonymiser_personne(personne=personne)
    personne.refresh_from_db()

    assert client.get(f"{personne.get_absolute_url()}proposer/").status_code == 404
    assertNotContains(client.get(personne.get_absolute_url()), "proposer/")
    assert propositions.fiche_publiee("personnes", personne.slug) is None
