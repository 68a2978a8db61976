"""What the health check asks of the database: is it there, reachable and migrated?"""

from pathlib import Path

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


def fichier_absent():
    """An SQLite file that is not there: connecting would create an empty one, so don't."""
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return False
    return not Path(connection.settings_dict["NAME"]).exists()


def etat_base():
    """None when the database answers and every migration is applied, else what is wrong."""
    if fichier_absent():
        return "absente"
    try:
        executeur = MigrationExecutor(connection)
        en_attente = executeur.migration_plan(executeur.loader.graph.leaf_nodes())
    except DatabaseError:
        return "injoignable"
    return "migrations en attente" if en_attente else None
