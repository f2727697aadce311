"""Retention: the purgers every app registers, run by one command (``manage.py purge``).

A purger is ``f(*, now, dry_run=False) -> dict[str, int]``: it removes what is past its
retention at *now* (nothing when *dry_run*) and returns, per label, how many rows or files it
removed (or would remove). Running it twice removes nothing the second time.

An app registers its purgers in its own ``retention.py`` with ``@register`` and imports that
module from its ``AppConfig.ready()``; config knows no app. The command prints each purger's
counts under its dotted name (``outreach.cases.retention.purge_closed_cases: ...``).
"""

import datetime
from collections.abc import Callable

from django.utils import timezone

Purger = Callable[..., dict[str, int]]

_PURGERS: dict[str, Purger] = {}


def register(purger: Purger) -> Purger:
    """Add *purger* to what ``manage.py purge`` runs (a decorator; registering twice is once)."""
    _PURGERS[f"{purger.__module__}.{purger.__qualname__}"] = purger
    return purger


def registered_purgers() -> list[tuple[str, Purger]]:
    """Every registered purger as ``(dotted name, function)``, in registration order."""
    return list(_PURGERS.items())


def run_purgers(
    *, now: datetime.datetime | None = None, dry_run: bool = False
) -> dict[str, dict[str, int]]:
    """Run every registered purger; return each one's counts under its dotted name."""
    now = now or timezone.now()
    return {name: purger(now=now, dry_run=dry_run) for name, purger in registered_purgers()}
