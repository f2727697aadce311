"""Field pages of at-risk people, mounted under /field/ in the field namespace
(``clubs.field.register_urls``). The paths are the phones' outbox addresses: never change them."""

from django.urls import path

from outreach.cases import views

urlpatterns = [
    path("clubs/<int:pk>/cases/", views.case_list, name="case_list"),
    path("clubs/<int:pk>/cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("cases/<int:pk>/referrals/new/", views.referral_create, name="referral_create"),
    path("cases/<int:pk>/consent/", views.consent_change, name="consent"),
    path("referrals/<int:pk>/step/", views.referral_step, name="referral_step"),
    path("follow-ups/overdue/", views.overdue, name="overdue"),
]
