#!/usr/bin/env bash
# Installe l'annuaire dans .venv, prépare la base SQLite avec les données de départ
# et lance le site sur http://127.0.0.1:8000, avec le worker qui envoie les courriels
# (affichés dans ce terminal en développement).
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
# Les données personnelles des messages trop anciens sont effacées, et les messages dont la
# tâche s'est perdue remis dans la file d'envoi ; en production, une tâche quotidienne le fait
# (README).
"$PY" manage.py purger_messages
"$PY" manage.py relancer_messages
# Le worker exécute les tâches de fond (les courriels) à côté du site, et s'arrête avec lui.
# Sans rechargement automatique : son processus de rechargement survivrait à l'arrêt.
"$PY" manage.py db_worker --no-reload &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null; wait "$WORKER" 2>/dev/null' EXIT
echo "Annuaire disponible sur http://127.0.0.1:8000 (administration : /admin/)."
"$PY" manage.py runserver 127.0.0.1:8000
