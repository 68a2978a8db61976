"""Every public page of the site, as a visitor or a robot reads it: for checks on all of them."""

import html
import re
from urllib.parse import urlsplit

from ecosysteme.diffusion.exports import EXPORTS, FORMATS

DEPART = [
    "/",
    "/acteurs/",
    "/personnes/",
    "/accompagnement/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/donnees-ouvertes/",
    # Linked from the code of « Intégrer à votre site » only, as their preview.
    "/integrer/acteurs/",
    "/integrer/personnes/",
    "/integrer/accompagnement/",
    "/integrer/carte/",
    "/robots.txt",
    "/sitemap.xml",
    "/nouveautes.atom",
    *(f"/{liste}/export.{format}" for liste in EXPORTS for format in FORMATS),
]
LIEN = re.compile(r"""(?:href|src)="(/[^"#]*)""")
LOC = re.compile(r"<loc>http://testserver(/[^<]*)</loc>")
# Filter links combine without end: the listings are read unfiltered, page by page.
PAGINATION = re.compile(r"^page=\d+$")


def a_suivre(adresse):
    chemin, requete = urlsplit(adresse).path, urlsplit(adresse).query
    # The same pages in Dutch and English (/nl/…, /en/…) are read by their own tests.
    if chemin.startswith(("/admin/", "/static/", "/nl/", "/en/")):
        return False
    return not requete or bool(PAGINATION.match(requete))


def contenu(reponse):
    if reponse.streaming:
        return b"".join(reponse.streaming_content).decode()
    return reponse.content.decode()


def pages_publiques(client, *, recherches=()):
    """{address: text} of every page reached from the home page, the sitemap, the feed and
    the downloads, following the site's own links, plus the searches given."""
    a_lire = [*DEPART, *(f"/recherche/?q={texte}" for texte in recherches)]
    a_lire += [f"/personnes/?q={texte}" for texte in recherches]
    pages = {}
    # Which pages set a cookie, and which: only the public forms may (their CSRF cookie).
    client.cookies_deposes = {}
    while a_lire:
        adresse = html.unescape(a_lire.pop())
        if adresse in pages:
            continue
        reponse = client.get(adresse)
        assert reponse.status_code == 200, adresse
        pages[adresse] = texte = contenu(reponse)
        if reponse.cookies:
            client.cookies_deposes[adresse] = sorted(reponse.cookies)
        suivantes = LOC.findall(texte) + LIEN.findall(texte)
        a_lire += [s for s in suivantes if a_suivre(html.unescape(s)) and s not in pages]
    return pages


def est_html(adresse, texte):
    return texte.lstrip().lower().startswith("<!doctype html")
