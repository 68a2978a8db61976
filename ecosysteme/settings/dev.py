"""Development overlay: debug on, a throw-away secret key, the SQLite file by default."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-secret-key-not-for-production-0123456789-abcdefghij")
os.environ.setdefault("ADRESSE_SITE", "http://127.0.0.1:8000")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .base import *  # noqa: E402, F403

# Mail shows in the terminal that runs the site and its worker (scripts/demarrer.sh).
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
