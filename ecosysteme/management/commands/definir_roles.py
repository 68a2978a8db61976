from django.core.management.base import BaseCommand

from ecosysteme.roles import definir_roles


class Command(BaseCommand):
    help = (
        "Crée les rôles « Éditeur » et « Administrateur » (groupes de permissions), ou leur "
        "redonne exactement leurs permissions. Lancé aussi après chaque migrate."
    )

    def handle(self, *args, **options):
        for groupe in definir_roles():
            nombre = groupe.permissions.count()
            self.stdout.write(f"Rôle « {groupe.name} » : {nombre} permissions.")
