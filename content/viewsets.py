"""Admin views of the public content: per-question quiz statistics for communicators."""

import django_filters
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies import ModelPermissionPolicy

from content.models import QuizAnswer, QuizAttempt, QuizPage
from content.selectors import quiz_question_stats

STATISTICS_PERMISSION = "content.view_quizattempt"


class QuizAnswerFilterSet(WagtailFilterSet):
    """Narrow the statistics to one quiz and a period (by the day the quiz was taken)."""

    quiz = django_filters.ModelChoiceFilter(
        label=_("Quiz"),
        field_name="attempt__quiz",
        queryset=QuizPage.objects.select_related("locale").order_by("title"),
    )
    taken_from = django_filters.DateFilter(
        label=_("Taken from"),
        field_name="attempt__taken_on",
        lookup_expr="gte",
        widget=AdminDateInput,
    )
    taken_until = django_filters.DateFilter(
        label=_("Taken until"),
        field_name="attempt__taken_on",
        lookup_expr="lte",
        widget=AdminDateInput,
    )

    class Meta:
        model = QuizAnswer
        fields = []


class QuizStatisticsView(ReportView):
    """Per quiz, month and question: attempts, share right, the most chosen wrong answer."""

    page_title = _("Quiz statistics")
    header_icon = "table"
    filterset_class = QuizAnswerFilterSet
    permission_policy = ModelPermissionPolicy(QuizAttempt)
    permission_required = "view"
    export_filename = "quiz-statistics"
    columns = [
        Column("quiz_title", label=_("Quiz"), width="16%"),
        Column("month_label", label=_("Month")),
        Column("position", label=_("No.")),
        Column("question", label=_("Question"), width="30%"),
        Column("lure", label=_("Lure type")),
        Column("attempts", label=_("Attempts")),
        Column("percent_right", label=_("Answered right (percent)")),
        Column("wrong_choice", label=_("Most chosen wrong answer"), width="20%"),
        Column("wrong_choice_count", label=_("Times chosen")),
    ]
    # The spreadsheet also says which language each quiz is in (the titles tell on screen).
    list_export = [
        "quiz_title",
        "language",
        *(column.name for column in columns if column.name != "quiz_title"),
    ]
    export_headings = {
        "language": _("Language"),
        **{column.name: column.label for column in columns},
    }

    def get_filtered_queryset(self):
        return quiz_question_stats(answers=self.filter_queryset(QuizAnswer.objects.all()))


class StatisticsMenuItem(MenuItem):
    """Shown only to staff who may see the statistics."""

    def is_shown(self, request):
        return request.user.has_perm(STATISTICS_PERMISSION)


class QuizStatisticsViewSet(ViewSet):
    """The quiz statistics report, under Reports in the admin menu."""

    name = "quiz_statistics"
    icon = "table"
    menu_label = _("Quiz statistics")
    menu_hook = "register_reports_menu_item"
    menu_order = 950

    @cached_property
    def menu_item_class(self):
        return StatisticsMenuItem

    def get_urlpatterns(self):
        urls = {
            "index_url_name": self.get_url_name("index"),
            "index_results_url_name": self.get_url_name("results"),
        }
        return [
            path("", QuizStatisticsView.as_view(**urls), name="index"),
            path("results/", QuizStatisticsView.as_view(results_only=True, **urls), name="results"),
        ]
