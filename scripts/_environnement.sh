# Shared by the scripts: finds Python >= 3.10, creates .venv and installs the project in it.
PYTHON_SYSTEME=${PYTHON:-python3}
if ! "$PYTHON_SYSTEME" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  echo "Python 3.10 ou plus récent est nécessaire (essayé : $PYTHON_SYSTEME)." >&2
  echo "Indiquez-en un autre avec PYTHON=/chemin/vers/python3.12 $0" >&2
  exit 1
fi
PY=.venv/bin/python

installer() {
  local extras=$1
  if [ ! -x "$PY" ]; then
    echo "Création de l'environnement virtuel .venv…"
    "$PYTHON_SYSTEME" -m venv .venv
  fi
  echo "Installation des dépendances…"
  "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
  "$PY" -m pip install --quiet --disable-pip-version-check -e ".${extras}"
  # The interface in Dutch and English: catalogues compiled into the .mo files Django reads.
  .venv/bin/pybabel compile --directory locale --domain django --statistics
}
