"""The OpenAPI 3.1 description of the API (ecosysteme.diffusion.api), served at /api/openapi.json.

The parameters of each listing are read from its FilterSet, so that a new facet is described
as soon as it exists; the choices fixed in the code (legal forms, kinds of programme…) are
listed, the others (territories, themes…) are slugs of the directory. An organisation's shape
is read from what its app declares it publishes (acteurs.publication), with each field's label
and meaning; the other shapes are written here. Tests hold the API to them
(tests/ecosysteme/diffusion/test_api*.py).

A machine document at one address, like the API it describes: it is written in French, the
site's language, whatever the language active when it is first built.
"""

import json
from functools import cache

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.text import format_lazy
from django.views.decorators.cache import cache_control

from accompagnement.publication import DISPOSITIF
from acteurs.enums import CategorieFonction
from acteurs.publication import ORGANISATION
from ecosysteme.diffusion.api import LISTES, reponse
from ecosysteme.diffusion.exports import EXPORTS
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.listes.facettes import PAR_PAGE, Facette, FacetteChoix
from ecosysteme.publication import API, Sorte

SLUG = {"type": "string", "pattern": "^[-A-Za-z0-9_]{1,200}$"}
TEXTE = {"type": "string"}
ANNEE = {"type": ["integer", "null"], "minimum": 0}
DATE_HEURE = {"type": "string", "format": "date-time"}


def objet(**proprietes):
    """A JSON object with exactly these properties, all present."""
    return {
        "type": "object",
        "properties": proprietes,
        "required": list(proprietes),
        "additionalProperties": False,
    }


def ref(nom):
    return {"$ref": f"#/components/schemas/{nom}"}


def ou_null(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def liste_de(schema):
    return {"type": "array", "items": schema}


def code(valeurs):
    return objet(code={"type": "string", "enum": list(valeurs)}, libelle=TEXTE)


def schema_du_champ(publication, champ):
    """The schema of one published field (ecosysteme.publication), with its label and meaning."""
    if champ.sorte == Sorte.CHOIX:
        modele_champ = publication.modele_champ(champ)
        valeurs = code([valeur for valeur, _libelle in modele_champ.choices])
        schema = ou_null(valeurs) if modele_champ.blank else valeurs
    elif champ.sorte == Sorte.TERRITOIRE:
        facultatif = publication.modele_champ(champ).null
        schema = ou_null(ref("TerritoireCourt")) if facultatif else ref("TerritoireCourt")
    elif champ.sorte == Sorte.DATE_HEURE and publication.modele_champ(champ).null:
        schema = ou_null(DATE_HEURE)
    else:
        schema = SCHEMAS_DES_SORTES[champ.sorte]
    return {**schema, "title": champ.libelle, "description": format_lazy("{}.", champ.description)}


SCHEMAS_DES_SORTES = {
    Sorte.TEXTE: TEXTE,
    Sorte.ANNEE: ANNEE,
    Sorte.ADRESSE_WEB: TEXTE,
    Sorte.LIBELLES: liste_de(ref("Reference")),
    Sorte.FICHES: liste_de(ref("Reference")),
    Sorte.TERRITOIRES: liste_de(ref("TerritoireCourt")),
    Sorte.SOURCES: liste_de(ref("Reference")),
    Sorte.DATE_HEURE: DATE_HEURE,
    Sorte.TELEPHONE: {**TEXTE, "pattern": "^(\\+[0-9]{4,15})?$"},
    Sorte.DATE_PARTIELLE: {
        **TEXTE,
        "pattern": "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$",
    },
}


def schema_publie(publication):
    """The schema of an entry as the API writes it (ecosysteme.diffusion.api.publier)."""
    proprietes = {"url": {"type": "string", "format": "uri"}, "slug": SLUG}
    for champ in publication.pour(API):
        schema = schema_du_champ(publication, champ)
        if champ.groupe:
            proprietes.setdefault(champ.groupe, objet())["properties"][champ.nom] = schema
            proprietes[champ.groupe]["required"].append(champ.nom)
        else:
            proprietes[champ.nom] = schema
    return objet(**proprietes)


SCHEMAS = {
    "Reference": objet(slug=SLUG, nom=TEXTE),
    "TerritoireCourt": objet(slug=SLUG, nom=TEXTE, niveau={"enum": NiveauTerritoire.values}),
    "Organisation": schema_publie(ORGANISATION),
    "Fonction": objet(
        intitule=TEXTE,
        categorie=code(CategorieFonction.values),
        organisation=ref("Reference"),
        periode={**TEXTE, "description": "En toutes lettres : « depuis 2019 », « 2015 – 2020 »."},
        actuelle={"type": "boolean"},
    ),
    "Personne": objet(
        url={"type": "string", "format": "uri"},
        slug=SLUG,
        nom=TEXTE,
        biographie=TEXTE,
        fonctions=liste_de(ref("Fonction")),
        mis_a_jour=DATE_HEURE,
    ),
    "Dispositif": schema_publie(DISPOSITIF),
    "Territoire": objet(
        url={"type": "string", "format": "uri"},
        slug=SLUG,
        nom=TEXTE,
        niveau=code(NiveauTerritoire.values),
        code=TEXTE,
        parent=ou_null(ref("TerritoireCourt")),
    ),
    "Erreur": objet(erreur=TEXTE),
}
for _modele in ("Organisation", "Personne", "Dispositif", "Territoire"):
    SCHEMAS[f"Page{_modele}"] = objet(
        nombre={"type": "integer", "minimum": 0, "description": "Nombre de résultats en tout."},
        page={"type": "integer", "minimum": 1},
        pages={"type": "integer", "minimum": 1},
        suivante=ou_null({"type": "string", "format": "uri"}),
        precedente=ou_null({"type": "string", "format": "uri"}),
        avis={
            **liste_de(TEXTE),
            "description": "Ce qui, dans la demande, a été ignoré ou corrigé, et pourquoi.",
        },
        resultats={**liste_de(ref(_modele)), "maxItems": PAR_PAGE},
    )

PAGE = {
    "name": "page",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1},
    "description": f"Numéro de la page de {PAR_PAGE} résultats. Un numéro au-delà de la "
    "dernière page donne la dernière, un numéro invalide la première ; un avis le signale.",
}
Q = {
    "name": "q",
    "in": "query",
    "schema": TEXTE,
    "description": "Texte recherché, comme dans le champ de recherche de la liste.",
}


def parametres(classe):
    """The query parameters of a listing, read from its FilterSet."""
    parametres = [Q]
    for nom, filtre in classe.base_filters.items():
        if not isinstance(filtre, Facette):
            continue
        valeurs = SLUG  # slugs of the directory's entries, or codes fixed in the code:
        if isinstance(filtre, FacetteChoix):
            valeurs = {"type": "string", "enum": [v for v, _l in filtre.choix]}
        parametres.append(
            {
                "name": nom,
                "in": "query",
                "schema": liste_de(valeurs),
                "style": "form",
                "explode": True,
                "description": getattr(filtre, "description", "")
                or f"{filtre.label} (plusieurs valeurs : l'une ou l'autre). "
                "Une valeur inconnue est ignorée, avec un avis.",
            }
        )
    tri = {"type": "string", "enum": list(classe.TRIS)}
    description = "Ordre des résultats : par pertinence (recherche), par nom, ou récents d'abord."
    return [*parametres, {"name": "tri", "in": "query", "schema": tri, "description": description}]


PARAMETRES_TERRITOIRES = [
    {**Q, "description": "Texte contenu dans le nom du territoire."},
    {
        "name": "niveau",
        "in": "query",
        "schema": liste_de({"type": "string", "enum": NiveauTerritoire.values}),
        "style": "form",
        "explode": True,
        "description": "Niveau (plusieurs valeurs : l'un ou l'autre).",
    },
    {
        "name": "parent",
        "in": "query",
        "schema": liste_de(SLUG),
        "style": "form",
        "explode": True,
        "description": "Territoire juste au-dessus, par son slug (plusieurs : l'un ou l'autre).",
    },
]


def en_json(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def operations(chemin, nom, modele, titre, parametres_liste):
    slug = {"name": "slug", "in": "path", "required": True, "schema": SLUG}
    return {
        f"/api/{chemin}/": {
            "get": {
                "operationId": f"lister_{chemin}",
                "summary": titre,
                "parameters": [*parametres_liste, PAGE],
                "responses": {"200": en_json("Une page de résultats.", ref(f"Page{modele}"))},
            }
        },
        f"/api/{chemin}/{{slug}}/": {
            "get": {
                "operationId": f"lire_{nom}",
                "summary": f"Une fiche ({nom})",
                "parameters": [slug],
                "responses": {
                    "200": en_json("La fiche.", ref(modele)),
                    "404": en_json("Aucune fiche publiée n'a ce slug.", ref("Erreur")),
                },
            }
        },
    }


@cache  # built from the code alone: once per process
def document():
    """The description, its labels written out in French (the published fields' labels and
    meanings are translatable for the pages)."""
    with translation.override(settings.LANGUAGE_CODE):
        return json.loads(json.dumps(decrire(), cls=DjangoJSONEncoder))


def decrire():
    classes = {liste: EXPORTS[export][0] for liste, (export, _r, _a) in LISTES.items()}
    chemins = {
        "/api/": {
            "get": {
                "operationId": "index",
                "summary": "Les adresses de l'API",
                "responses": {
                    "200": en_json(
                        "Adresse de chaque liste et de cette description.",
                        objet(**{nom: {"type": "string", "format": "uri"} for nom in ADRESSES}),
                    )
                },
            }
        },
        **operations(
            "organisations",
            "organisation",
            "Organisation",
            "Les organisations (mêmes filtres que /acteurs/)",
            parametres(classes["organisations"]),
        ),
        **operations(
            "personnes",
            "personne",
            "Personne",
            "Les personnes (mêmes filtres que /personnes/)",
            parametres(classes["personnes"]),
        ),
        **operations(
            "dispositifs",
            "dispositif",
            "Dispositif",
            "Les dispositifs d'accompagnement (mêmes filtres que /accompagnement/)",
            parametres(classes["dispositifs"]),
        ),
        **operations(
            "territoires", "territoire", "Territoire", "Les territoires", PARAMETRES_TERRITOIRES
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Écosystème",
            "version": "1",
            "description": "L'annuaire des acteurs de l'économie sociale et solidaire, en "
            "lecture seule : les entrées publiées, avec les filtres, la recherche et les pages "
            "des listes du site. Les coordonnées des personnes n'y figurent jamais.",
        },
        "paths": chemins,
        "components": {"schemas": SCHEMAS},
    }


ADRESSES = [*LISTES, "territoires", "openapi"]


@cache_control(max_age=3600, public=True)
def openapi(request):
    return reponse(request, document())
