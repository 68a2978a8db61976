"""What the listings' tests read on a page, and the small directory of organisations that
both the tests of every listing's machinery (tests/ecosysteme/listes/test_liste.py) and those
of the organisations listing itself (tests/acteurs/test_listing.py) read it from.
"""

import html
import re
from types import SimpleNamespace

from acteurs.enums import FormeJuridique
from ecosysteme.enums import NiveauTerritoire
from tests.factories import (
    OrganisationFactory,
    TerritoireFactory,
    ThematiqueFactory,
    TypeActiviteFactory,
)


def resultats(response):
    return [entree.nom for entree in response.context["page"]]


def case(nom, valeur, *attributs):
    """A filter checkbox as the page writes it, e.g. case("type", "cae", "checked")."""
    suite = "".join(f" {attribut}" for attribut in attributs)
    return f'<input type="checkbox" id="{nom}-{valeur}" name="{nom}" value="{valeur}"{suite}>'


def etiquette(nom, valeur, libelle, nombre):
    return f'<label for="{nom}-{valeur}">{libelle} <span class="compte">({nombre})</span></label>'


REPLIEES = re.compile(r'<details class="filtres__autres">.*?</details>', re.S)


def filtres(response):
    """The filter column's HTML."""
    contenu = response.content.decode()
    return contenu[contenu.index('<form class="filtres"') : contenu.index("</form>")]


def montrees(response):
    """The filter column as it shows before « Afficher les N autres » is opened."""
    return REPLIEES.sub("", filtres(response))


def repliees(response):
    """{summary text: [checkbox values]} of each facet's folded options."""
    replis = {}
    for bloc in REPLIEES.findall(filtres(response)):
        resume = re.search(r"<summary>(.*?)</summary>", bloc).group(1)
        resume = html.unescape(re.sub(r"<[^>]+>", "", resume))
        replis[resume] = re.findall(r'value="([^"]+)"', bloc)
    return replis


def valeurs(texte):
    return re.findall(r'type="checkbox" id="[^"]+" name="[^"]+" value="([^"]+)"', texte)


def avis(response):
    return re.findall(r"<li>([^<]*)</li>", response.content.decode().split('class="avis"')[-1])


def territoires():
    """France → Nouvelle-Aquitaine → Gironde → Bordeaux Métropole → Bordeaux; and Bourgogne."""
    france = TerritoireFactory(nom="France", slug="france", niveau=NiveauTerritoire.PAYS)
    aquitaine = TerritoireFactory(
        nom="Nouvelle-Aquitaine", slug="na", niveau=NiveauTerritoire.REGION, parent=france
    )
    gironde = TerritoireFactory(
        nom="Gironde", slug="gironde", niveau=NiveauTerritoire.DEPARTEMENT, parent=aquitaine
    )
    metropole = TerritoireFactory(
        nom="Bordeaux Métropole",
        slug="bordeaux-metropole",
        niveau=NiveauTerritoire.INTERCOMMUNALITE,
        parent=gironde,
    )
    bordeaux = TerritoireFactory(nom="Bordeaux", slug="bordeaux", parent=metropole)
    bourgogne = TerritoireFactory(
        nom="Bourgogne", slug="bourgogne", niveau=NiveauTerritoire.REGION, parent=france
    )
    return SimpleNamespace(
        france=france,
        aquitaine=aquitaine,
        gironde=gironde,
        metropole=metropole,
        bordeaux=bordeaux,
        bourgogne=bourgogne,
    )


def annuaire(territoires):
    """Four organisations on two independent axes (form, kind), two places and two themes."""
    cae = TypeActiviteFactory(nom="CAE", slug="cae")
    ptce = TypeActiviteFactory(nom="PTCE", slug="ptce")
    culture = ThematiqueFactory(nom="Culture", slug="culture")
    energie = ThematiqueFactory(nom="Énergie", slug="energie")
    alpha = OrganisationFactory(
        nom="Alpha", forme_juridique=FormeJuridique.SCOP, siege=territoires.bordeaux
    )
    alpha.types.add(cae)
    alpha.thematiques.add(culture)
    beta = OrganisationFactory(nom="Beta", forme_juridique=FormeJuridique.SCIC)
    beta.types.add(cae, ptce)
    beta.territoires_action.add(territoires.gironde)
    beta.thematiques.add(energie)
    gamma = OrganisationFactory(
        nom="Gamma", forme_juridique=FormeJuridique.ASSOCIATION, siege=territoires.bourgogne
    )
    gamma.types.add(ptce)
    gamma.thematiques.add(culture, energie)
    delta = OrganisationFactory(nom="Delta", forme_juridique=FormeJuridique.SCOP)
    brouillon = OrganisationFactory(
        nom="Brouillon", forme_juridique=FormeJuridique.SCOP, siege=territoires.bordeaux
    )
    brouillon.is_published = False
    brouillon.save()
    brouillon.types.add(cae)
    return SimpleNamespace(alpha=alpha, beta=beta, gamma=gamma, delta=delta, cae=cae, ptce=ptce)
