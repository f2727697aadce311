"""Background work of the clubs app (django-tasks, the "imports" backend).

Sheets over ``clubs.imports.BACKGROUND_ROWS`` rows are checked and imported here, so the
request returns at once and the status page polls. Run a worker for this backend:
``manage.py db_worker --backend imports`` (development settings run it in the request).
"""

from django_tasks import task

from clubs import imports
from clubs.models import ImportJob


@task(backend="imports")
def run_import_job(job_id: int, step: str) -> str:
    """Check (``step="check"``) or import (``step="import"``) one uploaded sheet."""
    job = ImportJob.objects.get(pk=job_id)
    try:
        if step == "check":
            imports.import_job_check(job=job)
        else:
            imports.import_job_confirm(job=job)
    except Exception:
        # Never leave the status page polling forever; nothing was imported (one transaction).
        imports.import_job_fail(job=job)
        raise
    return job.status
