"""Importing member and meeting sheets: check (dry run), show, then import all or nothing.

A job keeps the uploaded file in private storage. Checking runs the resource with
``dry_run=True`` and stores a report of line numbers, columns and messages (no cell values
of personal data). Importing runs it again for real in one transaction; if any row fails
then, nothing is kept. Sheets over ``BACKGROUND_ROWS`` rows are checked and imported by a
django-tasks task (``clubs.tasks``) while the status page polls.
"""

import logging

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

from clubs.access import visible_clubs
from clubs.models import ImportJob
from clubs.resources import RESOURCES
from clubs.signals import records_changed

logger = logging.getLogger(__name__)

# Sheets other apps add (outreach: materials, handouts, campaign activities) register here,
# so every import goes through this one machinery: kind -> label, permission, resource.
SHEET_LABELS = dict(ImportJob.Kind.choices)
SHEET_PERMISSIONS = {
    ImportJob.Kind.MEMBERS: "clubs.add_member",
    ImportJob.Kind.MEETINGS: "clubs.add_meeting",
}


def register_sheet(*, kind: str, label, permission: str, resource) -> None:
    """Offer another kind of sheet on the import page (called from an app's ``ready``):
    its label, the permission an importer needs, and the resource that checks and writes it
    (through the app's services)."""
    SHEET_LABELS[kind] = label
    SHEET_PERMISSIONS[kind] = permission
    RESOURCES[kind] = resource


def sheet_label(kind: str) -> str:
    """What a kind of sheet holds, in the user's language (for kinds other apps added too)."""
    return str(SHEET_LABELS.get(kind, kind))


BACKGROUND_ROWS = 1000
MAX_ROWS = 50_000
MAX_BYTES = 10 * 1024 * 1024
EXTENSIONS = {".xlsx": XLSX, ".csv": CSV}
REPORT_LIMIT = 200  # messages kept per kind; the counts are always complete


def progress_key(job_id: int) -> str:
    """Cache key of the last line a running job reached (shown on its status page)."""
    return f"safeward:import-progress:{job_id}"


def read_dataset(job: ImportJob) -> tablib.Dataset:
    """The job's sheet as a tablib Dataset (first worksheet of an .xlsx, or UTF-8 CSV)."""
    suffix = "." + job.original_name.rsplit(".", 1)[-1].lower()
    with job.file.open("rb") as handle:
        data = handle.read()
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The CSV file is not UTF-8. In Excel, save it as “CSV UTF-8”.")
            ) from None
        return CSV().create_dataset(text)
    try:
        return XLSX().create_dataset(data)
    except Exception:  # openpyxl raises many kinds of errors for a broken file
        raise ValidationError(_("This is not an Excel (.xlsx) file that can be read.")) from None


def _trim(dataset: tablib.Dataset) -> tablib.Dataset:
    """Drop empty lines at the end (spreadsheets often carry some)."""
    while len(dataset) and not any(str(v or "").strip() for v in dataset[len(dataset) - 1]):
        del dataset[len(dataset) - 1]
    return dataset


@transaction.atomic
def import_job_create(*, user, kind: str, upload) -> ImportJob:
    """Store an uploaded sheet and count its rows; raises ValidationError for a bad file."""
    suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if suffix not in EXTENSIONS:
        raise ValidationError(_("Upload an Excel (.xlsx) or CSV file."))
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    job = ImportJob(
        user=user,
        kind=kind,
        original_name=upload.name[-200:],
        report={"language": translation.get_language() or ""},
    )
    job.file.save(f"{kind}{suffix}", upload, save=False)
    dataset = _trim(read_dataset(job))
    if not dataset.headers or not len(dataset):
        job.file.delete(save=False)
        raise ValidationError(_("The sheet has no rows under its heading line."))
    if len(dataset) > MAX_ROWS:
        job.file.delete(save=False)
        raise ValidationError(
            _("At most %(count)s rows can be imported at once.") % {"count": MAX_ROWS}
        )
    job.total_rows = len(dataset)
    job.save()
    return job


def runs_in_background(job: ImportJob) -> bool:
    return job.total_rows > BACKGROUND_ROWS


def _run(job: ImportJob, *, dry_run: bool) -> dict:
    """Run the resource over the sheet; return the report."""
    resource = RESOURCES[job.kind](
        clubs=visible_clubs(user=job.user), user=job.user, progress_key=progress_key(job.pk)
    )
    dataset = _trim(read_dataset(job))
    result = resource.import_data(
        dataset,
        dry_run=dry_run,
        raise_errors=False,
        use_transactions=True,
        rollback_on_validation_errors=True,
    )
    errors = []
    for base_error in result.base_errors:
        errors.append({"line": None, "column": "", "message": str(base_error.error)})
    for invalid in result.invalid_rows:
        for field, messages in invalid.error_dict.items():
            for message in messages:
                errors.append(
                    {
                        "line": invalid.number + 1,
                        "column": resource.column_label(field) if field != "__all__" else "",
                        "message": str(message),
                    }
                )
    for number, row_errors in result.row_errors():
        for error in row_errors:
            logger.warning("Import %s line %s failed: %r", job.pk, number + 1, error.error)
            errors.append(
                {
                    "line": number + 1,
                    "column": "",
                    "message": _("This line could not be read."),
                }
            )
    totals = result.totals
    return {
        "new": totals.get("new", 0) if not errors else 0,
        "skipped": len(resource.duplicates),
        "duplicates": resource.duplicates[:REPORT_LIMIT],
        "errors": errors[:REPORT_LIMIT],
        "error_count": len(errors),
    }


def _finish(job: ImportJob, status: str, report: dict) -> None:
    job.status = status
    job.report = report
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "finished_at"])


def import_job_fail(*, job: ImportJob) -> None:
    """Mark a job that stopped on an unexpected error as not imported."""
    logger.exception("Import %s stopped", job.pk)
    report = {**job.report, "errors": [], "error_count": 1}
    report["errors"].append({"line": None, "column": "", "message": _("The import stopped.")})
    _finish(job, ImportJob.Status.FAILED, report)


def import_job_check(*, job: ImportJob) -> ImportJob:
    """Dry run: count what would be imported, list repeats and errors."""
    with translation.override(job.report.get("language") or translation.get_language()):
        report = _run(job, dry_run=True)
    report["language"] = job.report.get("language", "")
    status = ImportJob.Status.FAILED if report["errors"] else ImportJob.Status.CHECKED
    _finish(job, status, report)
    return job


def import_job_confirm(*, job: ImportJob) -> ImportJob:
    """Import for real, all rows or none (the resource runs in one transaction)."""
    with translation.override(job.report.get("language") or translation.get_language()):
        report = _run(job, dry_run=False)
    report["language"] = job.report.get("language", "")
    if report["errors"]:
        _finish(job, ImportJob.Status.FAILED, report)
    else:
        report["imported"] = report["new"]
        _finish(job, ImportJob.Status.DONE, report)
        # Sheets are bulk-loaded: tell the reports to recount.
        records_changed.send(sender=ImportJob, club_ids=None)
        job.file.delete(save=True)
    return job
