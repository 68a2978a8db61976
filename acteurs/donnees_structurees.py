"""schema.org descriptions of organisations and people, as JSON-LD (see
ecosysteme.donnees_structurees for the shared pieces).

A mapping into schema.org's vocabulary, property by property: it is not read from what
acteurs.publication declares, which is the directory's own words.
"""

from ecosysteme.donnees_structurees import reference, sans_vides, script
from ecosysteme.textes import lien_sur

from .enums import FormeJuridique, TypeRelation
from .models import IDENTIFIANTS, SORTANTE

TYPES_SCHEMA = {
    FormeJuridique.ASSOCIATION: "NGO",
    FormeJuridique.ASBL: "NGO",
    FormeJuridique.FONDATION: "NGO",
    FormeJuridique.COLLECTIVITE: "GovernmentOrganization",
    FormeJuridique.ORGANISME_PUBLIC: "GovernmentOrganization",
}


def adresse_postale(organisation):
    """The published address as a PostalAddress, or None."""
    if not organisation.adresse_publiee:
        return None
    lignes = [organisation.adresse, organisation.complement_adresse]
    return sans_vides(
        {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(ligne for ligne in lignes if ligne),
            "postalCode": organisation.code_postal,
            "addressLocality": organisation.commune.nom if organisation.commune else "",
        }
    )


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
        "alternateName": organisation.sigle_affiche,
        "url": request.build_absolute_uri(organisation.get_absolute_url()),
        "sameAs": lien_sur(organisation.site_web),
        "description": organisation.description,
        "foundingDate": str(organisation.annee_creation or ""),
        # The day it ceased its activity when known, otherwise the year the sources give.
        "dissolutionDate": (
            organisation.date_cessation.isoformat()
            if organisation.date_cessation
            else str(organisation.annee_fin or "")
        ),
        "location": organisation.siege.nom if organisation.siege else "",
        "address": adresse_postale(organisation),
        "email": organisation.courriel_publie,
        "telephone": organisation.telephone.as_e164 if organisation.telephone_publie else "",
        "identifier": [
            {"@type": "PropertyValue", "propertyID": nom, "value": getattr(organisation, champ)}
            for champ, nom in ((champ, champ.upper()) for champ in IDENTIFIANTS)
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
