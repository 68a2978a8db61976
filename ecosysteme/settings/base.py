"""Settings shared by every environment, read from environment variables.

On their own they are the production settings: DEBUG is off and a real SECRET_KEY is
required. The development and test overlays set their own defaults before importing this.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY doit être défini dans l'environnement (au moins 50 caractères aléatoires)."
    )

DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "ecosysteme.apps.ConnexionsConfig",  # django-axes, named in French
    "simple_history",
    "phonenumber_field",
    "django_tasks",
    "django_tasks_db",
    "sesame",
    "import_export",
    "ecosysteme",
    "acteurs",
    "accompagnement",
    # After the apps, whose loaddata command (ecosysteme) stands before the one it brings;
    # before the admin, whose forms it extends with the fields of each language.
    "modeltranslation",
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the same headers as the pages.
    "ecosysteme.securite.EnTetesSecuriteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked login into its « too many attempts » page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ecosysteme.urls"
WSGI_APPLICATION = "ecosysteme.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Visitors keep reading while a process writes (a loaddata, an import, the admin): in WAL
    # mode readers never wait for a writer, and a writer waits up to the busy timeout for
    # another instead of failing at once. NORMAL is as durable as a crash needs with WAL.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Refuses a login locked after too many failures before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The managers' sign-in by e-mail link (django-sesame): a token, never a password.
    "sesame.backends.ModelBackend",
]
# Login throttling (django-axes): after 5 failures, that account from that address is locked
# for 15 minutes, never for good; a success clears the count. Locking by account *and* address
# keeps someone who guesses at an editor's account from locking the editor out everywhere.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ecosysteme.securite.connexion_verrouillee"
# Behind N reverse proxies, the client's address is read from X-Forwarded-For.
NOMBRE_DE_PROXIES = int(os.environ.get("NOMBRE_DE_PROXIES", "0"))
if NOMBRE_DE_PROXIES:
    AXES_IPWARE_PROXY_COUNT = NOMBRE_DE_PROXIES
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French at today's addresses; Dutch and English under /nl/ and /en/ (ecosysteme/urls.py).
# Each language is named in itself, as the language switcher shows it.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
# The catalogues (locale/<langue>/LC_MESSAGES/django.po), compiled by the install step.
LOCALE_PATHS = [BASE_DIR / "locale"]
# The entries' own texts in several languages (translation.py in each app): French is the
# language every entry has; a text missing in Dutch or English is shown in French.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# A slug is made from the French name, whatever the language of the admin.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "fr"
TIME_ZONE = "Europe/Paris"

# Phone numbers typed without a country code are French; they are shown as the country of
# the number writes them, with its code when it is not France (acteurs.models.Organisation).
PHONENUMBER_DEFAULT_REGION = "FR"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# HTTPS everywhere in production. Behind a reverse proxy, it says which requests came over
# HTTPS; the health check stays reachable over plain HTTP from the load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^sante/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 0 if DEBUG else 63072000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Secure cookies get the __Host- prefix: the browser then refuses them from plain HTTP, from a
# subdomain or for another path. Development over http://127.0.0.1 keeps the plain names.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF token from the cookie: the forms carry it.
CSRF_COOKIE_HTTPONLY = True

# Background work: tasks are rows of the database, run by `manage.py db_worker` (README); no
# other server. Mail is always sent by a task, never inside a request.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The mail server, from the environment. Development prints mail on the console instead
# (settings.dev), the tests keep it in memory (settings.test).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# A server that stops answering fails the attempt, which is then retried, instead of holding
# the worker forever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Écosystème <ne-pas-repondre@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail the server refused is tried again after each of these delays, then given up.
COURRIELS_DELAIS_REESSAI_MINUTES = [1, 5, 30, 120, 480]

# « Écrire à cette organisation »: how long the messages' personal data is kept (about six
# months), and what one sender, and one organisation, may receive in an hour and in a day.
MESSAGES_CONSERVATION_JOURS = int(os.environ.get("MESSAGES_CONSERVATION_JOURS", "183"))
MESSAGES_LIMITES_EXPEDITEUR = {"heure": 3, "jour": 10}
MESSAGES_LIMITES_ORGANISATION = {"heure": 10, "jour": 30}
# A form sent back sooner than this after it was shown was filled by a robot; one shown more
# than a day ago is refused as expired (its signed timestamp says when).
MESSAGES_DELAI_MINIMUM_SECONDES = 3
MESSAGES_DELAI_MAXIMUM_SECONDES = 24 * 3600
# Links in a message: more than this many is what spam looks like.
MESSAGES_LIENS_MAXIMUM = 2

# « Déposer un besoin »: how many needs one requester may file in a day; how many organisations
# one need goes to at most, in batches of how many, how many minutes apart; how long the link
# « Intéressé » works; how long the requester's personal data is kept.
BESOINS_LIMITES_DEMANDEUR = {"jour": 3}
BESOINS_DESTINATAIRES_MAXIMUM = 50
BESOINS_TAILLE_LOT = 10
BESOINS_INTERVALLE_LOTS_MINUTES = 10
BESOINS_LIEN_VALIDITE_JOURS = 30
BESOINS_CONSERVATION_JOURS = MESSAGES_CONSERVATION_JOURS

# « Signaler une erreur »: how many reports one address, and one profile, may receive in an
# hour and a day; how long after its processing a reporter's address is kept.
SIGNALEMENTS_LIMITES_EXPEDITEUR = {"heure": 3, "jour": 10}
SIGNALEMENTS_LIMITES_FICHE = {"heure": 5, "jour": 20}
SIGNALEMENTS_CONSERVATION_JOURS = int(
    os.environ.get("SIGNALEMENTS_CONSERVATION_JOURS", str(MESSAGES_CONSERVATION_JOURS))
)

# How often, in months, a profile is verified by default (each profile may say otherwise):
# `manage.py fiches_a_verifier` lists those verified longer ago, or never.
FREQUENCE_VERIFICATION_MOIS = int(os.environ.get("FREQUENCE_VERIFICATION_MOIS", "12"))

# The organisations' managers: how many requests one address, and one organisation, may
# receive in an hour and a day; how long the link confirming an address works; after how many
# days the managers are reminded of a request they have not answered.
GESTIONNAIRES_LIMITES_DEMANDEUR = {"heure": 3, "jour": 5}
GESTIONNAIRES_LIMITES_ORGANISATION = {"jour": 10}
GESTIONNAIRES_LIEN_VALIDITE_JOURS = 7
GESTIONNAIRES_RELANCE_JOURS = 7
# How often, at most, the managers of a profile due for verification are asked to confirm it.
GESTIONNAIRES_RAPPEL_VERIFICATION_JOURS = 30
# How many of a manager's edits of their profile the editors accept before the next ones are
# applied at once (until then, each waits in the proposals' queue).
# How many edits an untrusted manager may send the editors in an hour and a day.
GESTIONNAIRES_LIMITES_MODIFICATION = {"heure": 10, "jour": 30}
GESTIONNAIRES_MODIFICATIONS_MODEREES = int(
    os.environ.get("GESTIONNAIRES_MODIFICATIONS_MODEREES", "3")
)
# How many sign-in links one manager may ask for in an hour and a day.
GESTIONNAIRES_LIMITES_CONNEXION = {"heure": 5, "jour": 10}
# The sign-in link (django-sesame): one use (it changes the account's last login), a quarter
# of an hour, scoped to the managers' space; the session then lasts as Django's does.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True

# « Proposer une modification »: how many proposals one address, and one profile, may make in an
# hour and a day; how long the link confirming the author's address works; how long after its
# processing the author's address is kept.
PROPOSITIONS_LIMITES_EXPEDITEUR = {"heure": 5, "jour": 20}
PROPOSITIONS_LIMITES_FICHE = {"heure": 5, "jour": 20}
PROPOSITIONS_LIEN_VALIDITE_JOURS = 7
PROPOSITIONS_CONSERVATION_JOURS = int(
    os.environ.get("PROPOSITIONS_CONSERVATION_JOURS", str(MESSAGES_CONSERVATION_JOURS))
)

# Who publishes and hosts the site, and under which licence its data is published: the legal
# notice and the open-data page show them. Until they are set, those pages say what is missing
# and `manage.py check --deploy` fails (ecosysteme/pages/mentions.py); the contact address
# alone is optional (the publisher's postal address then serves).
EDITEUR_NOM = os.environ.get("EDITEUR_NOM", "").strip()
EDITEUR_ADRESSE = os.environ.get("EDITEUR_ADRESSE", "").strip()
DIRECTEUR_PUBLICATION = os.environ.get("DIRECTEUR_PUBLICATION", "").strip()
CONTACT_COURRIEL = os.environ.get("CONTACT_COURRIEL", "").strip()
HEBERGEUR_NOM = os.environ.get("HEBERGEUR_NOM", "").strip()
HEBERGEUR_ADRESSE = os.environ.get("HEBERGEUR_ADRESSE", "").strip()
LICENCE_DONNEES = os.environ.get("LICENCE_DONNEES", "").strip()

# The site's address, for the links in the mail it sends (no request to read it from there):
# by default, HTTPS on the first of ALLOWED_HOSTS.
ADRESSE_SITE = os.environ.get("ADRESSE_SITE") or f"https://{ALLOWED_HOSTS[0]}"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
