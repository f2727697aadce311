"""The field app: club leaders and secretaries on their phones.

Views stay thin: every object comes through ``clubs.access.visible_clubs`` (another club's
record is a 404), reads through ``clubs.selectors``, writes through ``clubs.services``.
Every page is for a signed-in user, so the cache policy middleware marks it ``no-store``.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clubs import selectors, services
from clubs.access import can_manage_club, can_see_sensitive_members, visible_clubs
from clubs.forms import MeetingForm, MemberForm
from clubs.models import Meeting, MeetingPhoto, Member
from config import accounts

field_login_required = login_required(login_url=reverse_lazy("field:login"))


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
    if not can_manage_club(user=request.user, club=club):
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
    """My club: the next meeting due, the last meetings, the members."""
    club = _club(request, pk)
    members = list(selectors.club_members(club=club))
    for member in members:
        member.membership = selectors.current_membership(member)
    context = {
        "club": club,
        "ward_now": selectors.ward_as_of(ward=club.ward, on=timezone.localdate()),
        "due": selectors.meeting_due(club=club),
        "meetings": selectors.club_meetings(club=club)[:10],
        "members": members,
        "show_sensitive": can_see_sensitive_members(user=request.user, club=club),
    }
    return render(request, "clubs/field/club.html", context)


def _meeting_form(request, **form_kwargs) -> tuple[MeetingForm, bool]:
    """The meeting form for this request, and whether it is valid and to be saved."""
    if request.method != "POST":
        return MeetingForm(**form_kwargs), False
    if "mark_all" in request.POST:
        return _mark_all_present(request, **form_kwargs), False
    form = MeetingForm(request.POST, request.FILES, **form_kwargs)
    return form, form.is_valid()


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


def _render_meeting_form(request, form, club, meeting=None):
    if form.is_bound and form.errors and request.FILES:
        messages.warning(request, _("Please choose the photos again."))
    return render(
        request,
        "clubs/field/meeting_form.html",
        {"form": form, "club": club, "meeting": meeting},
    )


@field_login_required
def meeting_create(request, pk):
    """Log a meeting: date, kind, topics, who was there, photos."""
    club = _managed_club(request, pk)
    roster = selectors.club_roster(club=club)
    form, ready = _meeting_form(request, club=club, roster=roster, instance=Meeting(club=club))
    if ready:
        try:
            meeting = services.meeting_create(
                club=club,
                created_by=request.user,
                client_uuid=form.cleaned_data["client_uuid"],
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form.add_error("photos", error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting.club)
    return _render_meeting_form(request, form, club)


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
        "can_edit": meeting.is_editable() and can_manage_club(user=request.user, club=meeting.club),
    }
    return render(request, "clubs/field/meeting.html", context)


@field_login_required
def meeting_edit(request, pk):
    """Correct a meeting within 7 days of logging it."""
    meeting = selectors.meeting_detail(meeting_id=pk, clubs=visible_clubs(user=request.user))
    club = meeting.club
    if not can_manage_club(user=request.user, club=club):
        raise Http404
    if not meeting.is_editable():
        messages.error(
            request,
            _("A meeting can be corrected for %(days)s days after it was logged.")
            % {"days": Meeting.EDITABLE_DAYS},
        )
        return redirect(meeting)
    roster = list(selectors.club_roster(club=club, on=meeting.held_on))
    recorded = [row.member for row in meeting.attendances.all()]
    roster += [member for member in recorded if member not in roster]
    form, ready = _meeting_form(request, club=club, roster=roster, instance=meeting)
    if ready:
        try:
            services.meeting_update(
                meeting=meeting,
                version=form.cleaned_data["version"] or 0,
                remove_photo_ids=[int(pk) for pk in form.cleaned_data["remove_photos"]],
                **form.service_kwargs(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was updated."))
            return redirect(meeting)
    return _render_meeting_form(request, form, club, meeting)


@field_login_required
def member_create(request, pk):
    """Add a person to the club's member register."""
    club = _managed_club(request, pk)
    form_kwargs = {"club": club, "user": request.user, "instance": Member(club=club)}
    form = MemberForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        services.member_create(club=club, created_by=request.user, **form.service_kwargs())
        messages.success(request, _("The member was added."))
        return redirect(club)
    return render(request, "clubs/field/member_form.html", {"form": form, "club": club})


@field_login_required
def member_edit(request, pk):
    """Correct a member's details, board role, or record that they left."""
    member = get_object_or_404(
        Member.objects.filter(club__in=visible_clubs(user=request.user)).select_related("club"),
        pk=pk,
    )
    club = member.club
    if not can_manage_club(user=request.user, club=club):
        raise Http404
    membership = member.memberships.order_by("-joined_on", "-pk").first()
    form = MemberForm(
        request.POST or None, club=club, user=request.user, instance=member, membership=membership
    )
    if request.method == "POST" and form.is_valid():
        services.member_update(member=member, **form.service_kwargs())
        messages.success(request, _("The member was updated."))
        return redirect(club)
    return render(
        request, "clubs/field/member_form.html", {"form": form, "club": club, "member": member}
    )


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
