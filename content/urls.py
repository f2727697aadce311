"""Public views that are not Wagtail pages, inside the language prefix (paths translated)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from content import views

app_name = "content"

urlpatterns = [
    path(_("search/"), views.search, name="search"),
    path(_("quiz/<int:quiz_id>/result/"), views.quiz_answers, name="quiz_answers"),
    path(_("poll/<int:poll_id>/vote/"), views.poll_vote, name="poll_vote"),
]
