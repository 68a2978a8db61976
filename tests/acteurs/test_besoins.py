"""« Déposer un besoin »: who a need reaches, the form and what it refuses, the staff's
validation, the batched delivery by the worker, the link « Intéressé » (signed, single use,
expiring), the requester's mail, and the retention of the requester's personal data."""

import html
import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail, signing
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from acteurs import besoins
from acteurs.enums import EtatBesoin, NatureBesoin
from acteurs.models import Besoin, Interet, Organisation, Sollicitation
from ecosysteme.enums import NiveauTerritoire, StatutEnvoi
from ecosysteme.roles import ADMINISTRATEUR, EDITEUR
from tests.acteurs.test_coordonnees import sorties
from tests.acteurs.test_messages import lancer_le_worker, serveur_en_panne  # noqa: F401
from tests.factories import (
    OrganisationFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)

pytestmark = pytest.mark.django_db

FORMULAIRE = "/besoins/deposer/"
DEMANDEUR = "demandeur@exemple.net"


@pytest.fixture(autouse=True)
def _sans_delai_minimum(settings):
    # A test client answers in milliseconds: the minimum fill time has its own tests.
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 0


@pytest.fixture
def carte():
    """France → Bretagne → Finistère → Brest, and Bourgogne-Franche-Comté → Côte-d'Or → Dijon;
    two kinds of activity, two themes; organisations open to needs, and some that are not."""
    t = {"pays": TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS)}
    t["bretagne"] = TerritoireFactory(
        nom="Bretagne", slug="bretagne", niveau=NiveauTerritoire.REGION, parent=t["pays"]
    )
    t["finistere"] = TerritoireFactory(
        nom="Finistère",
        slug="finistere",
        niveau=NiveauTerritoire.DEPARTEMENT,
        parent=t["bretagne"],
    )
    t["brest"] = TerritoireFactory(nom="Brest", slug="brest", parent=t["finistere"])
    t["bfc"] = TerritoireFactory(
        nom="Bourgogne-Franche-Comté", slug="bfc", niveau=NiveauTerritoire.REGION, parent=t["pays"]
    )
    t["cote_d_or"] = TerritoireFactory(
        nom="Côte-d'Or", slug="cote-d-or", niveau=NiveauTerritoire.DEPARTEMENT, parent=t["bfc"]
    )
    t["dijon"] = TerritoireFactory(nom="Dijon", slug="dijon", parent=t["cote_d_or"])
    t["traiteur"] = TypeActiviteFactory(nom="Traiteur", slug="traiteur")
    t["formation"] = TypeActiviteFactory(nom="Formation", slug="formation")
    t["alimentation"] = ThematiqueFactory(nom="Alimentation", slug="alimentation")
    t["numerique"] = ThematiqueFactory(nom="Numérique", slug="numerique")

    def ouverte(slug, territoire=None, action=(), types=(), thematiques=(), **champs):
        champs = {"is_open_to_requests": True, "courriel_contact": f"prive@{slug}.example"} | champs
        organisation = OrganisationFactory(nom=slug.title(), slug=slug, siege=territoire, **champs)
        organisation.territoires_action.set(action)
        organisation.types.set(types)
        organisation.thematiques.set(thematiques)
        return organisation

    t["brestoise"] = ouverte(
        "brestoise", t["brest"], types=[t["traiteur"]], thematiques=[t["alimentation"]]
    )
    t["regionale"] = ouverte(
        "regionale", action=[t["bretagne"]], types=[t["formation"]], thematiques=[t["numerique"]]
    )
    t["dijonnaise"] = ouverte("dijonnaise", t["dijon"], types=[t["traiteur"]])
    t["fermee"] = ouverte("fermee", t["brest"], is_open_to_requests=False)
    t["brouillon"] = ouverte("brouillon", t["brest"], is_published=False)
    t["sans_adresse"] = ouverte("sans-adresse", t["brest"], courriel_contact="")
    return t


def noms(organisations):
    return sorted(organisation.slug for organisation in organisations)


def lu(reponse):
    """The page's text as a person reads it (apostrophes unescaped)."""
    return html.unescape(reponse.content.decode())


def besoin(carte, *, types=(), thematiques=(), **champs):
    donnees = {
        "nature": NatureBesoin.DEVIS,
        "titre": "Traiteur pour 80 personnes",
        "description": "Un buffet pour l'assemblée générale, en juin.",
        "territoire": carte["finistere"],
        "nom": "Camille Martin",
        "courriel": DEMANDEUR,
    } | champs
    return besoins.deposer(
        criteres={"types": list(types), "thematiques": list(thematiques)}, **donnees
    )


@pytest.fixture
def editeur():
    utilisateur = User.objects.create_user("editeur", is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=EDITEUR))
    return utilisateur


# Who a need reaches


def test_a_need_reaches_the_territory_below_it_and_those_active_above_it(carte):
    ouvertes = Organisation.objects.published().open_to_requests()

    def recoivent(territoire, **criteres):
        return noms(ouvertes.matching(territoire=carte[territoire], **criteres))

    # Brest is in Finistère; the regional one acts on Bretagne, which holds Finistère.
    assert recoivent("finistere") == ["brestoise", "regionale"]
    assert recoivent("brest") == ["brestoise", "regionale"]
    assert recoivent("bretagne") == ["brestoise", "regionale"]
    assert recoivent("cote_d_or") == ["dijonnaise"]
    assert recoivent("pays") == ["brestoise", "dijonnaise", "regionale"]
    assert recoivent("finistere", types=[carte["traiteur"]]) == ["brestoise"]
    assert recoivent("pays", types=[carte["traiteur"]]) == ["brestoise", "dijonnaise"]
    assert recoivent("pays", types=[carte["traiteur"], carte["formation"]]) == [
        "brestoise",
        "dijonnaise",
        "regionale",
    ]
    assert recoivent("pays", thematiques=[carte["numerique"]]) == ["regionale"]
    assert recoivent("pays", types=[carte["traiteur"]], thematiques=[carte["numerique"]]) == []


def test_only_published_organisations_that_accept_needs_and_say_where_are_counted(carte):
    compte = besoins.compte_des_destinataires(territoire=carte["brest"], types=[], thematiques=[])
    # Neither the one that does not accept needs, nor the draft, nor the one with no address.
    assert compte.nombre == 2
    assert compte.texte == "2 organisations correspondent à ces critères et acceptent les besoins."


def test_the_count_says_what_to_do_with_no_territory_or_no_match(carte, settings):
    sans = besoins.compte_des_destinataires(territoire=None, types=[], thematiques=[])
    assert sans.texte.startswith("Choisissez un territoire")
    aucune = besoins.compte_des_destinataires(
        territoire=carte["dijon"], types=[], thematiques=[carte["numerique"]]
    )
    assert aucune.nombre == 0
    assert "choisissez un territoire plus large" in aucune.texte
    settings.BESOINS_DESTINATAIRES_MAXIMUM = 2
    trop = besoins.compte_des_destinataires(territoire=carte["pays"], types=[], thematiques=[])
    assert trop.texte.endswith("Votre besoin ira aux 2 premières.")


def test_the_profile_of_an_organisation_that_receives_needs_says_so(client, carte):
    assertContains(
        client.get("/acteurs/brestoise/"),
        'qui lui correspondent : <a href="/besoins/deposer/">déposer un besoin</a>',
    )
    for sans in ("fermee", "sans-adresse"):
        assertNotContains(client.get(f"/acteurs/{sans}/"), "déposer un besoin</a>")


def test_accepting_needs_asks_for_an_address(carte):
    organisation = carte["fermee"]
    organisation.is_open_to_requests, organisation.courriel_contact = True, ""
    with pytest.raises(Exception) as erreur:
        organisation.full_clean()
    assert "Pour accepter les besoins des visiteurs" in str(erreur.value)


# The form


def jeton_affiche(client):
    page = client.get(FORMULAIRE).content.decode()
    return re.search(r'name="jeton" value="([^"]+)"', page).group(1)


def formulaire(carte, **champs):
    donnees = {
        "nature": "devis",
        "titre": "Traiteur pour 80 personnes",
        "description": "Un buffet pour l'assemblée générale, en juin.",
        "territoire": carte["finistere"].pk,
        "types": [carte["traiteur"].pk],
        "thematiques": [],
        "budget": "5000_20000",
        "echeance": "",
        "nom": "Camille Martin",
        "courriel": DEMANDEUR,
        "organisation_demandeur": "Mairie de Brest",
        "consentement": "on",
        "action": "deposer",
    } | champs
    return {cle: valeur for cle, valeur in donnees.items() if valeur is not None}


def deposer(client, carte, **champs):
    return client.post(FORMULAIRE, {**formulaire(carte, **champs), "jeton": jeton_affiche(client)})


def test_the_form_lists_the_need_s_criteria_and_counts_nobody_at_first(client, carte):
    reponse = client.get(FORMULAIRE)

    assert reponse.status_code == 200
    assertContains(reponse, "Choisissez un territoire pour savoir combien")
    assertContains(
        reponse, '<option value="{}">Finistère</option>'.format(carte["finistere"].pk), html=True
    )
    assertNotContains(reponse, "Brest (commune)")  # communes: too many for one list
    assertContains(reponse, 'name="types"', count=2)
    assertContains(reponse, "<legend>Vous cherchez</legend>", html=True)


def test_the_button_counts_without_storing_nor_showing_errors(client, carte):
    reponse = client.post(
        FORMULAIRE,
        {"action": "compter", "territoire": carte["finistere"].pk, "types": carte["traiteur"].pk},
    )

    assert reponse.status_code == 200
    assertContains(reponse, "1 organisation correspond à ces critères et accepte les besoins.")
    assertNotContains(reponse, "n'a pas été déposé")
    # What was chosen stays chosen.
    assertContains(reponse, f'<option value="{carte["finistere"].pk}" selected>', html=False)
    assertContains(reponse, f'value="{carte["traiteur"].pk}" id="id_types_1" checked')
    assert not Besoin.objects.exists()


def test_the_live_count_answers_for_the_criteria_given(client, carte):
    reponse = client.get(
        "/besoins/deposer/compter/",
        {"territoire": carte["pays"].pk, "types": [carte["traiteur"].pk, "inconnu"]},
    )
    assert reponse.json() == {
        "texte": "2 organisations correspondent à ces critères et acceptent les besoins."
    }
    inconnu = client.get("/besoins/deposer/compter/", {"territoire": "999999"})
    assert inconnu.json()["texte"].startswith("Choisissez un territoire")


def test_a_need_is_stored_to_validate_and_nothing_is_sent(
    client, carte, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = deposer(client, carte, thematiques=[carte["alimentation"].pk])

    assertRedirects(reponse, "/besoins/depose/")
    stocke = Besoin.objects.get()
    assert (stocke.etat, stocke.territoire, stocke.nom) == (
        EtatBesoin.A_VALIDER,
        carte["finistere"],
        "Camille Martin",
    )
    assert list(stocke.types.all()) == [carte["traiteur"]]
    assert list(stocke.thematiques.all()) == [carte["alimentation"]]
    assert stocke.consented_at is not None
    assert mail.outbox == []
    assert not Sollicitation.objects.exists()
    assertContains(client.get("/besoins/depose/"), "Votre besoin est enregistré")


@pytest.mark.parametrize(
    ("champs", "attendu"),
    [
        ({"nature": None}, "Choisissez ce que vous cherchez."),
        ({"territoire": ""}, "Choisissez le territoire du besoin."),
        ({"territoire": "abc"}, "Choisissez un territoire de la liste."),
        ({"types": ["999999"]}, "Choisissez des types d'activité de la liste."),
        ({"echeance": "2020-01-01"}, "L'échéance est déjà passée."),
        ({"echeance": "demain"}, "Écrivez une date, par exemple 30/06/2027."),
        ({"titre": "Voir https://spam.example"}, "Le titre ne peut pas contenir de lien."),
        (
            {"description": "http://a.example http://b.example http://c.example"},
            "La description contient trop de liens : 2 au plus.",
        ),
        ({"description": "x" * 5001}, "5000 caractères"),
        ({"consentement": None}, "Cochez cette case pour que votre besoin soit transmis."),
        ({"courriel": "camille@"}, "Saisissez une adresse de courriel valide."),
        ({"site_web": "https://robot.example"}, "le champ réservé à la détection des robots"),
    ],
    ids=lambda valeur: str(valeur)[:30] if not isinstance(valeur, dict) else list(valeur)[0],
)
def test_a_refused_need_says_why_keeps_what_was_typed_and_stores_nothing(
    client, carte, champs, attendu
):
    reponse = deposer(client, carte, **champs)

    assert reponse.status_code == 200
    assert "Votre besoin n'a pas été déposé" in lu(reponse)
    assert attendu in lu(reponse).replace("\u202f", "").replace("\xa0", "")
    assertContains(reponse, "Mairie de Brest")  # what was typed is still there
    assert not Besoin.objects.exists()


def test_a_deadline_is_read_as_a_person_writes_it(client, carte):
    l_an_prochain = date.today().year + 1
    deposer(client, carte, echeance=f"30/06/{l_an_prochain}")
    assert Besoin.objects.get().echeance == date(l_an_prochain, 6, 30)


def test_a_form_sent_too_fast_is_refused(client, carte, settings):
    settings.MESSAGES_DELAI_MINIMUM_SECONDES = 60
    reponse = deposer(client, carte)
    assert "Votre besoin a été envoyé trop vite" in lu(reponse)
    assert not Besoin.objects.exists()


def test_a_form_for_another_page_is_refused(client, carte):
    autre = signing.dumps(["pole", 0], salt="acteurs.message.jeton")
    reponse = client.post(FORMULAIRE, {**formulaire(carte), "jeton": autre})
    assert "Ce formulaire n'a pas pu être vérifié" in lu(reponse)
    assert not Besoin.objects.exists()


def test_one_requester_may_file_a_few_needs_a_day(client, carte, settings):
    settings.BESOINS_LIMITES_DEMANDEUR = {"jour": 2}
    for _ in range(2):
        assert deposer(client, carte).status_code == 302
    refus = deposer(client, carte, courriel=DEMANDEUR.upper())

    assert refus.status_code == 429
    assert "Vous avez déjà déposé plusieurs besoins dans la journée" in lu(refus)
    assert Besoin.objects.count() == 2
    assert deposer(client, carte, courriel="autre@exemple.net").status_code == 302


def test_the_form_page_query_count_does_not_grow(client, carte, django_assert_num_queries):
    # Territories of the list, kinds of activity, themes; and the count once a territory is
    # chosen (its chain of parents, then the count).
    with django_assert_num_queries(3):
        client.get(FORMULAIRE)
    for _ in range(5):
        TypeActiviteFactory()
        ThematiqueFactory()
        OrganisationFactory(is_open_to_requests=True, courriel_contact="a@b.example")
    with django_assert_num_queries(3):
        client.get(FORMULAIRE)
    donnees = {"action": "compter", "territoire": carte["finistere"].pk}
    with django_assert_num_queries(3 + 3):
        client.post(FORMULAIRE, donnees)


# Validation and delivery


@pytest.fixture
def en_base(settings, transactional_db):
    """Tasks enqueued in the database, as in production, for the worker to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_a_validated_need_goes_to_the_matching_organisations_only_through_the_worker(
    carte, editeur, en_base
):
    demande = besoin(carte, types=[carte["traiteur"], carte["formation"]])

    assert besoins.valider(demande, par=editeur) == 2
    assert mail.outbox == []  # not inside the request: by the worker
    lancer_le_worker()

    assert sorted(m.to[0] for m in mail.outbox) == [
        "prive@brestoise.example",
        "prive@regionale.example",
    ]
    courriel = mail.outbox[0]
    assert courriel.subject == "[Écosystème] Un besoin pour vous : Traiteur pour 80 personnes"
    assert "Un buffet pour l'assemblée générale" in courriel.body
    assert "http://127.0.0.1:8000/besoins/interesse/" in courriel.body
    # The requester is not revealed to the organisations.
    assert DEMANDEUR not in courriel.body and courriel.reply_to == []
    assert "Camille Martin" not in courriel.body
    demande.refresh_from_db()
    assert (demande.etat, demande.validated_by) == (EtatBesoin.ENVOYE, editeur)
    assert set(Sollicitation.objects.values_list("statut", flat=True)) == {StatutEnvoi.ENVOYE}
    # Validated twice, it goes nowhere twice.
    assert besoins.valider(demande, par=editeur) == 0
    lancer_le_worker()
    assert len(mail.outbox) == 2


def test_recipients_are_capped_and_sent_in_batches(carte, editeur, en_base, settings):
    settings.BESOINS_DESTINATAIRES_MAXIMUM = 5
    settings.BESOINS_TAILLE_LOT = 2
    settings.BESOINS_INTERVALLE_LOTS_MINUTES = 10
    for numero in range(6):
        OrganisationFactory(
            nom=f"Zeste {numero}",
            siege=carte["dijon"],
            is_open_to_requests=True,
            courriel_contact=f"zeste{numero}@exemple.org",
        )
    demande = besoin(carte, territoire=carte["cote_d_or"])

    assert besoins.valider(demande, par=editeur) == 5
    lancer_le_worker()

    # In the order of names: Dijonnaise, Zeste 0 now; Zeste 1, 2 in ten minutes; Zeste 3 after.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "prive@dijonnaise.example",
        "zeste0@exemple.org",
    ]
    attentes = sorted(
        round((tache.run_after - timezone.now()) / timedelta(minutes=1))
        for tache in DBTaskResult.objects.filter(status="READY")
    )
    assert attentes == [10, 10, 20]
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    lancer_le_worker()
    assert len(mail.outbox) == 5
    assert not Sollicitation.objects.filter(organisation__nom="Zeste 4").exists()


def test_a_need_not_validated_or_closed_goes_nowhere(carte, editeur, en_base):
    besoin(carte)
    lancer_le_worker()
    assert mail.outbox == []

    ferme = besoin(carte, titre="Clos avant l'envoi")
    with mock.patch.object(besoins, "planifier"):  # validated, its tasks not yet run
        besoins.valider(ferme, par=editeur)
    assert besoins.clore(ferme)
    for sollicitation in Sollicitation.objects.filter(besoin=ferme):
        besoins.envoyer_sollicitation.enqueue(sollicitation.pk)
    lancer_le_worker()
    assert mail.outbox == []
    assert not besoins.clore(ferme)


def test_a_failing_mail_server_leads_to_a_retry_and_a_single_delivery(
    carte,
    editeur,
    en_base,
    serveur_en_panne,  # noqa: F811
):
    serveur_en_panne.pannes = 1
    besoins.valider(besoin(carte, territoire=carte["dijon"]), par=editeur)

    lancer_le_worker()
    assert mail.outbox == []
    sollicitation = Sollicitation.objects.get()
    assert (sollicitation.statut, sollicitation.tentatives) == (StatutEnvoi.A_ENVOYER, 1)

    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    lancer_le_worker()
    besoins.envoyer_sollicitation.enqueue(sollicitation.pk, tentative=2)
    lancer_le_worker()
    assert len(mail.outbox) == 1
    sollicitation.refresh_from_db()
    assert (sollicitation.statut, sollicitation.tentatives) == (StatutEnvoi.ENVOYE, 2)


def test_a_need_s_mail_whose_task_was_lost_is_enqueued_again_and_sent_once(carte, editeur, en_base):
    with mock.patch.object(besoins, "planifier"):  # the process stopped before the enqueue
        besoins.valider(besoin(carte, territoire=carte["dijon"]), par=editeur)
    Sollicitation.objects.update(planned_at=timezone.now() - timedelta(days=1))

    call_command("relancer_messages", verbosity=0)
    lancer_le_worker()
    call_command("relancer_messages", verbosity=0)
    lancer_le_worker()

    assert [m.to[0] for m in mail.outbox] == ["prive@dijonnaise.example"]


# The link « Intéressé »


@pytest.fixture
def envoye(carte, editeur):
    demande = besoin(carte, territoire=carte["brest"], budget="moins_5000")
    besoins.valider(demande, par=editeur)
    mail.outbox.clear()
    sollicitation = Sollicitation.objects.get(organisation=carte["brestoise"])
    return sollicitation


def chemin(sollicitation):
    return besoins.lien_interesse(sollicitation).removeprefix("http://127.0.0.1:8000")


def test_the_link_shows_the_need_and_records_nothing_until_confirmed(client, envoye):
    reponse = client.get(chemin(envoye))

    assert reponse.status_code == 200
    assertContains(reponse, "Un besoin pour Brestoise")
    assertContains(reponse, "Traiteur pour 80 personnes")
    assertContains(reponse, "moins de 5")
    assertNotContains(reponse, DEMANDEUR)
    assertNotContains(reponse, "Camille Martin")
    assert not Interet.objects.exists()


def test_interest_is_recorded_once_and_the_requester_gets_published_details_only(
    client, carte, envoye, django_capture_on_commit_callbacks
):
    brestoise = carte["brestoise"]
    Organisation.objects.filter(pk=brestoise.pk).update(
        courriel="bonjour@brestoise.example",
        courriel_is_published=True,
        telephone="02 98 12 34 56",  # not published
        site_web="https://brestoise.example",
        is_contactable=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(chemin(envoye))

    assertContains(reponse, "Votre intérêt est transmis")
    assert Interet.objects.get().sollicitation == envoye
    [avis] = mail.outbox
    assert avis.to == [DEMANDEUR]
    assert avis.subject == "[Écosystème] Brestoise est intéressée par votre besoin"
    assert "bonjour@brestoise.example" in avis.body
    assert "https://brestoise.example" in avis.body
    assert "http://127.0.0.1:8000/acteurs/brestoise/ecrire/" in avis.body
    assert "98 12" not in avis.body  # its phone is not published
    assert "prive@brestoise" not in avis.body

    with django_capture_on_commit_callbacks(execute=True):
        encore = client.post(chemin(envoye))
    assert encore.status_code == 410
    assert "ce lien ne sert qu'une fois" in lu(encore)
    assert client.get(chemin(envoye)).status_code == 410
    assert Interet.objects.count() == 1
    assert len(mail.outbox) == 1


def test_an_organisation_with_no_published_contact_is_told_and_the_requester_too(
    client, envoye, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reponse = client.post(chemin(envoye))

    assertContains(reponse, "Votre fiche ne publie encore aucune coordonnée")
    [avis] = mail.outbox
    assert "Elle n'a pas encore publié de coordonnées dans l'annuaire" in avis.body
    assert "Pour la contacter" not in avis.body


def test_the_link_expires(client, envoye, settings):
    lien = chemin(envoye)
    settings.BESOINS_LIEN_VALIDITE_JOURS = 0
    with mock.patch("time.time", return_value=__import__("time").time() + 5):
        reponse = client.post(lien)
    assert reponse.status_code == 410
    assert "Ce lien a expiré" in lu(reponse)
    assert not Interet.objects.exists()


def test_a_closed_need_takes_no_more_answers(client, envoye):
    besoins.clore(envoye.besoin)
    reponse = client.post(chemin(envoye))
    assert reponse.status_code == 410
    assert "Ce besoin est clos" in lu(reponse)
    assert not Interet.objects.exists()


@pytest.mark.parametrize(
    "jeton",
    [
        "abc",
        "1:abc:def",
        signing.dumps(1, salt="autre.sel"),
        signing.dumps("1", salt=besoins.SEL_LIEN),
    ],
)
def test_a_link_altered_or_made_up_is_refused(client, envoye, jeton):
    reponse = client.post(f"/besoins/interesse/{jeton}/")
    assert reponse.status_code == 410
    assert "Ce lien n'est pas valable" in lu(reponse)
    assert not Interet.objects.exists()


def test_one_organisation_s_link_cannot_answer_for_another(client, carte, envoye):
    autre = Sollicitation.objects.get(organisation=carte["regionale"])
    # Its identifier in a link signed for the first: the signature no longer matches.
    jeton = besoins.lien_interesse(envoye).rstrip("/").rsplit("/", 1)[1]
    valeur, reste = jeton.split(":", 1)
    falsifie = signing.dumps(autre.pk, salt=besoins.SEL_LIEN).split(":", 1)[0] + ":" + reste
    assert valeur != falsifie.split(":", 1)[0]
    reponse = client.post(f"/besoins/interesse/{falsifie}/")
    assert reponse.status_code == 410
    assert not Interet.objects.exists()


# Staff


def test_staff_list_needs_by_state_then_validate_and_close_them(client, carte, editeur):
    a_valider = besoin(carte, titre="Un besoin à valider", territoire=carte["dijon"])
    besoin(carte, titre="Un besoin à clore")
    client.force_login(editeur)

    liste = client.get("/admin/acteurs/besoin/?etat__exact=a_valider")
    assertContains(liste, "Un besoin à valider")
    fiche = client.get(f"/admin/acteurs/besoin/{a_valider.pk}/change/")
    assertContains(fiche, "Camille Martin")
    assertContains(fiche, "Valider et envoyer</button>")
    assertNotContains(fiche, 'name="_save"')  # read, not edited
    reponse = client.post(
        "/admin/acteurs/besoin/",
        {"action": "valider_et_envoyer", "_selected_action": [a_valider.pk]},
        follow=True,
    )
    assertContains(reponse, "« Un besoin à valider » validé : envoyé à 1 organisation(s).")
    assertNotContains(
        client.get(f"/admin/acteurs/besoin/{a_valider.pk}/change/"), "Valider et envoyer</button>"
    )
    envoyes = client.get("/admin/acteurs/besoin/?etat__exact=envoye")
    assertContains(envoyes, "Un besoin à valider")
    assertNotContains(envoyes, "Un besoin à clore")
    a_clore = Besoin.objects.get(titre="Un besoin à clore")
    client.post(
        "/admin/acteurs/besoin/",
        {"action": "clore", "_selected_action": [a_clore.pk]},
    )
    assertContains(client.get("/admin/acteurs/besoin/?etat__exact=clos"), "Un besoin à clore")
    assert client.get("/admin/acteurs/besoin/add/").status_code == 403


def test_without_the_right_to_change_needs_one_cannot_validate_them(client, carte):
    lecteur = User.objects.create_user("lecteur", is_staff=True)
    lecteur.user_permissions.add(
        *Group.objects.get(name=EDITEUR).permissions.filter(codename="view_besoin")
    )
    demande = besoin(carte)
    client.force_login(lecteur)
    client.post(
        "/admin/acteurs/besoin/",
        {"action": "valider_et_envoyer", "_selected_action": [demande.pk]},
    )
    demande.refresh_from_db()
    assert demande.etat == EtatBesoin.A_VALIDER
    assert not Sollicitation.objects.exists()
    assert (
        Group.objects.get(name=ADMINISTRATEUR).permissions.filter(codename="delete_besoin").exists()
    )


# Privacy and retention


def test_private_addresses_and_needs_appear_in_no_public_output(client, carte, tmp_path, envoye):
    OrganisationFactory(slug="pole", courriel_contact="relais-prive@exemple.org")
    publics = [sorties(client, tmp_path), client.get(FORMULAIRE).content.decode()]
    publics.append(client.get(chemin(envoye)).content.decode())
    publics.append(client.post(FORMULAIRE, {"action": "compter"}).content.decode())
    for texte in publics:
        assert "prive@" not in texte
        assert DEMANDEUR not in texte


def test_retention_erases_the_requester_of_old_needs_only(carte, editeur, capsys):
    ancien = besoin(carte, titre="Ancien")
    besoins.valider(ancien, par=editeur)
    recent = besoin(carte, titre="Récent", courriel="autre@exemple.net")
    Besoin.objects.filter(pk=ancien.pk).update(created_at=timezone.now() - timedelta(days=200))

    call_command("purger_messages")

    ancien.refresh_from_db()
    recent.refresh_from_db()
    assert (ancien.nom, ancien.courriel, ancien.etat) == ("", "", EtatBesoin.CLOS)
    assert ancien.titre == "Ancien" and ancien.sollicitations.count() == 2
    assert (recent.nom, recent.courriel, recent.etat) == (
        "Camille Martin",
        "autre@exemple.net",
        EtatBesoin.A_VALIDER,
    )
    assert "Besoins de plus de 183 jours effacés : 1." in capsys.readouterr().out
