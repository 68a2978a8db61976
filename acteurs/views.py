from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ecosysteme.courriels import LienInvalide
from ecosysteme.formulaires import LimiteAtteinte
from ecosysteme.models import Territoire, Thematique

from . import besoins
from .donnees_structurees import organisation_json_ld, personne_json_ld
from .enums import RELATIONS_SYMETRIQUES, TypeRelation
from .filters import OrganisationFilter, PersonneFilter
from .forms import BesoinForm, MessageForm
from .graphe import graphe_ensemble, graphe_organisation
from .liens import (
    SENS,
    GroupeLiens,
    PageDeLiens,
    groupes_de_liens,
    liens_du_groupe,
    voisinage,
)
from .messagerie import ecrire
from .models import ENTRANTE, Organisation, Personne


def organisation_list(request):
    organisations = Organisation.objects.published().for_annuaire()
    filtres = OrganisationFilter(request.GET, organisations, request=request)
    context = {"filtres": filtres, "page": filtres.page}
    return render(request, "acteurs/organisation_list.html", context)


def reseau(request):
    """The relations among the organisations of a territory or a theme, as a graph."""
    filtres = OrganisationFilter(request.GET, Organisation.objects.published(), request=request)
    # What the listing's filters recognised: unknown or malformed values are already set aside.
    sujets = [
        option.objet
        for nom in ("territoire", "thematique")
        for option in filtres.filters[nom].options
        if option.choisie
    ]
    context = {"filtres": filtres, "sujets": sujets}
    if sujets:
        liste = f"{reverse('organisation_list')}?{request.GET.urlencode()}"
        titre = _("Le réseau : %(sujets)s") % {"sujets": ", ".join(str(sujet) for sujet in sujets)}
        # The organisations retained, as a bitset of the listing's index: never read here.
        retenues = filtres.resultats_sauf()
        graphe = graphe_ensemble(retenues, filtres.index, titre, liste)
        context.update(titre=titre, liste=liste, graphe=graphe)
    else:
        # Nothing chosen: the whole directory would be unreadable; offer where to start.
        context.update(regions=Territoire.objects.regions(), themes=Thematique.objects.all())
    return render(request, "acteurs/reseau.html", context)


def personne_list(request):
    personnes = Personne.objects.published().for_annuaire()
    filtres = PersonneFilter(request.GET, personnes, request=request)
    context = {"filtres": filtres, "page": filtres.page}
    return render(request, "acteurs/personne_list.html", context)


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.published().for_profile(), slug=slug)
    # What it shows of its links, as numbers: read once for its groups of links and its graph.
    voisins = voisinage(organisation)
    groupes = groupes_de_liens(organisation, voisins) if voisins else []
    context = {
        "organisation": organisation,
        "groupes_liens": groupes,
        # Drawn only when there is something to draw.
        "graphe": graphe_organisation(organisation, voisins) if groupes else None,
        "url_canonique": request.build_absolute_uri(organisation.get_absolute_url()),
        "json_ld": organisation_json_ld(request, organisation, groupes),
    }
    return render(request, "acteurs/organisation_detail.html", context)


def organisation_liens(request, slug, type_relation, sens):
    """Every link of one group of an organisation's profile, page by page."""
    organisation = get_object_or_404(Organisation.objects.published(), slug=slug)
    sens = SENS.get(sens)
    # A symmetric type reads the same from both ends: its one group is the outgoing one.
    if (
        type_relation not in TypeRelation.values
        or sens is None
        or (sens == ENTRANTE and type_relation in RELATIONS_SYMETRIQUES)
    ):
        raise Http404("Ce groupe de liens n'existe pas.")
    filtres = PageDeLiens(request, liens_du_groupe(organisation, type_relation, sens))
    groupe = GroupeLiens(organisation, type_relation, sens, filtres.page.paginator.count)
    for relation in filtres.page:
        groupe.ajouter(relation)
    context = {
        "organisation": organisation,
        "groupe": groupe,
        "filtres": filtres,
        "page": filtres.page,
    }
    return render(request, "acteurs/organisation_liens.html", context)


def personne_detail(request, slug):
    personne = get_object_or_404(Personne.objects.published().for_profile(), slug=slug)
    context = {
        "personne": personne,
        "url_canonique": request.build_absolute_uri(personne.get_absolute_url()),
        "json_ld": personne_json_ld(request, personne),
    }
    return render(request, "acteurs/personne_detail.html", context)


def organisation_contactable(slug):
    organisation = Organisation.objects.published().contactable().filter(slug=slug).first()
    if organisation is None:
        raise Http404("Cette organisation ne reçoit pas de messages par l'annuaire.")
    return organisation


def organisation_ecrire(request, slug):
    """« Écrire à cette organisation »: the message is stored, then relayed in the background;
    the organisation's address is never shown."""
    organisation = organisation_contactable(slug)
    donnees = request.POST if request.method == "POST" else None
    form = MessageForm(donnees, organisation=organisation)
    status = 200
    if form.is_valid():
        donnees = {champ: form.cleaned_data[champ] for champ in MessageForm.Meta.fields}
        try:
            ecrire(organisation=organisation, **donnees)
        except LimiteAtteinte as refus:
            form.add_error(None, str(refus))
            status = 429
        else:
            return redirect("organisation_message_envoye", slug=organisation.slug)
    context = {"organisation": organisation, "form": form}
    return render(request, "acteurs/organisation_ecrire.html", context, status=status)


def organisation_message_envoye(request, slug):
    organisation = organisation_contactable(slug)
    context = {
        "organisation": organisation,
        "conservation_jours": settings.MESSAGES_CONSERVATION_JOURS,
    }
    return render(request, "acteurs/organisation_message_envoye.html", context)


def besoin_deposer(request):
    """« Déposer un besoin »: the page says how many organisations the need would reach, as
    its criteria change (a button without JavaScript, live with it); the need is stored, for
    staff to validate."""
    status = 200
    if request.method == "POST" and request.POST.get("action") == "compter":
        # Counting is not sending: the form is shown again as it was, without errors, and
        # keeps the time it was first shown (a new one would refuse it as sent too fast).
        lu = BesoinForm(request.POST)
        criteres = lu.criteres()
        form = BesoinForm(initial=BesoinForm.donnees_initiales(request.POST))
        form.initial["jeton"] = lu.data["jeton"]
    elif request.method == "POST":
        form = BesoinForm(request.POST)
        criteres = form.criteres()
        if form.is_valid():
            donnees = dict(form.cleaned_data)
            criteres_du_besoin = {nom: donnees.pop(nom) for nom in ("types", "thematiques")}
            donnees = {nom: donnees[nom] for nom in BesoinForm.Meta.fields if nom in donnees}
            try:
                besoins.deposer(criteres=criteres_du_besoin, **donnees)
            except LimiteAtteinte as refus:
                form.add_error(None, str(refus))
                status = 429
            else:
                return redirect("besoin_depose")
    else:
        form = BesoinForm()
        criteres = form.criteres()
    context = {"form": form, "compte": besoins.compte_des_destinataires(**criteres)}
    return render(request, "acteurs/besoin_deposer.html", context, status=status)


def besoin_compter(request):
    """How many organisations these criteria reach, for the page's script."""
    criteres = BesoinForm(request.GET).criteres()
    return JsonResponse({"texte": besoins.compte_des_destinataires(**criteres).texte})


def besoin_depose(request):
    context = {"conservation_jours": settings.BESOINS_CONSERVATION_JOURS}
    return render(request, "acteurs/besoin_depose.html", context)


def besoin_interesse(request, jeton):
    """The link « Intéressé » sent to an organisation: shows the need and asks to confirm (a
    mail scanner that follows links must not answer for it), then records the answer once."""
    try:
        sollicitation = besoins.sollicitation_du_lien(jeton)
        besoins.verifier_ouvert(sollicitation)
        if request.method == "POST":
            besoins.se_dire_interesse(sollicitation)
            context = {
                "besoin": sollicitation.besoin,
                "organisation": sollicitation.organisation,
                "transmis": True,
            }
            return render(request, "acteurs/besoin_interesse.html", context)
    except LienInvalide as refus:
        context = {"refus": str(refus)}
        return render(request, "acteurs/besoin_interesse.html", context, status=410)
    context = {"besoin": sollicitation.besoin, "organisation": sollicitation.organisation}
    return render(request, "acteurs/besoin_interesse.html", context)
