from django.apps import AppConfig


class EcosystemeConfig(AppConfig):
    name = "ecosysteme"
    verbose_name = "Référentiels"
