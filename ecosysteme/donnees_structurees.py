"""schema.org descriptions of the profiles, embedded as JSON-LD for search engines and for
anyone who reuses the directory's data."""

import json

from django.utils.safestring import mark_safe

from acteurs.enums import FormeJuridique, TypeRelation
from acteurs.models import SORTANTE

from .enums import NiveauTerritoire
from .textes import lien_sur

TYPES_SCHEMA = {
    FormeJuridique.ASSOCIATION: "NGO",
    FormeJuridique.ASBL: "NGO",
    FormeJuridique.FONDATION: "NGO",
    FormeJuridique.COLLECTIVITE: "GovernmentOrganization",
    FormeJuridique.ORGANISME_PUBLIC: "GovernmentOrganization",
}
IDENTIFIANTS = {"siren": "SIREN", "siret": "SIRET", "rna": "RNA", "bce": "BCE"}
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


def organisation_json_ld(request, organisation, groupes_liens):
    """An Organization (or NGO, GovernmentOrganization), with the memberships shown."""
    membre_de, membres = [], []
    for groupe in groupes_liens:
        if groupe.type == TypeRelation.MEMBRE:
            liste = membre_de if groupe.sens == SORTANTE else membres
            liste += [reference(request, autre) for autre, _ in groupe.liens]
    donnees = {
        "@context": "https://schema.org",
        "@type": TYPES_SCHEMA.get(organisation.forme_juridique, "Organization"),
        "name": organisation.nom,
        "alternateName": organisation.sigle,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
        "sameAs": lien_sur(organisation.site_web),
        "description": organisation.description,
        "foundingDate": str(organisation.annee_creation or ""),
        "dissolutionDate": str(organisation.annee_fin or ""),
        "location": organisation.siege.nom if organisation.siege else "",
        "identifier": [
            {"@type": "PropertyValue", "propertyID": nom, "value": getattr(organisation, champ)}
            for champ, nom in IDENTIFIANTS.items()
            if getattr(organisation, champ)
        ],
        "memberOf": membre_de,
        "member": membres,
    }
    return script(request, sans_vides(donnees))


def personne_json_ld(request, personne):
    """A Person, each of their roles an OrganizationRole in its organisation."""
    roles = [
        sans_vides(
            {
                "@type": "OrganizationRole",
                "roleName": fonction.intitule,
                "startDate": fonction.debut.isoformat() if fonction.debut else "",
                "endDate": fonction.fin.isoformat() if fonction.fin else "",
                "memberOf": reference(request, fonction.organisation),
            }
        )
        for fonction in personne.fonctions.all()
    ]
    donnees = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": personne.nom_complet,
        "url": request.build_absolute_uri(personne.get_absolute_url()),
        "description": personne.biographie,
        "memberOf": roles,
    }
    return script(request, sans_vides(donnees))


def dispositif_json_ld(request, dispositif):
    """A Service: who provides it, where, for whom."""
    donnees = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": dispositif.nom,
        "serviceType": dispositif.get_nature_display(),
        "url": request.build_absolute_uri(dispositif.get_absolute_url()),
        "sameAs": lien_sur(dispositif.site_web),
        "description": dispositif.description,
        "provider": [reference(request, porteur) for porteur in dispositif.porteurs.all()],
        "areaServed": [lieu(request, territoire) for territoire in dispositif.territoires.all()],
        "audience": {"@type": "Audience", "audienceType": dispositif.public}
        if dispositif.public
        else "",
        "category": [thematique.nom for thematique in dispositif.thematiques.all()],
    }
    return script(request, sans_vides(donnees))


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
        "inDefinedTermSet": "Thématiques de l'annuaire Écosystème",
    }
    return script(request, sans_vides(donnees))
