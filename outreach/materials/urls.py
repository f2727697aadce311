"""Field pages of materials, mounted under /field/ in the field namespace
(``clubs.field.register_urls``). The paths are the phones' outbox addresses: never change them."""

from django.urls import path

from outreach.materials import views

urlpatterns = [
    path(
        "clubs/<int:pk>/distributions/new/", views.distribution_create, name="distribution_create"
    ),
    path("clubs/<int:pk>/panels/", views.panel_list, name="panel_list"),
    path("panels/<int:pk>/inspection/", views.panel_inspect, name="panel_inspect"),
]
