"""Outreach pages of the field app; ``config.urls`` mounts them under /field/ with the clubs
pages, in the one ``field`` namespace."""

from django.urls import path

from outreach import report_views, views

urlpatterns = [
    path("clubs/<int:pk>/cases/", views.case_list, name="case_list"),
    path("clubs/<int:pk>/cases/new/", views.case_create, name="case_create"),
    path(
        "clubs/<int:pk>/distributions/new/", views.distribution_create, name="distribution_create"
    ),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/follow-ups/new/", views.follow_up_create, name="follow_up_create"),
    path("cases/<int:pk>/referrals/new/", views.referral_create, name="referral_create"),
    path("cases/<int:pk>/consent/", views.consent_change, name="consent"),
    path("referrals/<int:pk>/step/", views.referral_step, name="referral_step"),
    path("follow-ups/overdue/", views.overdue, name="overdue"),
    path("reports/", report_views.field_dashboard, name="reports"),
    path("reports/report.xlsx", report_views.field_xlsx, name="report_xlsx"),
    path("campaigns/", views.campaign_list, name="campaigns"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/activities/new/", views.activity_create, name="activity_create"),
]
