"""The editors' two roles: what each may and may not do in the admin."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from acteurs.models import Fonction, Organisation
from ecosysteme.roles import ADMINISTRATEUR, EDITEUR
from tests import factories
from tests.test_admin import admin_url, organisation_post_data


def compte(nom_du_role):
    utilisateur = User.objects.create_user(nom_du_role.lower(), is_staff=True)
    utilisateur.groups.add(Group.objects.get(name=nom_du_role))
    return utilisateur


@pytest.fixture
def editeur(db, client):
    client.force_login(compte(EDITEUR))
    return client


@pytest.fixture
def administrateur(db, client):
    client.force_login(compte(ADMINISTRATEUR))
    return client


def test_migrate_creates_both_roles(db):
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITEUR, ADMINISTRATEUR}


def test_defining_the_roles_again_changes_nothing(db, capsys):
    avant = {g.name: set(g.permissions.all()) for g in Group.objects.all()}

    call_command("definir_roles")

    assert {g.name: set(g.permissions.all()) for g in Group.objects.all()} == avant
    assert "Rôle « Éditeur » : 50 permissions." in capsys.readouterr().out


def test_an_editor_creates_and_edits_organisations(editeur):
    organisation = factories.OrganisationFactory(nom="Ancien nom")

    assert editeur.get(admin_url(Organisation, "add")).status_code == 200
    donnees = organisation_post_data(organisation)
    donnees["nom"] = "Nouveau nom"
    response = editeur.post(admin_url(organisation, "change", organisation.pk), donnees)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.nom == "Nouveau nom"


def test_an_editor_cannot_delete_an_organisation(editeur):
    organisation = factories.OrganisationFactory()

    page = editeur.get(admin_url(organisation, "delete", organisation.pk))
    envoi = editeur.post(admin_url(organisation, "delete", organisation.pk), {"post": "yes"})
    liste = editeur.get(admin_url(Organisation, "changelist"))

    assert page.status_code == 403
    assert envoi.status_code == 403
    assert Organisation.objects.filter(pk=organisation.pk).exists()
    assert "delete_selected" not in liste.content.decode()


def test_an_editor_removes_a_wrong_role(editeur):
    fonction = factories.FonctionFactory()

    response = editeur.post(admin_url(fonction, "delete", fonction.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Fonction.objects.filter(pk=fonction.pk).exists()


@pytest.mark.parametrize("modele", [User, Group])
def test_an_editor_cannot_manage_accounts(editeur, modele):
    assert editeur.get(admin_url(modele, "changelist")).status_code == 403
    assert editeur.get(admin_url(modele, "add")).status_code == 403


def test_an_administrator_deletes_organisations(administrateur):
    organisation = factories.OrganisationFactory()

    response = administrateur.post(
        admin_url(organisation, "delete", organisation.pk), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_administrator_manages_accounts(administrateur):
    response = administrateur.post(
        admin_url(User, "add"),
        {
            "username": "dominique",
            "password1": "un mot de passe assez long",
            "password2": "un mot de passe assez long",
            "usable_password": "true",
        },
    )

    assert response.status_code == 302
    assert User.objects.filter(username="dominique").exists()
    assert administrateur.get(admin_url(Group, "changelist")).status_code == 200


def test_neither_role_is_a_superuser(db):
    for role in (EDITEUR, ADMINISTRATEUR):
        assert not compte(role).is_superuser
