"""Rights of the people we hold data about, answered by a coordinator in the admin:
"export everything held about this person" (JSON or Excel, audited, never cached) and
"erase on request" (a confirmation and a reason, audited).

Everyone but a coordinator gets "not found", as for a case outside their scope. The reason
for an erasure is chosen from a list: the audit trail never holds free text about a person.
"""

import json

import tablib
from django import forms
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from clubs.access import is_coordinator
from outreach.cases import selectors, services
from outreach.cases.audit import Actor
from outreach.cases.models import Case

FORMATS = {
    "json": ("application/json; charset=utf-8", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


def _coordinator_case(request, pk) -> Case:
    if not is_coordinator(request.user):
        raise Http404
    case = selectors.cases_for(user=request.user).select_related("club").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _as_workbook(held: dict) -> bytes:
    book = tablib.Databook()
    case = tablib.Dataset(headers=["field", "value"], title="case")
    for name, value in held["case"].items():
        case.append([name, _cell(value)])
    book.add_sheet(case)
    for title in ("consents", "follow_ups", "referrals"):
        rows = held[title]
        headers = list(rows[0]) if rows else ["-"]
        sheet = tablib.Dataset(headers=headers, title=title)
        for row in rows:
            sheet.append([_cell(row[name]) for name in headers])
        book.add_sheet(sheet)
    return book.export("xlsx")


def _cell(value):
    if isinstance(value, list | tuple | dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


@sensitive_variables()
def case_everything(request, pk):
    """Download everything held about one person (``?format=json`` or ``xlsx``)."""
    case = _coordinator_case(request, pk)
    fmt = request.GET.get("format", "json")
    if fmt not in FORMATS:
        raise Http404
    held = services.case_everything(case=case, actor=Actor.from_request(request))
    if fmt == "json":
        body = json.dumps(held, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
    else:
        body = _as_workbook(held)
    content_type, extension = FORMATS[fmt]
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{case.code}-du-lieu.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


class EraseForm(forms.Form):
    REASONS = [
        ("request by the person", _("The person asked for their data to be deleted")),
        ("request by a guardian", _("A parent or guardian asked for the data to be deleted")),
        ("consent withdrawn", _("The person withdrew every consent")),
        ("order of an authority", _("A competent authority ordered the deletion")),
    ]
    reason = forms.ChoiceField(label=_("Reason"), choices=REASONS)
    confirm = forms.BooleanField(
        label=_(
            "I understand that the name, phone, ID number, address and notes are erased "
            "for good; the code and figures stay."
        ),
    )


@sensitive_post_parameters()
def case_erase(request, pk):
    """Confirm, with a reason, and erase a person's personal fields (audited)."""
    case = _coordinator_case(request, pk)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.case_erase_on_request(
            case=case, actor=Actor.from_request(request), reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("The personal data of %(code)s was erased.") % {"code": case.code}
        )
        return redirect(reverse("outreach_cases:edit", args=[case.pk]))
    return render(
        request,
        "cases/admin/case_erase.html",
        {
            "form": form,
            "case": case,
            "page_title": _("Erase on request: %(code)s") % {"code": case.code},
            "edit_url": reverse("outreach_cases:edit", args=[case.pk]),
        },
        status=400 if request.method == "POST" else 200,
    )
