"""Register the content app's admin views."""

from wagtail import hooks

from content.viewsets import QuizStatisticsViewSet


@hooks.register("register_admin_viewset")
def register_quiz_statistics():
    return QuizStatisticsViewSet()
