"""Reads the public listings' indexes before any request asks for them.

A server that loads the application once and then starts its workers (gunicorn's
preload_app) calls prechauffer() in that first process: every worker it starts, now or
later, begins with the indexes in memory and only applies what changed since.
"""

from accompagnement.filters import DispositifFilter
from accompagnement.models import Dispositif
from acteurs.filters import OrganisationFilter, PersonneFilter
from acteurs.models import Organisation, Personne
from ecosysteme.listes.index_facettes import index_de

LISTES = (
    (OrganisationFilter, Organisation),
    (PersonneFilter, Personne),
    (DispositifFilter, Dispositif),
)


def prechauffer():
    """Builds the index of each public listing in this process, its search index included."""
    for filtres, modele in LISTES:
        index_de(filtres, modele.objects.published()).texte()
