"""The listings and the maps in each language, one after the other in the same process: what
each process keeps in memory (the listings' indexes, their filters, the maps' areas) holds no
label, so that no page shows the words of the language of the request before it."""

import html
import re

import pytest
from django.utils import translation

from acteurs.filters import OrganisationFilter
from ecosysteme.listes.facettes import Facette
from tests import listes

pytestmark = pytest.mark.django_db

TITRES = re.compile(r"<legend>(.*?)</legend>")
TRIS = re.compile(r'<p class="tri">.*?</p>', re.S)


@pytest.fixture
def annuaire():
    territoires = listes.territoires()
    return listes.annuaire(territoires)


def titres_des_filtres(response):
    return [html.unescape(titre) for titre in TITRES.findall(listes.filtres(response))]


def titres_attendus(langue):
    """The filter groups' titles as the listing declares them, in this language."""
    with translation.override(langue):
        return [
            str(filtre.label)
            for filtre in OrganisationFilter.base_filters.values()
            if isinstance(filtre, Facette)
        ]


def lu(response, motif):
    """The text of what the page wrote (the context's properties would speak the language
    active when they are read, not the page's)."""
    return [html.unescape(texte) for texte in re.findall(motif, response.content.decode(), re.S)]


def tris(response):
    (paragraphe,) = TRIS.findall(response.content.decode())
    return [html.unescape(texte) for texte in re.findall(r">([^<]+)</a>", paragraphe)]


def titre(response):
    (texte,) = lu(response, r"<h1>(.*?)</h1>")
    return texte


def nombre(response):
    (texte,) = lu(response, r'<p class="liste__nombre" role="status">(.*?)</p>')
    return texte


def issues(response):
    liens = re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', response.content.decode())
    return {html.unescape(texte): html.unescape(url) for url, texte in liens}


def test_a_listing_speaks_the_language_of_each_request_in_turn(client, annuaire):
    francais = client.get("/acteurs/", {"territoire": "gironde"})
    neerlandais = client.get("/nl/acteurs/", {"territoire": "gironde"})
    anglais = client.get("/en/acteurs/", {"territoire": "gironde"})
    encore = client.get("/acteurs/", {"territoire": "gironde"})

    for response, langue in [
        (francais, "fr"),
        (neerlandais, "nl"),
        (anglais, "en"),
        (encore, "fr"),
    ]:
        assert response.status_code == 200
        assert titres_des_filtres(response) == titres_attendus(langue)
    assert tris(francais) == tris(encore) == ["nom", "mise à jour la plus récente"]
    assert tris(neerlandais) == ["naam", "meest recent bijgewerkt"]
    assert tris(anglais) == ["name", "most recently updated"]
    # The title places the listing as each language does; French puts 0 and 1 in the singular.
    assert titre(francais).endswith(" en Gironde") and titre(encore).endswith(" en Gironde")
    assert titre(neerlandais).endswith(" in Gironde")


def test_counts_take_the_plural_of_each_language(client, annuaire):
    vide = {"territoire": "gironde", "thematique": "culture", "type": "ptce"}

    francais = nombre(client.get("/acteurs/", vide))
    anglais = nombre(client.get("/en/acteurs/", vide))

    with translation.override("fr"):
        assert francais == f"0 {OrganisationFilter._meta.model._meta.verbose_name}"
    with translation.override("en"):
        assert anglais == f"0 {OrganisationFilter._meta.model._meta.verbose_name_plural}"


def test_the_maps_speak_the_language_of_each_request_in_turn(client, annuaire):
    francais = client.get("/").content.decode()
    neerlandais = client.get("/nl/").content.decode()
    encore = client.get("/").content.decode()

    assert "France, par " in francais and "France, par " in encore
    assert "Frankrijk, per " in neerlandais
    assert "France, par " not in neerlandais and "Frankrijk" not in encore


def test_a_way_out_of_an_empty_search_stays_in_the_language(client, annuaire):
    response = client.get("/nl/acteurs/", {"q": "introuvable", "type": "cae"})

    assert issues(response)["‘introuvable’ zoeken in de hele gids"] == (
        "/nl/recherche/?q=introuvable"
    )
    francais = issues(client.get("/acteurs/", {"q": "introuvable"}))
    assert francais["Chercher « introuvable » dans tout l'annuaire"] == "/recherche/?q=introuvable"
