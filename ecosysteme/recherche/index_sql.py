"""Database indexes behind free-text search, created by the apps' migrations.

The search documents are queried with LIKE '% motif%'. PostgreSQL answers that from trigram
GIN indexes (pg_trgm, a trusted extension since PostgreSQL 13). SQLite cannot index LIKE on
an ordinary column, so an FTS5 table with the trigram tokenizer mirrors the documents,
kept in step by triggers, which also see bulk inserts and updates.
"""

COLONNES = ("recherche_nom", "recherche_texte")


def _sql_sqlite(table):
    fts = f"{table}_recherche"
    colonnes = ", ".join(COLONNES)
    nouvelles = ", ".join(f"new.{c}" for c in COLONNES)
    anciennes = ", ".join(f"old.{c}" for c in COLONNES)
    effacer = (
        f'INSERT INTO "{fts}"("{fts}", rowid, {colonnes}) VALUES (\'delete\', old.id, {anciennes});'
    )
    ajouter = f'INSERT INTO "{fts}"(rowid, {colonnes}) VALUES (new.id, {nouvelles});'
    return [
        f'CREATE VIRTUAL TABLE "{fts}" USING fts5({colonnes}, content="{table}", '
        f'content_rowid="id", tokenize="trigram")',
        f'CREATE TRIGGER "{fts}_ai" AFTER INSERT ON "{table}" BEGIN {ajouter} END',
        f'CREATE TRIGGER "{fts}_ad" AFTER DELETE ON "{table}" BEGIN {effacer} END',
        f'CREATE TRIGGER "{fts}_au" AFTER UPDATE OF {colonnes} ON "{table}" '
        f"BEGIN {effacer} {ajouter} END",
        f'INSERT INTO "{fts}"("{fts}") VALUES (\'rebuild\')',
    ]


def _sql_postgresql(table):
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        *(
            f'CREATE INDEX IF NOT EXISTS "{table}_{c}_trgm" ON "{table}" '
            f"USING gin ({c} gin_trgm_ops)"
            for c in COLONNES
        ),
    ]


def _sql_suppression(vendor, table):
    if vendor == "sqlite":
        return [f'DROP TABLE IF EXISTS "{table}_recherche"'] + [
            f'DROP TRIGGER IF EXISTS "{table}_recherche_{suffixe}"'
            for suffixe in ("ai", "ad", "au")
        ]
    if vendor == "postgresql":
        return [f'DROP INDEX IF EXISTS "{table}_{c}_trgm"' for c in COLONNES]
    return []


def operations(*tables):
    """RunPython functions (forwards, backwards) creating the index of these tables."""

    def creer(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        construire = {"sqlite": _sql_sqlite, "postgresql": _sql_postgresql}.get(vendor)
        for table in tables:
            for sql in construire(table) if construire else []:
                schema_editor.execute(sql)

    def supprimer(apps, schema_editor):
        for table in tables:
            for sql in _sql_suppression(schema_editor.connection.vendor, table):
                schema_editor.execute(sql)

    return creer, supprimer


def reconstruction(*tables):
    """RunPython function re-creating the SQLite index of these tables, for a migration that
    alters one of them: SQLite cannot alter a constraint, Django copies the table into a new
    one, and the triggers that kept the index in step are dropped with the old one.
    (PostgreSQL alters the table in place: its indexes stay.)"""
    creer, supprimer = operations(*tables)

    def reconstruire(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            supprimer(apps, schema_editor)
            creer(apps, schema_editor)

    return reconstruire
