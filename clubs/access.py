"""Who may see which club: the one place that answers it.

Records are scoped by club, not by ward (since 2025 two pilot clubs share one ward).

- coordinators (staff group ``coordinator``) and superusers: every club;
- leaders and secretaries (``ClubRole``): their own club or clubs;
- communicators, campaign staff, plain club members and anonymous visitors: none, so they
  see no member's personal data anywhere.

Every field view, admin listing and ``get_object``, form choice list, export and import
goes through ``visible_clubs``. A record of a club that is not visible is "not found"
(404), never "forbidden", so guessing IDs tells nothing.

One predicate per rule: ``visible_clubs`` (which clubs), ``is_board_or_coordinator`` (personal
data of a club: sensitive members, at-risk people, keeping its records, its reports),
``can_override_referral_consent`` (leaders and coordinators only). Campaign staff are the
campaigns app's (``outreach.campaigns.access``).
"""

from django.db.models import QuerySet

from clubs.models import Club, ClubRole
from config.roles import COORDINATOR

_CACHE = "_safeward_club_access"


def _cached(user, key, compute):
    """Remember answers on the user object for the length of a request."""
    cache = getattr(user, _CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE, cache)
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def is_coordinator(user) -> bool:
    """A provincial coordinator (or superuser): sees every club."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return _cached(user, "coordinator", lambda: user.groups.filter(name=COORDINATOR).exists())


def board_club_ids(user) -> frozenset[int]:
    """IDs of the clubs where *user* is a leader or secretary."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    return _cached(
        user,
        "board",
        lambda: frozenset(
            ClubRole.objects.filter(user=user, role__in=ClubRole.BOARD).values_list(
                "club_id", flat=True
            )
        ),
    )


def visible_clubs(*, user) -> QuerySet[Club]:
    """The clubs whose members and meetings *user* may see."""
    if is_coordinator(user):
        return Club.objects.all()
    ids = board_club_ids(user)
    if not ids:
        return Club.objects.none()
    return Club.objects.filter(pk__in=ids)


def club_board_role(*, user, club) -> str | None:
    """``leader`` or ``secretary`` if *user* is on *club*'s board in the app, else None."""
    if club is None or club.pk not in board_club_ids(user):
        return None
    return _cached(
        user,
        f"role:{club.pk}",
        lambda: ClubRole.objects.filter(user=user, club=club).values_list("role", flat=True)[0],
    )


def is_board_or_coordinator(*, user, club=None) -> bool:
    """Is *user* a coordinator, or on the board (leader, secretary) of *club* (of any club
    when *club* is None)?

    The one rule behind everything personal in a club: members' phones and sensitive
    categories, at-risk people, keeping the member register and logging meetings, the
    reports. Communicators, campaign staff, plain members and other clubs' boards get none of
    it, not even a count.
    """
    if is_coordinator(user):
        return True
    if club is None:
        return bool(board_club_ids(user))
    return club.pk in board_club_ids(user)


def is_club_board(user) -> bool:
    """Leader or secretary of at least one club (what the admin and field app need)."""
    return bool(board_club_ids(user))


def can_override_referral_consent(*, user, club) -> bool:
    """May *user* refer a person without recorded referral consent (with a written reason)?
    Coordinators and the club's leader; secretaries may not."""
    return is_coordinator(user) or club_board_role(user=user, club=club) == ClubRole.Role.LEADER


def access_role(*, user, club=None) -> str:
    """The role *user* acts in, for audit rows: coordinator, leader, secretary, or other."""
    if is_coordinator(user):
        return "coordinator"
    if club is not None:
        return club_board_role(user=user, club=club) or "other"
    roles = (
        set(
            ClubRole.objects.filter(user=user, role__in=ClubRole.BOARD).values_list(
                "role", flat=True
            )
        )
        if board_club_ids(user)
        else set()
    )
    if roles:
        return ClubRole.Role.LEADER if ClubRole.Role.LEADER in roles else ClubRole.Role.SECRETARY
    return "other"
