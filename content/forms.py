"""Forms residents post from public pages: quiz answers and poll votes.

Public pages carry no CSRF token (they are cached for everyone and offline), so these forms
post to views that are exempt from it: they only add anonymous counts and act for nobody.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content.models import PollPage, QuizPage

# An attempt kept on a phone for longer than this is dated the day it arrives.
OFFLINE_DAYS = 90


class QuizAnswerForm(forms.Form):
    """One field per question (named ``q-<question id>``); none is required on its own."""

    taken_on = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    def __init__(self, *args, quiz: QuizPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.quiz = quiz
        for question in quiz.question_list:
            choices = [(choice.id, choice.text) for choice in question.choices]
            field_class = forms.MultipleChoiceField if question.multiple else forms.ChoiceField
            self.fields[question.field_name] = field_class(choices=choices, required=False)

    def clean_taken_on(self) -> datetime.date | None:
        """The day a phone answered offline, if plausible; else the day it arrives."""
        taken_on = self.cleaned_data.get("taken_on")
        today = timezone.localdate()
        earliest = today - datetime.timedelta(days=OFFLINE_DAYS)
        if taken_on and earliest <= taken_on <= today + datetime.timedelta(days=1):
            return min(taken_on, today)
        return None

    def clean(self):
        cleaned = super().clean()
        if not any(self.answers().values()):
            raise forms.ValidationError(_("Answer at least one question."), code="empty")
        return cleaned

    def answers(self) -> dict[str, list[str]]:
        """Question id -> picked choice ids."""
        answers = {}
        for question in self.quiz.question_list:
            value = self.cleaned_data.get(question.field_name)
            if isinstance(value, str):
                value = [value] if value else []
            answers[question.id] = list(value or [])
        return answers


class PollVoteForm(forms.Form):
    """The answer picked in a poll."""

    choice = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Pick an answer.")},
    )

    def __init__(self, *args, poll: PollPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = poll.choice_list
