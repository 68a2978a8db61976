"""The security headers Django's SecurityMiddleware does not send: a Content-Security-Policy
with a nonce per response, and a Permissions-Policy.

The pages need no inline script or style; the one inline element, the profiles' JSON-LD, is a
data block that carries the nonce all the same, so that nothing inline is ever allowed without
one. A few lines of our own rather than a package: one fixed policy, nothing to configure.
"""

import secrets
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt

# No camera, microphone, location, payment…: a directory asks the browser for none of them.
PERMISSIONS_POLICY = ", ".join(
    f"{fonction}=()"
    for fonction in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)


def content_security_policy(nonce, *, ancetres="'none'", en_ligne=False):
    """The policy of a response. `ancetres`: the sites that may show it in a frame.
    `en_ligne` allows any inline style and script instead of the nonce (a browser ignores
    'unsafe-inline' beside a nonce), for Django's debug pages only."""
    sources = "'unsafe-inline'" if en_ligne else f"'nonce-{nonce}'"
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' {sources}",
            f"style-src 'self' {sources}",
            # The empty icon of every page is a data: URL (no request for /favicon.ico).
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            f"frame-ancestors {ancetres}",
        ]
    )


class EnTetesSecuriteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        # In development (DEBUG), an error is answered by Django's own pages (the debug 404 and
        # 500 pages, the CSRF failure), whose style and script are inline: they stay readable.
        # Production never answers with them, and never relaxes the policy.
        page_de_debogage = settings.DEBUG and response.status_code >= 400
        response.setdefault(
            "Content-Security-Policy",
            content_security_policy(request.csp_nonce, en_ligne=page_de_debogage),
        )
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def integrable(vue):
    """A view any site may show in a frame: the embeddable listings and maps
    (ecosysteme.pages.integration). Every other page refuses to be framed, by both headers."""

    @xframe_options_exempt
    @wraps(vue)
    def vue_integrable(request, *args, **kwargs):
        response = vue(request, *args, **kwargs)
        response["Content-Security-Policy"] = content_security_policy(
            request.csp_nonce, ancetres="*"
        )
        return response

    return vue_integrable


def connexion_verrouillee(request, response=None, credentials=None):
    """The page of a login locked by django-axes (AXES_LOCKOUT_CALLABLE): why, and for how long."""
    contexte = {
        "nombre_echecs": settings.AXES_FAILURE_LIMIT,
        "duree_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "admin/connexion_verrouillee.html", contexte, status=429)
