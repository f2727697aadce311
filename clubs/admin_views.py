"""The admin's import page: upload a member or meeting sheet, check it, then confirm.

Small sheets are checked and imported in the request. Larger ones (over
``clubs.imports.BACKGROUND_ROWS`` rows) go to the ``imports`` task backend and the status
page polls: with JavaScript it refreshes itself, without it there is a refresh link.
Users see only their own imports; the clubs a sheet may name are ``visible_clubs``.
"""

import io

from django import forms
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from clubs import imports
from clubs.models import ImportJob
from clubs.resources import RESOURCES
from clubs.tasks import run_import_job

PERMISSIONS = imports.SHEET_PERMISSIONS


def allowed_kinds(user) -> list[str]:
    return [kind for kind, permission in PERMISSIONS.items() if user.has_perm(permission)]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("What the sheet holds"), widget=forms.RadioSelect)
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("Excel (.xlsx) or CSV (UTF-8); the first line holds the headings."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in imports.SHEET_LABELS.items() if value in kinds
        ]


def _start(job: ImportJob, step: str) -> None:
    """Run a step now, or hand it to the task backend for a large sheet."""
    if imports.runs_in_background(job):
        job.status = ImportJob.Status.CHECKING if step == "check" else ImportJob.Status.IMPORTING
        job.save(update_fields=["status"])
        run_import_job.enqueue(job_id=job.pk, step=step)
    elif step == "check":
        imports.import_job_check(job=job)
    else:
        imports.import_job_confirm(job=job)


def import_start(request):
    """Upload a sheet; the check runs at once (or in the background for a large one)."""
    kinds = allowed_kinds(request.user)
    if not kinds:
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            job = imports.import_job_create(
                user=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            _start(job, "check")
            return redirect("clubs_import:status", pk=job.pk)
    jobs = list(ImportJob.objects.filter(user=request.user)[:10])
    for job in jobs:
        job.kind_label = imports.sheet_label(job.kind)
    return render(
        request,
        "clubs/admin/import_start.html",
        {
            "form": form,
            "jobs": jobs,
            "kinds": kinds,
            "sheets": [(kind, imports.SHEET_LABELS[kind]) for kind in kinds],
            "page_title": _("Import"),
        },
    )


def import_status(request, pk):
    """The check's preview (counts, repeats, per-line errors) or the import's progress."""
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    done_rows = cache.get(imports.progress_key(job.pk)) if job.is_running else None
    job.kind_label = imports.sheet_label(job.kind)
    context = {
        "job": job,
        "report": job.report,
        "done_rows": done_rows,
        "page_title": _("Import"),
    }
    return render(request, "clubs/admin/import_status.html", context)


@require_POST
def import_confirm(request, pk):
    """Import a checked sheet: all of it or, if anything fails, nothing."""
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    if job.kind not in allowed_kinds(request.user):
        raise PermissionDenied
    if job.status == ImportJob.Status.CHECKED:
        job.status = ImportJob.Status.IMPORTING
        job.save(update_fields=["status"])
        _start(job, "import")
    return redirect("clubs_import:status", pk=job.pk)


def import_template(request, kind):
    """An empty sheet with the expected headings, in the user's language."""
    if kind not in allowed_kinds(request.user):
        raise PermissionDenied
    resource = RESOURCES[kind]
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(names[0]) for names in resource.columns.values()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response
