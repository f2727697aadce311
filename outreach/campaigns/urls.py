"""Field pages of campaigns, mounted under /field/ in the field namespace
(``clubs.field.register_urls``). The paths are the phones' outbox addresses: never change them."""

from django.urls import path

from outreach.campaigns import views

urlpatterns = [
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
]
