"""Test overlay: fast hashing, and templates that fail loudly on unknown variables."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789-abcdefghij")
os.environ.setdefault("ADRESSE_SITE", "http://127.0.0.1:8000")
os.environ.setdefault("DEBUG", "0")
# The test client speaks plain HTTP; the tests that need HTTPS ask for it (secure=True).
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .base import *  # noqa: E402, F403
from .base import TEMPLATES  # noqa: E402


class InvalidTemplateVariable(str):
    """Raises when a template renders an unknown variable, instead of printing nothing."""

    def __mod__(self, other):
        raise NameError(f"Variable de gabarit inconnue : {other}")


TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = InvalidTemplateVariable("%s")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the finders: the tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
# Mail stays in memory (django.core.mail.outbox). Tasks run as soon as they are enqueued,
# where the worker is not what a test looks at; the tests of delivery enqueue in the database
# and run the worker itself (tests/acteurs/test_messages.py).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
