from django.contrib import admin
from django.urls import path

admin.site.site_header = "Écosystème – administration"
admin.site.site_title = "Écosystème"
admin.site.index_title = "Tenir l'annuaire à jour"

urlpatterns = [
    path("admin/", admin.site.urls),
]
