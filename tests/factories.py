"""Factories for test data. Everything they create is synthetic: never mixed into fixtures/."""

import factory

from accompagnement.enums import NatureDispositif
from accompagnement.models import ChiffreDispositif, Dispositif
from acteurs.enums import FormeJuridique, TypeRelation
from acteurs.models import (
    ChiffreOrganisation,
    Citation,
    Fonction,
    Organisation,
    Personne,
    Relation,
    TypeActivite,
)
from ecosysteme.enums import NiveauTerritoire
from ecosysteme.models import Source, Territoire, Thematique


class TerritoireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territoire

    nom = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")
    niveau = NiveauTerritoire.COMMUNE


class ThematiqueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thematique

    nom = factory.Sequence(lambda n: f"Thématique {n}")
    slug = factory.Sequence(lambda n: f"thematique-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    titre = factory.Sequence(lambda n: f"Document {n}")
    slug = factory.Sequence(lambda n: f"document-{n}")


class TypeActiviteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TypeActivite

    nom = factory.Sequence(lambda n: f"Type {n}")
    slug = factory.Sequence(lambda n: f"type-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    nom = factory.Sequence(lambda n: f"Coopérative {n}")
    slug = factory.Sequence(lambda n: f"cooperative-{n}")
    forme_juridique = FormeJuridique.SCOP


class PersonneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Personne

    prenom = "Camille"
    nom = factory.Sequence(lambda n: f"Martin{n}")
    slug = factory.Sequence(lambda n: f"camille-martin-{n}")


class FonctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fonction

    personne = factory.SubFactory(PersonneFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    intitule = factory.Sequence(lambda n: f"fonction {n}")


class RelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relation

    source = factory.SubFactory(OrganisationFactory)
    cible = factory.SubFactory(OrganisationFactory)
    type = TypeRelation.MEMBRE


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    texte = factory.Sequence(lambda n: f"Propos numéro {n}")
    personne = factory.SubFactory(PersonneFactory)
    source = factory.SubFactory(SourceFactory)


class ChiffreOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChiffreOrganisation

    organisation = factory.SubFactory(OrganisationFactory)
    libelle = factory.Sequence(lambda n: f"salariés {n}")
    valeur = 12
    annee = 2020


class DispositifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dispositif

    nom = factory.Sequence(lambda n: f"Dispositif {n}")
    slug = factory.Sequence(lambda n: f"dispositif-{n}")
    nature = NatureDispositif.INCUBATION


class ChiffreDispositifFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChiffreDispositif

    dispositif = factory.SubFactory(DispositifFactory)
    libelle = factory.Sequence(lambda n: f"projets accompagnés {n}")
    valeur = 10
    annee = 2016


def bandes_energie(*, dans_le_texte, derives_dans_le_texte=0):
    """Organisations found by « énergie » in up to four bands of pertinence: the word in their
    name (3), a longer word in their name (4), the word in their text, a longer one there."""
    for indice in range(3):
        OrganisationFactory(nom=f"Énergie {indice}")
    for indice in range(4):
        OrganisationFactory(nom=f"Énergiser {indice}")
    for indice in range(dans_le_texte):
        OrganisationFactory(nom=f"Atelier {indice}", description="Produit de l'énergie.")
    for indice in range(derives_dans_le_texte):
        OrganisationFactory(nom=f"Ferme {indice:02d}", description="Une présence énergisante.")
