"""The organisations as *structures* of the data·inclusion schema (v1), for its aggregator.

data·inclusion (the GIP Plateforme de l'inclusion) gathers the French offer of social and
professional inclusion from many producers, each row in its schema. Every row here is
checked by the schema's own model before it is written: a value the schema refuses (an FTP
site, a description of three letters) is left empty rather than spoiling the file, and an
organisation it cannot take at all (a name under three characters) is left out.

This is a mapping into someone else's vocabulary, field by field: it is not read from what
acteurs.publication declares, which is the directory's own words.
"""

from datetime import date

from data_inclusion.schema.v1 import Structure
from django.http import StreamingHttpResponse
from django.utils import timezone
from pydantic import ValidationError

from acteurs.filters import OrganisationFilter
from acteurs.models import Organisation
from ecosysteme.diffusion.exports import LOT, liste_json
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import CHAINE_PARENTS

# Who produced the data, in data·inclusion's words; also the prefix of every `id`.
SOURCE = "ecosysteme"
# The schema's bounds for these two texts.
NOM_MAX, DESCRIPTION_MAX = 150, 10_000
OBLIGATOIRES = {nom for nom, champ in Structure.model_fields.items() if champ.is_required()}


def raccourcir(texte, longueur):
    """The text, cut at a word boundary and marked « … » when it is longer than allowed."""
    texte = texte.strip()
    if len(texte) <= longueur:
        return texte
    return texte[: longueur - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def commune_en_france(territoire):
    """The territory when it is a French commune: its code is then an INSEE code.

    A Belgian commune's NIS code has five digits too, but means something else.
    """
    if territoire is None or territoire.niveau != NiveauTerritoire.COMMUNE:
        return None
    pays = territoire.ancetres()[-1:] or [territoire]
    return territoire if pays[0].niveau == NiveauTerritoire.PAYS and pays[0].code == "FR" else None


def valeurs(organisation, lien):
    # The commune of the published address, or else the seat's.
    adresse = organisation.adresse_is_published and organisation.commune is not None
    commune = commune_en_france(organisation.commune if adresse else organisation.siege)
    publiee = organisation.adresse_is_published
    # A postcode with the commune it belongs to, or none.
    code_postal = organisation.code_postal if adresse and commune else ""
    return {
        "source": SOURCE,
        "id": f"{SOURCE}--{organisation.slug}",
        # The schema asks for names that do not end with a full stop.
        "nom": raccourcir(organisation.nom, NOM_MAX).rstrip("."),
        # The schema refuses a date after its own today, which may still be yesterday in Paris.
        "date_maj": min(timezone.localdate(organisation.updated_at), date.today()),
        "description": raccourcir(organisation.description, DESCRIPTION_MAX) or None,
        "lien_source": lien,
        "siret": organisation.siret or None,
        "commune": commune.nom if commune else None,
        "code_insee": (commune.code or None) if commune else None,
        "site_web": organisation.site_web or None,
        "adresse": (organisation.adresse or None) if publiee else None,
        "complement_adresse": (organisation.complement_adresse or None) if publiee else None,
        "code_postal": code_postal or None,
        "courriel": organisation.courriel_publie or None,
        "telephone": organisation.telephone_publie or None,
    }


def structure(organisation, lien):
    """The organisation as a valid Structure, or None when the schema cannot take it."""
    ligne = valeurs(organisation, lien)
    try:
        return Structure.model_validate(ligne)
    except ValidationError as erreur:
        refuses = {detail["loc"][0] for detail in erreur.errors()}
    if refuses & OBLIGATOIRES:
        return None
    ligne.update(dict.fromkeys(refuses, None))
    return Structure.model_validate(ligne)


def structures(request, organisations):
    for organisation in organisations:
        lien = request.build_absolute_uri(organisation.get_absolute_url())
        valide = structure(organisation, lien)
        if valide is not None:
            yield valide.model_dump(mode="json")


def exporter_structures(request):
    """The organisations of the listing, with its parameters, as data·inclusion structures."""
    # Every parent up to the country: whether a commune is in France costs no query.
    organisations = Organisation.objects.published().select_related(
        f"siege__{CHAINE_PARENTS}", f"commune__{CHAINE_PARENTS}"
    )
    filtres = OrganisationFilter(request.GET, organisations, request=request)
    lignes = structures(request, filtres.qs.iterator(chunk_size=LOT))
    reponse = StreamingHttpResponse(liste_json(lignes), content_type="application/json")
    reponse["Content-Disposition"] = 'attachment; filename="structures-data-inclusion.json"'
    return reponse
