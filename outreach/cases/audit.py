"""The audit trail of at-risk people: one row for every view, list, search and export.

``audit_log`` is the only writer. A row names who (user id and username), in which role,
what (an action and, for one case, its id and pseudonymous code), when and from where (the
client address and the page's path); never a name, phone, note or search text.
"""

import dataclasses

from django.http import HttpRequest

from clubs.access import access_role
from outreach.cases.models import AuditEntry, Case


@dataclasses.dataclass(frozen=True)
class Actor:
    """Who acts and from where: taken from the request once, handed to services."""

    user: object
    ip_address: str | None = None
    path: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> "Actor":
        return cls(
            user=request.user,
            ip_address=request.META.get("REMOTE_ADDR") or None,
            path=request.path[:300],
        )


def audit_log(
    *, actor: Actor, action: str, case: Case | None = None, club=None, detail: str = ""
) -> AuditEntry:
    """Append one audit row (the only way rows are written)."""
    user = actor.user
    authenticated = bool(user and user.is_authenticated)
    if case is not None:
        club = case.club
    return AuditEntry.objects.create(
        user_id_ref=user.pk if authenticated else None,
        username=user.get_username() if authenticated else "",
        role=_role(user, club, authenticated),
        action=action,
        case_ref=case.pk if case is not None else None,
        case_code=case.code if case is not None else "",
        detail=detail[:200],
        path=actor.path,
        ip_address=actor.ip_address,
    )


def _role(user, club, authenticated: bool) -> str:
    if authenticated:
        return access_role(user=user, club=club)
    # No user at all: the app itself (a scheduled purge), not a visitor.
    return "system" if user is None else "anonymous"


def audit_request(request: HttpRequest, *, action: str, case=None, club=None, detail=""):
    """``audit_log`` for the user and address of *request*."""
    return audit_log(
        actor=Actor.from_request(request), action=action, case=case, club=club, detail=detail
    )
