"""Field pages of the reports, mounted under /field/ in the field namespace
(``clubs.field.register_urls``)."""

from django.urls import path

from outreach.reports import views

urlpatterns = [
    path("reports/", views.field_dashboard, name="reports"),
    path("reports/report.xlsx", views.field_xlsx, name="report_xlsx"),
]
