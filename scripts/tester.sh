#!/usr/bin/env bash
# Installe ce qu'il faut pour les tests dans .venv puis lance toute la suite :
# lint, migrations à jour, tests. Arguments supplémentaires transmis à pytest.
# Base de données : SQLite par défaut, PostgreSQL si DATABASE_URL le dit.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_environnement.sh

installer "[test]"
"$PY" -m ruff check .
"$PY" -m ruff format --check .
# The layers of the code (pyproject.toml, [tool.importlinter]).
.venv/bin/lint-imports --no-cache
DJANGO_SETTINGS_MODULE=ecosysteme.settings.test "$PY" manage.py makemigrations --check --dry-run
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  echo "Chromium est introuvable : les tests dans le navigateur (tests/navigateur) seront"
  echo "sautés. Pour les lancer : sudo apt-get install chromium (Debian, Ubuntu)."
fi
"$PY" -m pytest "$@"
