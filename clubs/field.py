"""The field app's shared plumbing: what other apps add to it, and how their pages sign in and
take submissions.

The field app (``/field/``, one ``field`` URL namespace) belongs to clubs. Apps that depend
on clubs add to it by registering here from their ``AppConfig.ready()``, never by clubs
importing them:

- ``register_urls("outreach.cases.urls")``: their field pages, mounted under ``/field/``
  in the ``field`` namespace (``clubs.urls`` includes every registered module);
- ``register_club_link(...)``: a button in the "Outreach" section of a club's page, shown to
  the club's board and coordinators (and, with ``offline=True``, the form's empty copy is
  kept with the club page, so it opens with no signal);
- ``register_home_link(...)``: a button on the field home page.

``field_view`` is the sign-in of a field page that the outbox posts to; ``submit`` is the
outreach forms' adapter to the sync protocol (``config.sync``), kept as it was when the
outreach apps were split out (the field-sync issue replaces it with ``config.sync.submit_form``).
"""

import dataclasses
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from clubs.access import is_board_or_coordinator
from config import sync
from config.records import StaleEdit

# --- what other apps add to the field app ---------------------------------------------------

_URL_MODULES: list[str] = []


@dataclasses.dataclass(frozen=True)
class FieldLink:
    """A button on a field page: its label, the URL name it opens and who sees it.

    ``club``: the URL takes the club's id (``args=[club.pk]``); ``query`` is added to the URL
    (``?club={club}`` is filled in); ``shown(user=, club=)`` narrows who sees it (``club`` is
    None on the home page). ``online``: on the page as served with signal; ``offline``: the
    form's empty copy (``?shell=1``) is kept with the club page and offered on its offline
    copy, so it opens with no signal.
    """

    label: str
    url_name: str
    order: int = 50
    club: bool = False
    query: str = ""
    shown: Callable[..., bool] | None = None
    online: bool = True
    offline: bool = False

    def url(self, club=None) -> str:
        url = reverse(self.url_name, args=[club.pk] if self.club and club else [])
        if self.query:
            url += self.query.format(club=club.pk if club else "")
        return url

    def is_shown(self, *, user, club=None) -> bool:
        return self.shown is None or self.shown(user=user, club=club)


_CLUB_LINKS: list[FieldLink] = []
_HOME_LINKS: list[FieldLink] = []


def register_urls(module: str) -> None:
    """Mount the URL patterns of *module* (dotted path) under /field/ in the field namespace."""
    if module not in _URL_MODULES:
        _URL_MODULES.append(module)


def url_modules() -> list[str]:
    return list(_URL_MODULES)


def _register(links: list[FieldLink], link: FieldLink) -> None:
    if all(existing.url_name != link.url_name for existing in links):
        links.append(link)
        links.sort(key=lambda item: item.order)


def register_club_link(**kwargs) -> None:
    """A button on a club's page (``FieldLink`` fields as keywords)."""
    _register(_CLUB_LINKS, FieldLink(**kwargs))


def register_home_link(**kwargs) -> None:
    """A button on the field home page (``FieldLink`` fields as keywords)."""
    _register(_HOME_LINKS, FieldLink(**kwargs))


def club_links(*, user, club) -> list[dict]:
    """The buttons of *club*'s page that *user* may use: none unless they keep the club."""
    if not is_board_or_coordinator(user=user, club=club):
        return []
    return [
        {"label": link.label, "url": link.url(club), "online": link.online, "offline": link.offline}
        for link in _CLUB_LINKS
        if link.is_shown(user=user, club=club)
    ]


def home_links(*, user) -> list[dict]:
    """The buttons of the field home page that *user* may use."""
    return [
        {"label": link.label, "url": link.url(), "online": link.online, "offline": link.offline}
        for link in _HOME_LINKS
        if link.is_shown(user=user, club=None)
    ]


# --- signing in and submitting ----------------------------------------------------------------

field_login_required = login_required(login_url=reverse_lazy("field:login"))


def field_view(view):
    """Signed in (JSON clients get 401, the outbox keeps the item), else the field login.
    Error reports show neither the POST data nor the view's local variables."""
    view = sensitive_variables()(view)

    @sensitive_post_parameters()
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and not sync.wants_json(request):
            return field_login_required(view)(request, *args, **kwargs)
        return sync.sync_login_required(view)(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _error_dict(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in errors] for field, errors in error.message_dict.items()}
    return {"__all__": [str(message) for message in error.messages]}


def add_service_error(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: on its field when it names one, else on top."""
    for field, messages_ in _error_dict(error).items():
        form.add_error(field if field in form.fields else None, messages_)


def submit(
    request, *, kind, form_class, form_kwargs, save, done, template, context, shell_kwargs=None
):
    """GET: the empty form (with *shell_kwargs*, ``?shell=1`` is its copy for offline use).
    POST: one submission through the sync protocol.

    ``save(form, submission_uuid)`` calls a service; its ValidationError (no consent, stock
    too low, ...) comes back as form errors, nothing written; a StaleEdit is a 409.
    """
    if shell_kwargs is not None and sync.is_shell(request):
        form = form_class(**form_kwargs, **shell_kwargs)
        page = render(request, template, {**context, "form": form, "shell": True})
        return sync.shell_response(page)
    if request.method != "POST":
        return render(request, template, {**context, "form": form_class(**form_kwargs)})
    try:
        submission = sync.read_submission(request)
    except sync.SubmissionError as error:
        return sync.bad_submission(request, error)
    form = form_class(submission.data, submission.files, **form_kwargs)

    def apply(valid_form):
        try:
            return save(valid_form, submission.uuid)
        except StaleEdit as error:
            raise sync.SyncConflict("stale_version", message=error.messages[0]) from error

    def success(obj):
        messages.success(request, _("Saved."))
        return redirect(done(obj))

    def invalid():
        return render(request, template, {**context, "form": form}, status=200)

    def conflict(error):
        form.add_error(None, error.details.get("message") or _("Someone changed this first."))
        return render(request, template, {**context, "form": form}, status=409)

    try:
        return sync.respond(
            request,
            submission,
            kind=kind,
            form=form,
            save=apply,
            on_success=success,
            on_invalid=invalid,
            on_conflict=conflict,
        )
    except ValidationError as error:
        add_service_error(form, error)
        if sync.wants_json(request):
            body = {"uuid": str(submission.uuid or ""), "errors": sync.form_errors(form)}
            if submission.encrypted:
                body["values"] = submission.plain_values()
            return JsonResponse(body, status=400)
        return invalid()
