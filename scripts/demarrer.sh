#!/usr/bin/env bash
# Installe l'annuaire dans .venv, prépare la base SQLite avec les données de départ
# et lance le site sur http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_environnement.sh

installer ""
"$PY" manage.py migrate --noinput
# Les données de départ ne sont chargées que dans une base vide : relancer le site ne doit
# jamais écraser ce que les éditeurs ont corrigé depuis.
if "$PY" manage.py shell -c "import sys; from acteurs.models import Organisation; \
sys.exit(1 if Organisation.objects.exists() else 0)"; then
  echo "Chargement des données de départ (fixtures/*.json)…"
  "$PY" manage.py loaddata fixtures/*.json
fi
echo "Annuaire disponible sur http://127.0.0.1:8000 (administration : /admin/)."
exec "$PY" manage.py runserver 127.0.0.1:8000
