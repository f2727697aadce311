"""The field app, mounted at /field/ (Vietnamese) and /en/field/ (English): the clubs pages,
then the pages other apps registered (``clubs.field.register_urls``), in one namespace."""

from django.urls import include, path

from clubs import field, views

app_name = "field"

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("clubs/<int:pk>/", views.club_detail, name="club"),
    path("clubs/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("clubs/<int:pk>/members/new/", views.member_create, name="member_create"),
    path("clubs/<int:pk>/roster.json", views.club_roster, name="club_roster"),
    path("outbox/", views.outbox, name="outbox"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("members/<int:pk>/edit/", views.member_edit, name="member_edit"),
    path("photos/<int:pk>/", views.meeting_photo, name="meeting_photo"),
] + [path("", include(module)) for module in field.url_modules()]
