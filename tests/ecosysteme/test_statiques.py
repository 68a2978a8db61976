"""Static files are served by WhiteNoise under hashed names, and pages request nothing else."""

import json
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from ecosysteme.settings import base

pytestmark = pytest.mark.usefixtures("donnees_seed")

PAGES = [
    "/",
    "/acteurs/",
    "/acteurs/grais/",
    "/personnes/stephane-bossuet/",
    "/accompagnement/puls-actions/",
    "/territoires/bourgogne-franche-comte/",
    "/thematiques/culture/",
]
# What makes the browser fetch something: stylesheets, scripts, images, frames, fonts.
RESSOURCE = re.compile(r"<(?:link|script|img|iframe|source)\b[^>]*?(?:src|href)=\"([^\"]+)\"")


def test_production_serves_static_files_under_hashed_names(tmp_path):
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in settings.MIDDLEWARE
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=base.STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
        manifeste = json.loads((tmp_path / "staticfiles.json").read_text())
        hache = manifeste["paths"]["css/site.css"]
        assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hache)
        assert static("css/site.css") == f"/static/{hache}"


@pytest.mark.parametrize("chemin", PAGES)
def test_pages_make_no_third_party_request(client, chemin):
    reponse = client.get(chemin)
    assert reponse.status_code == 200
    ressources = RESSOURCE.findall(reponse.content.decode())
    assert ressources, "the page should at least load its stylesheet"
    for adresse in ressources:
        # Served by the site (the canonical address of a profile is written in full), or
        # written in the page itself (the empty icon): nothing from another site.
        assert adresse.startswith(("/", "http://testserver/")) or adresse == "data:,", adresse
