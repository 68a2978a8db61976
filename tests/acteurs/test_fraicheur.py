"""Freshness: « Informations vérifiées le … », « Toujours à jour », profiles to verify again,
and organisations that have ceased their activity."""

import datetime
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from acteurs.enums import TypeRelation
from acteurs.models import Organisation, Personne
from ecosysteme.fraicheur import RAISON_VERIFICATION, confirmer, fiches_a_verifier
from ecosysteme.models import VersionDonnees, decaler_de_mois
from tests import listes
from tests.factories import (
    ChiffreOrganisationFactory,
    OrganisationFactory,
    PersonneFactory,
    RelationFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def il_y_a(**duree):
    return timezone.now() - timedelta(**duree)


# What a profile says of its freshness


def test_a_profile_never_verified_says_so_and_reads_as_its_sources(client):
    source = SourceFactory(titre="Entretien", date_publication=datetime.date(2016, 10, 31))
    sans_date = SourceFactory(titre="Compte rendu", date_publication=None)
    organisation = OrganisationFactory()
    organisation.sources.add(source, sans_date)
    ChiffreOrganisationFactory(organisation=organisation, libelle="membres", annee=2016,
                               source=source)  # fmt: skip
    ChiffreOrganisationFactory(organisation=organisation, libelle="partenaires", annee=None)

    response = client.get(organisation.get_absolute_url())

    assertContains(response, "Informations pas encore vérifiées")
    assertNotContains(response, "Informations vérifiées le")
    assertContains(response, "Mis à jour le")
    assertContains(response, '<span class="discret">en 2016</span>', html=True)
    assertContains(response, '<span class="discret">(année non précisée)</span>', html=True)
    assertContains(response, '<time datetime="2016-10-31">31 octobre 2016</time>', html=True)
    assertContains(response, "date non précisée")


@pytest.mark.parametrize("fabrique", [OrganisationFactory, PersonneFactory])
def test_a_verified_profile_shows_when_apart_from_its_last_update(client, fabrique):
    fiche = fabrique()
    confirmer([fiche], par=None, maintenant=timezone.make_aware(datetime.datetime(2024, 3, 2)))

    response = client.get(fiche.get_absolute_url())

    assertContains(response, "Informations vérifiées le")
    assertContains(response, '<time datetime="2024-03-02">2 mars 2024</time>', html=True)
    assertContains(response, "une nouvelle vérification est attendue")  # 12 months: due


def test_a_recently_verified_profile_is_not_said_to_be_due(client):
    organisation = OrganisationFactory()
    confirmer([organisation], par=None)

    response = client.get(organisation.get_absolute_url())

    assertContains(response, "Informations vérifiées le")
    assertNotContains(response, "une nouvelle vérification est attendue")


# Confirming a profile


def test_confirming_leaves_the_last_update_and_the_listings_alone_and_is_in_the_history():
    editrice = get_user_model().objects.create_user("editrice")
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).update(updated_at=il_y_a(days=400))
    organisation.refresh_from_db()
    mise_a_jour, jeton = organisation.updated_at, VersionDonnees.actuelle()

    assert confirmer(Organisation.objects.filter(pk=organisation.pk), par=editrice) == 1

    organisation.refresh_from_db()
    assert organisation.updated_at == mise_a_jour
    assert organisation.verified_by == editrice
    assert timezone.now() - organisation.verified_at < timedelta(minutes=1)
    assert VersionDonnees.actuelle() == jeton  # nothing listed changed
    version = organisation.history.latest()
    assert (version.history_user, version.history_change_reason) == (editrice, RAISON_VERIFICATION)
    assert version.verified_at == organisation.verified_at


def test_the_verifier_may_leave_the_verification_stays():
    editeur = get_user_model().objects.create_user("editeur")
    personne = PersonneFactory()
    confirmer([personne], par=editeur)

    editeur.delete()

    personne.refresh_from_db()
    assert personne.verified_at is not None and personne.verified_by is None


@pytest.mark.parametrize("modele", ["organisation", "personne", "dispositif"])
def test_toujours_a_jour_from_the_list_and_from_the_page(admin_client, admin_user, modele):
    from tests.factories import DispositifFactory

    fabrique = {"organisation": OrganisationFactory, "personne": PersonneFactory,
                "dispositif": DispositifFactory}[modele]  # fmt: skip
    premiere, seconde = fabrique(), fabrique()
    app = premiere._meta.app_label
    liste = reverse(f"admin:{app}_{modele}_changelist")

    page = admin_client.get(reverse(f"admin:{app}_{modele}_change", args=[premiere.pk]))
    assertContains(page, '<button type="submit" class="button">Toujours à jour</button>', html=True)
    assertContains(page, f'<input type="hidden" name="_selected_action" value="{premiere.pk}">',
                   html=True)  # fmt: skip

    reponse = admin_client.post(
        liste, {"action": "confirmer_a_jour", "_selected_action": [premiere.pk]}
    )

    assert reponse.status_code == 302
    premiere.refresh_from_db()
    seconde.refresh_from_db()
    assert premiere.verified_by == admin_user and seconde.verified_at is None
    # The list filter « à vérifier »: the one never verified, not the one just verified.
    a_verifier = admin_client.get(liste, {"verification": "a_verifier"})
    assert list(a_verifier.context["cl"].queryset) == [seconde]
    a_jour = admin_client.get(liste, {"verification": "a_jour"})
    assert list(a_jour.context["cl"].queryset) == [premiere]


# Profiles due for verification


def test_due_for_verification_by_each_profiles_own_frequency():
    jamais = OrganisationFactory(nom="Jamais")
    ancienne = OrganisationFactory(nom="Ancienne")
    recente = OrganisationFactory(nom="Récente")
    mensuelle = OrganisationFactory(nom="Mensuelle", frequence_verification=1)
    confirmer([ancienne], par=None, maintenant=il_y_a(days=400))
    confirmer([recente, mensuelle], par=None, maintenant=il_y_a(days=40))

    dues = Organisation.objects.due_for_verification()

    assert set(dues) == {jamais, ancienne, mensuelle}
    for organisation in Organisation.objects.all():
        assert organisation.is_due_for_verification == (organisation in dues)


@pytest.mark.parametrize(
    ("instant", "mois", "attendu"),
    [
        (datetime.datetime(2026, 1, 31, 10), 1, datetime.datetime(2026, 2, 28, 10)),
        (datetime.datetime(2024, 1, 31), 1, datetime.datetime(2024, 2, 29)),
        (datetime.datetime(2026, 12, 6), 12, datetime.datetime(2027, 12, 6)),
        (datetime.datetime(2026, 3, 31), -1, datetime.datetime(2026, 2, 28)),
        (datetime.datetime(2026, 1, 15), -13, datetime.datetime(2024, 12, 15)),
    ],
)
def test_months_are_calendar_months(instant, mois, attendu):
    assert decaler_de_mois(instant, mois) == attendu


def test_the_frequency_is_between_one_and_sixty_months():
    organisation = OrganisationFactory.build(frequence_verification=0)
    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean(exclude=["slug"])
    assert "frequence_verification" in erreur.value.message_dict
    assert OrganisationFactory().frequence_verification == 12  # the setting


def test_the_command_lists_the_profiles_to_verify_and_sends_nothing(mailoutbox):
    OrganisationFactory(nom="Coop jamais vérifiée")
    a_jour = OrganisationFactory(nom="Coop à jour")
    confirmer([a_jour], par=None)
    PersonneFactory(prenom="Camille", nom="Ancienne")
    OrganisationFactory(nom="Brouillon", is_published=False)
    sortie = io.StringIO()

    call_command("fiches_a_verifier", stdout=sortie)

    texte = sortie.getvalue()
    assert "Organisations à vérifier : 1" in texte
    assert "Coop jamais vérifiée – jamais vérifiée (tous les 12 mois)" in texte
    assert "Camille Ancienne" in texte
    assert "Coop à jour" not in texte and "Brouillon" not in texte
    assert "Fiches à vérifier en tout : 2." in texte
    assert "Récapitulatifs aux gestionnaires : aucun" in texte
    assert mailoutbox == []
    assert [modele for modele, _ in fiches_a_verifier()][:2] == [Organisation, Personne]


# Organisations that have ceased their activity


@pytest.fixture
def fermees():
    territoires = listes.territoires()
    listes.annuaire(territoires)
    fermee = OrganisationFactory(
        nom="Ancienne coop", slug="ancienne", siege=territoires.bordeaux,
        date_cessation=datetime.date(2024, 3, 3),
    )  # fmt: skip
    dissoute = OrganisationFactory(nom="Dissoute", slug="dissoute", annee_fin=2019)
    return fermee, dissoute


def resultats(response):
    return [organisation.nom for organisation in response.context["page"]]


def test_the_listing_leaves_them_out_until_asked(client, fermees):
    par_defaut = client.get("/acteurs/")
    toutes = client.get("/acteurs/", {"cessees": "oui"})

    assert "Ancienne coop" not in resultats(par_defaut)
    assert "Dissoute" not in resultats(par_defaut)
    assert {"Ancienne coop", "Dissoute"} <= set(resultats(toutes))
    assert par_defaut.context["page"].paginator.count + 2 == toutes.context["page"].paginator.count
    # The option says how many results it gives, as every option does.
    assertContains(
        par_defaut,
        '<label for="cessees-oui">Inclure celles qui ont cessé leur activité '
        f'<span class="compte">({toutes.context["page"].paginator.count})</span></label>',
        html=True,
    )
    assertContains(toutes, "<h1>Acteurs, y compris celles qui ont cessé leur activité</h1>",
                   html=True)  # fmt: skip
    assertContains(toutes, "A cessé son activité le 3 mars 2024")


def test_every_count_leaves_them_out_by_default(client, fermees):
    """The facets count what the listing shows: Bordeaux without the closed one."""
    from acteurs.filters import OrganisationFilter

    for parametres in ({}, {"territoire": "bordeaux"}, {"cessees": "oui", "territoire": "na"}):
        response = client.get("/acteurs/", parametres)
        filtres = response.context["filtres"]
        assert filtres.total == filtres.qs.count() == len(resultats(response))
        for groupe in filtres.groupes:
            for option in groupe.options:
                autre = OrganisationFilter(
                    {**parametres, groupe.nom: option.valeur}, Organisation.objects.published()
                )
                assert option.nombre == autre.qs.count(), (parametres, groupe.nom, option)


def test_the_home_page_counts_only_active_ones(client, fermees):
    total = Organisation.objects.published().count()

    response = client.get("/")

    assert response.context["nombre_organisations"] == total - 2


def test_their_profile_stays_with_a_notice_and_its_links(client, fermees):
    fermee, dissoute = fermees
    partenaire = OrganisationFactory(nom="Partenaire")
    RelationFactory(source=fermee, cible=partenaire, type=TypeRelation.PARTENAIRE)
    fermee.courriel_contact, fermee.is_contactable = "contact@exemple.org", True
    fermee.save()

    response = client.get(fermee.get_absolute_url())

    assert response.status_code == 200
    assertContains(
        response,
        '<p class="avis cessation">Cette organisation a cessé son activité le 3 mars 2024. '
        "Sa fiche reste consultable pour mémoire, avec ses liens et ses sources.</p>",
        html=True,
    )
    assertContains(response, "Partenaire")
    assertNotContains(response, "Écrire à cette organisation")  # a closed one reads no mail
    assert not Organisation.objects.contactable().filter(pk=fermee.pk).exists()
    assertContains(client.get(dissoute.get_absolute_url()), "a cessé son activité en 2019")
    assertContains(client.get(partenaire.get_absolute_url()), "Ancienne coop")


def test_the_api_gives_them_by_their_address_and_says_when(client, fermees):
    fermee, _dissoute = fermees
    confirmer([fermee], par=None)

    fiche = json.loads(client.get("/api/organisations/ancienne/").content)
    liste = json.loads(client.get("/api/organisations/").content)
    toutes = json.loads(client.get("/api/organisations/", {"cessees": "oui"}).content)

    assert fiche["date_cessation"] == "2024-03-03"
    assert fiche["verifie_le"].startswith(str(fermee.verified_at.date()))
    assert "ancienne" not in [o["slug"] for o in liste["resultats"]]
    assert "ancienne" in [o["slug"] for o in toutes["resultats"]]


def test_a_closing_date_agrees_with_the_end_year():
    organisation = OrganisationFactory.build(
        annee_creation=2001, annee_fin=2019, date_cessation=datetime.date(2020, 1, 1)
    )
    with pytest.raises(ValidationError) as erreur:
        organisation.full_clean(exclude=["slug"])
    assert erreur.value.message_dict["date_cessation"] == [
        "Cette date n'est pas dans l'année de fin indiquée (2019)."
    ]
    avant = OrganisationFactory.build(annee_creation=2001, date_cessation=datetime.date(2000, 5, 1))
    with pytest.raises(ValidationError) as erreur:
        avant.full_clean(exclude=["slug"])
    assert "date_cessation" in erreur.value.message_dict


def test_closing_one_takes_it_out_of_the_listing_at_once(client):
    organisation = OrganisationFactory(nom="Bientôt fermée")
    assert "Bientôt fermée" in resultats(client.get("/acteurs/"))

    organisation.date_cessation = datetime.date(2026, 1, 5)
    organisation.save()

    assert "Bientôt fermée" not in resultats(client.get("/acteurs/"))


def test_the_search_page_finds_them_and_its_link_lists_as_many(client, fermees):
    response = client.get("/recherche/", {"q": "ancienne"})

    (groupe,) = [g for g in response.context["groupes"] if g.pluriel == "organisations"]
    assertContains(response, "A cessé son activité le 3 mars 2024")
    assert groupe.url_liste == "/acteurs/?q=ancienne&cessees=oui"
    liste = client.get(groupe.url_liste)
    assert liste.context["page"].paginator.count == groupe.nombre
