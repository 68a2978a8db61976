"""schema.org descriptions of the profiles, embedded as JSON-LD for search engines and for
anyone who reuses the directory's data: the shared pieces, and the territories and themes.

Each app describes its own entries (acteurs.donnees_structurees,
accompagnement.donnees_structurees): schema.org is a mapping to an outside vocabulary, kept
apart from what the entries publish elsewhere."""

import json

from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from .enums import NiveauTerritoire

# Inside <script>, these could end it or start a comment: written as JSON escapes instead.
ECHAPPEMENTS = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def script(request, donnees):
    texte = json.dumps(donnees, ensure_ascii=False).translate(ECHAPPEMENTS)
    # The nonce of the Content-Security-Policy (ecosysteme.securite), absent outside a request.
    nonce = getattr(request, "csp_nonce", "")
    attributs = f' nonce="{nonce}"' if nonce else ""
    return mark_safe(f'<script type="application/ld+json"{attributs}>{texte}</script>')


def sans_vides(donnees):
    return {cle: valeur for cle, valeur in donnees.items() if valeur not in ("", None, [])}


def reference(request, organisation):
    return {
        "@type": "Organization",
        "name": organisation.nom,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
    }


def lieu(request, territoire):
    genre = "Country" if territoire.niveau == NiveauTerritoire.PAYS else "AdministrativeArea"
    return {
        "@type": genre,
        "name": territoire.nom,
        "url": request.build_absolute_uri(territoire.get_absolute_url()),
    }


def territoire_json_ld(request, territoire):
    """A Country or AdministrativeArea, within its parent."""
    donnees = {
        "@context": "https://schema.org",
        **lieu(request, territoire),
        "identifier": territoire.code,
        "containedInPlace": lieu(request, territoire.parent) if territoire.parent else "",
    }
    return script(request, sans_vides(donnees))


def thematique_json_ld(request, thematique):
    """A DefinedTerm of the directory's list of themes."""
    donnees = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": thematique.nom,
        "url": request.build_absolute_uri(thematique.get_absolute_url()),
        "description": thematique.description,
        "inDefinedTermSet": gettext("Thématiques de l'annuaire Écosystème"),
    }
    return script(request, sans_vides(donnees))
