"""The field app: club leaders and secretaries on their phones.

Views stay thin: every object comes through ``clubs.access.visible_clubs`` (another club's
record is a 404), reads through ``clubs.selectors``, writes through ``clubs.services``.
Every page is for a signed-in user, so the cache policy middleware marks it ``no-store``.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clubs import selectors, services
from clubs.access import is_board_or_coordinator, visible_clubs
from clubs.field import field_login_required
from clubs.forms import MeetingForm, MemberForm
from clubs.models import Meeting, MeetingPhoto, Member
from config import accounts, sync
from config.records import StaleEdit
from config.sync import SyncConflict, submit_form, sync_login_required, wants_json

# Views the outbox posts to: a JSON client that is signed out gets 401, not the login page.
field_sync_login_required = sync_login_required(login_url=reverse_lazy("field:login"))


class LoginView(auth_views.LoginView):
    """The field app's own login page, made for a phone (password and two-factor code)."""

    template_name = "clubs/field/login.html"
    authentication_form = accounts.LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("field:home")


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only) and come back to the field login page."""

    next_page = reverse_lazy("field:login")


def _club(request, pk):
    return get_object_or_404(visible_clubs(user=request.user).select_related("ward"), pk=pk)


def _managed_club(request, pk):
    club = _club(request, pk)
    if not is_board_or_coordinator(user=request.user, club=club):
        raise Http404
    return club


@field_login_required
@require_GET
def home(request):
    """The clubs the user works for; straight to the club page when there is one."""
    clubs = list(
        selectors.clubs_with_meeting_status(visible_clubs(user=request.user).select_related("ward"))
    )
    if len(clubs) == 1:
        return redirect(clubs[0])
    rows = [{"club": club, "due": selectors.meeting_due(club=club)} for club in clubs]
    return render(request, "clubs/field/home.html", {"rows": rows})


@field_login_required
@require_GET
def club_detail(request, pk):
    """My club: the next meeting due, the last meetings, the members.

    ``?shell=1`` is the same page without them (the club's name and its forms only): the
    copy the phone keeps to open the club offline.
    """
    club = _club(request, pk)
    if _is_shell(request):
        context = {"club": club, "shell": True}
        return _shell_response(render(request, "clubs/field/club.html", context))
    members = list(selectors.club_members(club=club))
    for member in members:
        member.membership = selectors.current_membership(member)
    context = {
        "club": club,
        "ward_now": selectors.ward_as_of(ward=club.ward, on=timezone.localdate()),
        "due": selectors.meeting_due(club=club),
        "meetings": selectors.club_meetings(club=club)[:10],
        "members": members,
        "show_sensitive": is_board_or_coordinator(user=request.user, club=club),
    }
    return render(request, "clubs/field/club.html", context)


_is_shell = sync.is_shell  # ``?shell=1``: the empty form the worker keeps for offline use
_shell_response = sync.shell_response


def _mark_all_present(request, **kwargs) -> MeetingForm:
    """The no-JavaScript "mark all present" button: the same form again, everyone ticked."""
    form = MeetingForm(**kwargs)
    for name in form.fields:
        if name in ("present", "photos", "remove_photos"):
            continue
        if name in request.POST:
            form.initial[name] = request.POST.get(name)
    form.initial["present"] = [value for value, _label in form.fields["present"].choices]
    form.initial["remove_photos"] = request.POST.getlist("remove_photos")
    return form


def _render_meeting_form(request, form, club, meeting=None, *, as_shell=False, status=200):
    if form.is_bound and form.errors and request.FILES:
        messages.warning(request, _("Please choose the photos again."))
    context = {"form": form, "club": club, "meeting": meeting, "shell": as_shell}
    return render(request, "clubs/field/meeting_form.html", context, status=status)


def _conflict_page(render_form):
    """Without JavaScript a conflict is shown on the form again, with the reason."""

    def on_conflict(form, conflict):
        form.add_error(None, conflict.details.get("message") or str(conflict))
        return render_form(form)

    return on_conflict


@field_sync_login_required
def meeting_create(request, pk):
    """Log a meeting: date, kind, topics, who was there, photos (also offline)."""
    club = _managed_club(request, pk)
    form_kwargs = {"club": club, "instance": Meeting(club=club)}
    if _is_shell(request):
        form = MeetingForm(roster=[], **form_kwargs)
        # A kept copy's "today" would be the day it was kept: the phone fills it in (field.js).
        form.initial["held_on"] = None
        form.fields["held_on"].widget.attrs["data-today-if-empty"] = ""
        return _shell_response(_render_meeting_form(request, form, club, as_shell=True))
    roster = selectors.club_roster(club=club)
    if request.method != "POST":
        return _render_meeting_form(request, MeetingForm(roster=roster, **form_kwargs), club)
    if "mark_all" in request.POST:
        form = _mark_all_present(request, roster=roster, **form_kwargs)
        return _render_meeting_form(request, form, club)

    def save(form, submission):
        return services.meeting_create(
            club=club,
            created_by=request.user,
            client_uuid=submission.uuid or form.cleaned_data["client_uuid"],
            **form.service_kwargs(),
        )

    def on_success(meeting):
        messages.success(request, _("The meeting was saved."))
        return redirect(club)

    return submit_form(
        request,
        kind="meeting",
        make_form=lambda sub: MeetingForm(sub.data, sub.files, roster=roster, **form_kwargs),
        save=save,
        on_success=on_success,
        on_invalid=lambda form: _render_meeting_form(request, form, club),
    )


@field_login_required
@require_GET
def meeting_detail(request, pk):
    """One meeting: what was done, who came, the photos."""
    meeting = selectors.meeting_detail(meeting_id=pk, clubs=visible_clubs(user=request.user))
    attendances = sorted(meeting.attendances.all(), key=lambda row: row.member.sort_name)
    context = {
        "meeting": meeting,
        "club": meeting.club,
        "present": [row.member for row in attendances if row.present],
        "absent": [row.member for row in attendances if not row.present],
        "can_edit": meeting.is_editable()
        and is_board_or_coordinator(user=request.user, club=meeting.club),
    }
    return render(request, "clubs/field/meeting.html", context)


@field_sync_login_required
def meeting_edit(request, pk):
    """Correct a meeting within 7 days of logging it (refused if it changed meanwhile)."""
    meeting = selectors.meeting_detail(meeting_id=pk, clubs=visible_clubs(user=request.user))
    club = meeting.club
    if not is_board_or_coordinator(user=request.user, club=club):
        raise Http404
    if not meeting.is_editable() and not wants_json(request):
        messages.error(
            request,
            _("A meeting can be corrected for %(days)s days after it was logged.")
            % {"days": Meeting.EDITABLE_DAYS},
        )
        return redirect(meeting)
    roster = list(selectors.club_roster(club=club, on=meeting.held_on))
    recorded = [row.member for row in meeting.attendances.all()]
    roster += [member for member in recorded if member not in roster]
    form_kwargs = {"club": club, "roster": roster, "instance": meeting}

    def render_form(form, status=200):
        return _render_meeting_form(request, form, club, meeting, status=status)

    if request.method != "POST":
        return render_form(MeetingForm(**form_kwargs))
    if "mark_all" in request.POST:
        return render_form(_mark_all_present(request, **form_kwargs))

    def save(form, submission):
        try:
            return services.meeting_update(
                meeting=meeting,
                version=form.cleaned_data["version"] or 0,
                remove_photo_ids=[int(pk) for pk in form.cleaned_data["remove_photos"]],
                **form.service_kwargs(),
            )
        except StaleEdit as error:
            raise SyncConflict(
                "stale_version", message=error.messages[0], current_version=meeting.version
            ) from error
        except services.EditWindowClosed as error:
            raise SyncConflict("edit_window_closed", message=error.messages[0]) from error

    def on_success(updated):
        messages.success(request, _("The meeting was updated."))
        return redirect(meeting)

    return submit_form(
        request,
        kind="meeting_edit",
        make_form=lambda sub: MeetingForm(sub.data, sub.files, **form_kwargs),
        save=save,
        on_success=on_success,
        on_invalid=render_form,
        on_conflict=_conflict_page(render_form),
    )


def _render_member_form(request, form, club, member=None, *, as_shell=False, status=200):
    context = {"form": form, "club": club, "member": member, "shell": as_shell}
    return render(request, "clubs/field/member_form.html", context, status=status)


@field_sync_login_required
def member_create(request, pk):
    """Add a person to the club's member register (also offline)."""
    club = _managed_club(request, pk)
    form_kwargs = {"club": club, "user": request.user, "instance": Member(club=club)}
    if _is_shell(request):
        form = MemberForm(**form_kwargs)
        return _shell_response(_render_member_form(request, form, club, as_shell=True))
    if request.method != "POST":
        return _render_member_form(request, MemberForm(**form_kwargs), club)

    def save(form, submission):
        data = form.service_kwargs()
        data["client_uuid"] = submission.uuid or data.get("client_uuid")
        return services.member_create(club=club, created_by=request.user, **data)

    def on_success(member):
        messages.success(request, _("The member was added."))
        return redirect(club)

    return submit_form(
        request,
        kind="member",
        make_form=lambda sub: MemberForm(sub.data, **form_kwargs),
        save=save,
        on_success=on_success,
        on_invalid=lambda form: _render_member_form(request, form, club),
    )


@field_sync_login_required
def member_edit(request, pk):
    """Correct a member's details, board role, or record that they left."""
    member = get_object_or_404(
        Member.objects.filter(club__in=visible_clubs(user=request.user)).select_related("club"),
        pk=pk,
    )
    club = member.club
    if not is_board_or_coordinator(user=request.user, club=club):
        raise Http404
    membership = member.memberships.order_by("-joined_on", "-pk").first()
    form_kwargs = {"club": club, "user": request.user, "instance": member, "membership": membership}
    if request.method != "POST":
        return _render_member_form(request, MemberForm(**form_kwargs), club, member)

    def on_success(updated):
        messages.success(request, _("The member was updated."))
        return redirect(club)

    return submit_form(
        request,
        kind="member_edit",
        make_form=lambda sub: MemberForm(sub.data, **form_kwargs),
        save=lambda form, submission: services.member_update(
            member=member, **form.service_kwargs()
        ),
        on_success=on_success,
        on_invalid=lambda form: _render_member_form(request, form, club, member),
    )


@field_sync_login_required
@require_GET
def club_roster(request, pk):
    """The names a meeting form needs offline, fetched with the session, never cached.

    The outbox keeps it on the phone until sign-out; it holds names only (no phone,
    no category).
    """
    club = _managed_club(request, pk)
    members = [
        {"id": member.pk, "name": member.full_name} for member in selectors.club_roster(club=club)
    ]
    return JsonResponse({"club": club.pk, "members": members})


@field_sync_login_required
@require_GET
def outbox(request):
    """What waits on this phone: a shell filled from IndexedDB, so it opens offline too."""
    return _shell_response(render(request, "clubs/field/outbox.html", {"shell": True}))


@field_login_required
@require_GET
def meeting_photo(request, pk):
    """A meeting photo, only for those who may see the club, never cached."""
    photo = get_object_or_404(
        MeetingPhoto.objects.filter(meeting__club__in=visible_clubs(user=request.user)), pk=pk
    )
    response = FileResponse(photo.file.open("rb"), content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
