"""The editors' two roles, as groups of permissions.

*Éditeur*: creates and edits every entry of the directory, and may delete the lines inside an
entry (a role, a relation, a quote, a figure), but not an entry itself, and has no access to
accounts. *Administrateur*: everything an editor does, deletes entries and manages accounts,
groups and locked logins. Both are kept by `definir_roles()`, run after every migrate and by
`manage.py definir_roles`: a permission added to a model reaches the roles without a manual step.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITEUR = "Éditeur"
ADMINISTRATEUR = "Administrateur"

# The entries and reference lists: editors create and change them, only administrators delete.
ENTREES = [
    "acteurs.organisation",
    "acteurs.personne",
    "accompagnement.dispositif",
    "acteurs.typeactivite",
    "ecosysteme.territoire",
    "ecosysteme.thematique",
    "ecosysteme.source",
]
# What an entry's page holds as lines, which editors must be able to remove when wrong.
LIGNES = [
    "acteurs.fonction",
    "acteurs.relation",
    "acteurs.citation",
    "acteurs.chiffreorganisation",
    "accompagnement.chiffredispositif",
]
# What visitors wrote to organisations: editors read them; administrators may also delete one,
# at its writer's request.
MESSAGES = ["acteurs.message"]
# The needs visitors filed: editors read them, validate them and close them.
BESOINS = ["acteurs.besoin"]
# The reports « Signaler une erreur »: editors read them and process or reject them.
SIGNALEMENTS = ["ecosysteme.signalement"]
# The requests to manage a profile: editors approve or refuse those waiting for them.
GESTIONNAIRES = ["acteurs.gestionnaire"]
# The proposed changes and new profiles: editors accept or refuse them.
PROPOSITIONS = ["ecosysteme.proposition"]
# Accounts, the admin's log and the login attempts (to unlock an account before the delay).
COMPTES = [
    "auth.user",
    "auth.group",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
]


def permissions(modeles, actions):
    condition = Q()
    for modele in modeles:
        app_label, model = modele.split(".")
        condition |= Q(content_type__app_label=app_label, content_type__model=model)
    return Permission.objects.filter(condition, codename__regex=rf"^({'|'.join(actions)})_")


def definir_roles(using="default"):
    """Creates the two groups, or gives them back exactly their permissions."""
    for app_config in apps.get_app_configs():
        # Permissions are created after each app's migrations; the roles need them all now.
        create_permissions(app_config, verbosity=0, using=using)
    toutes = ["add", "change", "delete", "view"]
    editeur, _ = Group.objects.using(using).get_or_create(name=EDITEUR)
    editeur.permissions.set(
        permissions(ENTREES, ["add", "change", "view"])
        | permissions(LIGNES, toutes)
        | permissions(MESSAGES, ["view"])
        | permissions(BESOINS + SIGNALEMENTS + GESTIONNAIRES + PROPOSITIONS, ["change", "view"])
    )
    administrateur, _ = Group.objects.using(using).get_or_create(name=ADMINISTRATEUR)
    administrateur.permissions.set(
        permissions(ENTREES + LIGNES + COMPTES, toutes)
        | permissions(MESSAGES, ["view", "delete"])
        | permissions(
            BESOINS + SIGNALEMENTS + GESTIONNAIRES + PROPOSITIONS, ["change", "view", "delete"]
        )
    )
    return editeur, administrateur
