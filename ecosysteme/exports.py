"""Every listing as data: CSV and JSON downloads with the same parameters as the page.

The rows are written as they are read, a few thousand at a time: 100,000 organisations never
sit in memory together. The columns are the public facts of each entry; people's contact
details are never exported.
"""

import csv
import json

from django.db.models import Prefetch
from django.http import Http404, StreamingHttpResponse

from accompagnement.filters import DispositifFilter
from accompagnement.models import Dispositif
from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import Organisation, Personne

LOT = 2000


def noms(relation):
    return " | ".join(str(objet) for objet in relation.all())


def fonctions(personne):
    return " | ".join(f"{f.intitule} – {f.organisation}" for f in personne.fonctions.all())


# For each listing: its FilterSet, its entries with what the columns read, and the columns
# (title, value of an entry). The API (ecosysteme.api) reads the same FilterSets and entries.
EXPORTS = {
    "acteurs": (
        OrganisationFilter,
        lambda: (
            Organisation.objects.published()
            .select_related("siege")
            .prefetch_related("types", "territoires_action", "thematiques")
        ),
        [
            ("nom", lambda o: o.nom),
            ("sigle", lambda o: o.sigle),
            ("forme_juridique", lambda o: o.get_forme_juridique_display()),
            ("types", lambda o: noms(o.types)),
            ("siege", lambda o: str(o.siege or "")),
            ("territoires_action", lambda o: noms(o.territoires_action)),
            ("thematiques", lambda o: noms(o.thematiques)),
            ("annee_creation", lambda o: o.annee_creation),
            ("annee_fin", lambda o: o.annee_fin),
            ("site_web", lambda o: o.site_web),
            ("siren", lambda o: o.siren),
            ("siret", lambda o: o.siret),
            ("rna", lambda o: o.rna),
            ("bce", lambda o: o.bce),
            ("description", lambda o: o.description),
        ],
    ),
    "personnes": (
        PersonneFilter,
        lambda: Personne.objects.published().with_fonctions(),
        [
            ("nom", lambda p: p.nom_complet),
            ("fonctions", fonctions),
            ("biographie", lambda p: p.biographie),
        ],
    ),
    "accompagnement": (
        DispositifFilter,
        lambda: Dispositif.objects.published().prefetch_related(
            # An organisation still in draft is named nowhere public, not even as a partner.
            Prefetch("porteurs", queryset=Organisation.objects.published()),
            Prefetch("partenaires", queryset=Organisation.objects.published()),
            "territoires",
            "thematiques",
        ),
        [
            ("nom", lambda d: d.nom),
            ("type", lambda d: d.get_nature_display()),
            ("porteurs", lambda d: noms(d.porteurs)),
            ("partenaires", lambda d: noms(d.partenaires)),
            ("territoires", lambda d: noms(d.territoires)),
            ("thematiques", lambda d: noms(d.thematiques)),
            ("public", lambda d: d.public),
            ("site_web", lambda d: d.site_web),
            ("description", lambda d: d.description),
        ],
    ),
}
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


class Tampon:
    """What csv.writer writes to: each row is handed back rather than kept."""

    def write(self, texte):
        return texte


def lignes(request, liste):
    """The entries of a listing, filtered, searched and sorted as the page, and its columns."""
    classe, entrees, colonnes = EXPORTS[liste]
    filtres = classe(request.GET, entrees(), request=request)
    return filtres, filtres.qs.iterator(chunk_size=LOT), colonnes


def en_csv(request, objets, colonnes):
    ecrivain = csv.writer(Tampon())
    yield ecrivain.writerow(["url", *(titre for titre, _ in colonnes)])
    for objet in objets:
        url = request.build_absolute_uri(objet.get_absolute_url())
        yield ecrivain.writerow([url, *(valeur(objet) for _, valeur in colonnes)])


def en_json(request, objets, colonnes):
    yield "["
    for rang, objet in enumerate(objets):
        ligne = {"url": request.build_absolute_uri(objet.get_absolute_url())}
        ligne.update((titre, valeur(objet)) for titre, valeur in colonnes)
        yield ("," if rang else "") + "\n" + json.dumps(ligne, ensure_ascii=False)
    yield "\n]\n"


def exporter(request, liste, format):
    if liste not in EXPORTS or format not in FORMATS:
        raise Http404("Ce téléchargement n'existe pas.")
    _filtres, objets, colonnes = lignes(request, liste)
    ecrire = en_csv if format == "csv" else en_json
    reponse = StreamingHttpResponse(ecrire(request, objets, colonnes), content_type=FORMATS[format])
    reponse["Content-Disposition"] = f'attachment; filename="{liste}.{format}"'
    return reponse
