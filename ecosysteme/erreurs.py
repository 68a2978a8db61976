"""Error answers: the API gives its own in JSON, like the rest of its answers; the site, pages."""

from django.utils.translation import gettext_lazy as _
from django.views import defaults

from ecosysteme.diffusion.api import adresse_inconnue, reponse

MESSAGES_API = {
    400: _("Cette requête est mal formée."),
    403: _("Cette requête n'est pas autorisée."),
    500: _("Une erreur interne a empêché de répondre ; réessayez plus tard."),
}


def est_api(request):
    return request.path.startswith("/api/")


def en_json(request, status):
    return reponse(request, {"erreur": MESSAGES_API[status]}, status=status)


def requete_invalide(request, exception):
    if est_api(request):
        return en_json(request, 400)
    return defaults.bad_request(request, exception)


def acces_refuse(request, exception):
    if est_api(request):
        return en_json(request, 403)
    return defaults.permission_denied(request, exception)


def introuvable(request, exception):
    if est_api(request):
        return adresse_inconnue(request)
    return defaults.page_not_found(request, exception)


def erreur_serveur(request):
    if est_api(request):
        return en_json(request, 500)
    return defaults.server_error(request)
