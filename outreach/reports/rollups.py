"""Aggregate tables behind the reports: ``ReportRollup`` rows kept in step with the records.

- On write: saving or deleting a record that an indicator counts marks its ward; when the
  transaction commits, that ward's rows are rebuilt (every stored indicator, every month:
  a ward's records are few), then the province totals of the months that changed.
- By command: ``manage.py refresh_rollups`` rebuilds everything (cron, after bulk loads).
  Writes that bypass signals (``bulk_create``, ``update``) are caught by it, or send
  ``clubs.signals.records_changed``.

Dashboards read only these rows plus a few indexed "today" queries: never the records.
"""

import contextlib
import threading

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Sum
from django.db.models.signals import post_delete, post_save, pre_save

from outreach.reports.indicators import STORED, WARD_PATHS

_state = threading.local()
BATCH = 5000
# One rebuild at a time on PostgreSQL (two app processes rebuilding the same ward or month
# would each delete only the rows they saw, and both insert): a transaction-level lock.
ADVISORY_LOCK = 74_2025


def _serialize() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])


def _rows_for(*, ward_ids=None, months=None) -> list:
    out = []
    for indicator in STORED:
        for row in indicator.source.rows(ward_ids=ward_ids, months=months):
            out.append((indicator.key, *row))
    return out


def _model(row):
    from outreach.reports.models import ReportRollup

    key, month, ward_id, club_id, campaign_id, organiser, breakdown, value = row
    return ReportRollup(
        indicator=key,
        breakdown=breakdown[:40],
        month=month,
        ward_id=ward_id,
        club_id=club_id,
        campaign_id=campaign_id,
        organiser=organiser or "",
        value=value,
    )


def _rebuild_totals(months=None) -> None:
    """Province totals of *months* (all months when None) from the detail rows."""
    from outreach.reports.models import ReportRollup

    detail = ReportRollup.objects.filter(is_total=False)
    totals = ReportRollup.objects.filter(is_total=True)
    if months is not None:
        months = sorted(months)
        detail = detail.filter(month__in=months)
        totals = totals.filter(month__in=months)
    totals.delete()
    sums = (
        detail.order_by()
        .values("indicator", "breakdown", "month")
        .annotate(total=Sum("value"))
        .values_list("indicator", "breakdown", "month", "total")
    )
    ReportRollup.objects.bulk_create(
        (
            ReportRollup(indicator=k, breakdown=b, month=m, value=v, is_total=True)
            for k, b, m, v in sums
            if v
        ),
        batch_size=BATCH,
    )


@transaction.atomic
def refresh_wards(ward_ids) -> int:
    """Rebuild the rows of *ward_ids* (None in it: records without a ward) and the totals
    of the months they touch. Returns the number of detail rows written."""
    from outreach.reports.models import ReportRollup

    ward_ids = set(ward_ids)
    if not ward_ids:
        return 0
    _serialize()
    old = ReportRollup.objects.filter(is_total=False)
    real = [pk for pk in ward_ids if pk is not None]
    scope = ReportRollup.objects.none()
    if real:
        scope = old.filter(ward_id__in=real)
    if None in ward_ids:
        scope = scope | old.filter(ward__isnull=True)
    months = set(scope.values_list("month", flat=True).distinct())
    scope.delete()
    rows = _rows_for(ward_ids=ward_ids)
    ReportRollup.objects.bulk_create((_model(row) for row in rows), batch_size=BATCH)
    months |= {row[1] for row in rows}
    if months:
        _rebuild_totals(months)
    return len(rows)


@transaction.atomic
def refresh_all() -> int:
    """Rebuild every row from the records (``manage.py refresh_rollups``)."""
    from outreach.reports.models import ReportRollup

    _serialize()
    ReportRollup.objects.all().delete()
    count = 0
    batch = []
    for row in _rows_for():
        batch.append(_model(row))
        if len(batch) >= BATCH:
            ReportRollup.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    ReportRollup.objects.bulk_create(batch)
    count += len(batch)
    _rebuild_totals()
    return count


def record_counts() -> dict:
    """How many records each counted model holds (to tell whether a load added any)."""
    return {label: apps.get_model(label)._default_manager.count() for label in WARD_PATHS}


# --- on write ------------------------------------------------------------------------------


def _pending() -> set:
    if not hasattr(_state, "pending"):
        _state.pending = set()
    return _state.pending


def _flush() -> None:
    wards = set(_pending())
    _pending().clear()
    if wards and not getattr(_state, "paused", False):
        refresh_wards(wards)


def mark_wards_changed(ward_ids) -> None:
    """Rebuild these wards' rows when the current transaction commits (now if none).

    Every write registers a callback; the first one to run rebuilds all the wards marked
    so far and the others find nothing left. Wards marked in a transaction that rolled
    back are rebuilt at the next commit: a rebuild is idempotent.
    """
    if getattr(_state, "paused", False):
        return
    _pending().update(ward_ids)
    transaction.on_commit(_flush)


@contextlib.contextmanager
def paused():
    """Skip on-write refreshes (bulk loads); call ``refresh_all`` afterwards."""
    previous = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous
        _pending().clear()


def _ward_of(instance, path):
    """The ward id of *instance* by its ORM path (``club__ward_id`` -> instance.club.ward_id)."""
    value = instance
    for part in path.split("__"):
        if value is None:
            return None
        try:
            value = getattr(value, part)
        except Exception:  # noqa: BLE001 - a related row already deleted
            return None
    return value


def _wards_of(instance, model_label, path) -> set:
    if model_label == "campaigns.Campaign":
        return set(instance.activities.values_list("ward_id", flat=True)) if instance.pk else set()
    if path is None:
        return {None}
    return {_ward_of(instance, path)} - {None} or set()


def _connect() -> None:
    for label, path in WARD_PATHS.items():
        model = apps.get_model(label)

        def before(sender, instance, _label=label, _path=path, raw=False, **kwargs):
            # The ward a record leaves when it moves (its old ward must be rebuilt too).
            # Raw saves (a database restored from a dump) bring their rollup rows with them.
            if not raw and instance.pk and _path and not _path.startswith(("case__", "meeting__")):
                old = sender._default_manager.filter(pk=instance.pk).values_list(_path, flat=True)
                instance._rollup_old_wards = set(old)

        def after(sender, instance, _label=label, _path=path, raw=False, **kwargs):
            if raw:
                return
            wards = _wards_of(instance, _label, _path) | getattr(
                instance, "_rollup_old_wards", set()
            )
            if wards:
                mark_wards_changed(wards)

        uid = f"rollups:{label}"
        pre_save.connect(before, sender=model, weak=False, dispatch_uid=uid + ":pre")
        post_save.connect(after, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(after, sender=model, weak=False, dispatch_uid=uid + ":delete")

    from clubs.signals import records_changed

    records_changed.connect(_records_changed, weak=False, dispatch_uid="rollups:clubs")


def _records_changed(sender, club_ids=None, **kwargs):
    """Clubs' bulk writes (attendance rows, imports) name the clubs they touched."""
    from clubs.models import Club

    if club_ids is None:
        transaction.on_commit(refresh_all)
        return
    mark_wards_changed(set(Club.objects.filter(pk__in=club_ids).values_list("ward_id", flat=True)))
