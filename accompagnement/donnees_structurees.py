"""schema.org description of a programme, as JSON-LD (see ecosysteme.donnees_structurees).

A mapping into schema.org's vocabulary, property by property: it is not read from what
accompagnement.publication declares, which is the directory's own words.
"""

from ecosysteme.donnees_structurees import lieu, reference, sans_vides, script
from ecosysteme.publication import date_partielle
from ecosysteme.textes import lien_sur


def dispositif_json_ld(request, dispositif):
    """A Service: who provides it, where, for whom; an Event: when, where, who organises it."""
    if dispositif.is_evenement:
        return script(request, sans_vides(evenement(request, dispositif)))
    donnees = {
        **commun(request, dispositif),
        "@type": "Service",
        "serviceType": dispositif.get_nature_display(),
        "provider": [reference(request, porteur) for porteur in dispositif.porteurs.all()],
        "areaServed": [lieu(request, territoire) for territoire in dispositif.territoires.all()],
        "audience": {"@type": "Audience", "audienceType": dispositif.public}
        if dispositif.public
        else "",
        "category": [thematique.nom for thematique in dispositif.thematiques.all()],
    }
    return script(request, sans_vides(donnees))


def commun(request, dispositif):
    return {
        "@context": "https://schema.org",
        "name": dispositif.nom,
        "url": request.build_absolute_uri(dispositif.get_absolute_url()),
        "sameAs": lien_sur(dispositif.site_web),
        "description": dispositif.description,
    }


def evenement(request, dispositif):
    territoires = [lieu(request, territoire) for territoire in dispositif.territoires.all()]
    endroit = sans_vides(
        {"@type": "Place", "name": dispositif.lieu, "containedInPlace": territoires}
    )
    return {
        **commun(request, dispositif),
        "@type": "Event",
        # As exact as the source: « 2021-10-20 », or only « 2016 ».
        "startDate": date_partielle(dispositif.debut, dispositif.debut_precision),
        "endDate": date_partielle(dispositif.fin, dispositif.fin_precision),
        "location": endroit if len(endroit) > 1 else "",
        "organizer": [reference(request, porteur) for porteur in dispositif.porteurs.all()],
        "audience": {"@type": "Audience", "audienceType": dispositif.public}
        if dispositif.public
        else "",
    }
