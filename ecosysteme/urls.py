from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import path, re_path
from django.utils.translation import gettext_lazy

from accompagnement import views as accompagnement_views
from acteurs import espace
from acteurs import views as acteurs_views
from ecosysteme.contributions import propositions
from ecosysteme.contributions import views as contributions_views
from ecosysteme.contributions.signalements import FICHES
from ecosysteme.diffusion import api, data_inclusion, exports, openapi
from ecosysteme.pages import integration, views
from ecosysteme.pages.flux import Nouveautes
from ecosysteme.pages.sitemaps import SITEMAPS, SITEMAPS_PAR_LANGUE, TOUTES_LES_SECTIONS

admin.site.site_header = gettext_lazy("Écosystème – administration")
admin.site.site_title = gettext_lazy("Écosystème")
admin.site.index_title = gettext_lazy("Tenir l'annuaire à jour")

# Addresses that are the same in every language: machines read them.
urlpatterns = [
    path("sante/", views.sante, name="sante"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemaps_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    *[
        path(
            f"{langue}/sitemap.xml",
            sitemaps_views.index,
            {"sitemaps": SITEMAPS_PAR_LANGUE[langue]},
            name=f"sitemap_{langue}",
        )
        for langue, _ in settings.LANGUAGES
        if langue != settings.LANGUAGE_CODE
    ],
    path("nouveautes.atom", Nouveautes(), name="nouveautes"),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": TOUTES_LES_SECTIONS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/", api.index, name="api_index"),
    path("api/openapi.json", openapi.openapi, name="api_openapi"),
    path("api/territoires/", api.territoire_list, name="api_territoire_list"),
    path("api/territoires/<slug:slug>/", api.territoire_detail, name="api_territoire_detail"),
    *[
        route
        for liste in api.LISTES
        for route in (
            path(f"api/{liste}/", api.liste, {"liste": liste}, name=f"api_{liste}"),
            path(f"api/{liste}/<slug:slug>/", api.detail, {"liste": liste}),
        )
    ],
    # Any other address under /api/ (a slug with a space, say): a 404 in JSON, as the API's.
    re_path(r"^api/[\s\S]+/$", api.adresse_inconnue),
]

# The pages people read: in French at these addresses, in Dutch and English under /nl/ and
# /en/ (LocaleMiddleware activates the language the address names).
pages = [
    path("", views.home, name="home"),
    path("recherche/", views.recherche, name="recherche"),
    path("mentions-legales/", views.mentions_legales, name="mentions_legales"),
    path("donnees-personnelles/", views.donnees_personnelles, name="donnees_personnelles"),
    path("donnees-ouvertes/", views.donnees_ouvertes, name="donnees_ouvertes"),
    path("acteurs/", acteurs_views.organisation_list, name="organisation_list"),
    # Before the other downloads, whose `<str:format>` would take "data-inclusion.json".
    path(
        "acteurs/export.data-inclusion.json",
        data_inclusion.exporter_structures,
        name="export_data_inclusion",
    ),
    *[
        path(f"{liste}/export.<str:format>", exports.exporter, {"liste": liste})
        for liste in exports.EXPORTS
    ],
    path("acteurs/<slug:slug>/", acteurs_views.organisation_detail, name="organisation_detail"),
    path(
        "acteurs/<slug:slug>/ecrire/",
        acteurs_views.organisation_ecrire,
        name="organisation_ecrire",
    ),
    path(
        "acteurs/<slug:slug>/ecrire/envoye/",
        acteurs_views.organisation_message_envoye,
        name="organisation_message_envoye",
    ),
    path(
        "acteurs/<slug:slug>/representer/",
        espace.organisation_representer,
        name="organisation_representer",
    ),
    path(
        "acteurs/<slug:slug>/representer/envoye/",
        espace.organisation_representer_envoye,
        name="organisation_representer_envoye",
    ),
    # The managers' space, and the ways into it.
    path("gestion/", espace.gestion_espace, name="gestion_espace"),
    path("gestion/connexion/", espace.gestion_connexion, name="gestion_connexion"),
    path(
        "gestion/connexion/envoyee/",
        espace.gestion_connexion_envoyee,
        name="gestion_connexion_envoyee",
    ),
    path("gestion/entrer/<str:jeton>/", espace.gestion_entrer, name="gestion_entrer"),
    path("gestion/deconnexion/", espace.gestion_deconnexion, name="gestion_deconnexion"),
    path("gestion/confirmer/<str:jeton>/", espace.gestion_confirmer, name="gestion_confirmer"),
    path("gestion/<slug:slug>/", espace.gestion_organisation, name="gestion_organisation"),
    path("gestion/<slug:slug>/a-jour/", espace.gestion_a_jour, name="gestion_a_jour"),
    path("gestion/<slug:slug>/fiche/", contributions_views.gestion_fiche, name="gestion_fiche"),
    *[
        path(
            f"gestion/<slug:slug>/demandes/<int:pk>/{decision}/",
            espace.gestion_demande,
            {"decision": decision},
            name=f"gestion_demande_{decision}",
        )
        for decision in ("approuver", "refuser")
    ],
    path(
        "acteurs/<slug:slug>/liens/<slug:type_relation>/<slug:sens>/",
        acteurs_views.organisation_liens,
        name="organisation_liens",
    ),
    path("besoins/deposer/", acteurs_views.besoin_deposer, name="besoin_deposer"),
    path("besoins/deposer/compter/", acteurs_views.besoin_compter, name="besoin_compter"),
    path("besoins/depose/", acteurs_views.besoin_depose, name="besoin_depose"),
    path(
        "besoins/interesse/<str:jeton>/",
        acteurs_views.besoin_interesse,
        name="besoin_interesse",
    ),
    path("reseau/", acteurs_views.reseau, name="reseau"),
    path("personnes/", acteurs_views.personne_list, name="personne_list"),
    path("personnes/<slug:slug>/", acteurs_views.personne_detail, name="personne_detail"),
    path("accompagnement/", accompagnement_views.dispositif_list, name="dispositif_list"),
    path(
        "accompagnement/<slug:slug>/",
        accompagnement_views.dispositif_detail,
        name="dispositif_detail",
    ),
    # « Signaler une erreur » on every kind of public profile.
    *[
        route
        for sorte in FICHES
        for route in (
            path(
                f"{sorte}/<slug:slug>/signaler/",
                contributions_views.signalement_signaler,
                {"sorte": sorte},
            ),
            path(
                f"{sorte}/<slug:slug>/signaler/envoye/",
                contributions_views.signalement_envoye,
                {"sorte": sorte},
            ),
        )
    ],
    # « Proposer une modification » of an organisation or a programme, or a new one.
    *[
        path(
            f"{sorte}/<slug:slug>/proposer/",
            contributions_views.proposition_proposer,
            {"sorte": sorte},
        )
        for sorte in propositions.FICHES
    ],
    path(
        "propositions/nouvelle-organisation/",
        contributions_views.proposition_ajouter,
        {"sorte": "acteurs"},
        name="proposition_ajouter_organisation",
    ),
    path(
        "propositions/nouveau-dispositif/",
        contributions_views.proposition_ajouter,
        {"sorte": "accompagnement"},
        name="proposition_ajouter_dispositif",
    ),
    path(
        "propositions/envoyee/",
        contributions_views.proposition_envoyee,
        name="proposition_envoyee",
    ),
    path(
        "propositions/confirmer/<str:jeton>/",
        contributions_views.proposition_confirmer,
        name="proposition_confirmer",
    ),
    # « Intégrer à votre site »: the code to copy, and the pages other sites may frame.
    path("integrer/", integration.integrer, name="integrer"),
    *[
        path(
            f"integrer/{liste}/",
            integration.integrer_liste,
            {"liste": liste},
            name=f"integrer_{liste}",
        )
        for liste in integration.LISTES
    ],
    path("integrer/carte/", integration.integrer_carte, name="integrer_carte"),
    path("territoires/<slug:slug>/", views.territoire_detail, name="territoire_detail"),
    path("thematiques/<slug:slug>/", views.thematique_detail, name="thematique_detail"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(*pages, prefix_default_language=False)

handler400 = "ecosysteme.erreurs.requete_invalide"
handler403 = "ecosysteme.erreurs.acces_refuse"
handler404 = "ecosysteme.erreurs.introuvable"
handler500 = "ecosysteme.erreurs.erreur_serveur"
