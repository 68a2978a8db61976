"""schema.org description of a programme, as JSON-LD (see ecosysteme.donnees_structurees).

A mapping into schema.org's vocabulary, property by property: it is not read from what
accompagnement.publication declares, which is the directory's own words.
"""

from ecosysteme.donnees_structurees import lieu, reference, sans_vides, script
from ecosysteme.textes import lien_sur


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
