"""The public tip form ("Báo tin / Cần giúp đỡ"): anonymous, with or without JavaScript,
online or through the offline outbox (``config.sync``, sealed for "anonymous")."""

from django.conf import settings
from django.core import signing
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from config.middleware import SW_CACHE_HEADER
from config.sync import IDEMPOTENCY_HEADER, submit_form, wants_json
from outreach.cases import tips
from outreach.cases.forms import TipForm

SENT_SALT = "safeward.tip.sent"
SENT_MAX_AGE = 60 * 60


def _error_json(request, message: str, *, status: int) -> JsonResponse:
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    return JsonResponse({"uuid": key, "errors": {"__all__": [message]}}, status=status)


def _form_page(request, form, *, status: int = 200, error: str = ""):
    response = render(request, "cases/tip_form.html", {"form": form, "error": error}, status=status)
    return response


def too_large_message() -> str:
    return _("The tip is too long. Please shorten it, or call 111 or 18001769.")


def rate_limited_message() -> str:
    return _(
        "Too many tips were sent from this connection in the last hour. Please try again "
        "later, or call 111 or 18001769 now."
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def tip_form(request):
    """GET: the empty form, the same for everyone (no token, no UUID, nothing personal), so
    the worker keeps it as a shell and it opens offline. POST: one tip (sync protocol).

    Exempt from CSRF like the quiz answers: the page is cached for everyone and carries no
    token, and a tip acts for no one. The sender's address is used only for the rate limit,
    hashed with a secret into a cache key, never stored or logged.
    """
    if request.method == "GET":
        response = _form_page(request, TipForm())
        response[SW_CACHE_HEADER] = "shell"
        return response
    json_client = wants_json(request)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > settings.SAFEWARD_TIP_MAX_BYTES:
        if json_client:
            return _error_json(request, too_large_message(), status=400)
        return _form_page(request, TipForm(), status=400, error=too_large_message())
    if tips.tip_rate_exceeded(request.META.get("REMOTE_ADDR", "")):
        if json_client:
            # Not a 400: the outbox keeps the tip and sends it again later.
            response = _error_json(request, rate_limited_message(), status=429)
        else:
            response = _form_page(
                request, TipForm(request.POST), status=429, error=rate_limited_message()
            )
        response["Retry-After"] = str(settings.SAFEWARD_TIP_RATE_LIMIT[1])
        return response

    def save(form, submission):
        data = form.cleaned_data
        return tips.tip_create(
            text=data["text"],
            ward=data["ward"],
            when=data["when"],
            contact=data["contact"],
            may_contact=data["may_contact"],
            client_uuid=submission.uuid,
        )

    def on_success(tip):
        token = signing.dumps(tip.code, salt=SENT_SALT)
        return redirect(reverse("tips:sent") + "?ref=" + token)

    return submit_form(
        request,
        kind=tips.SYNC_KIND,
        public=True,
        make_form=lambda submission: TipForm(submission.data),
        save=save,
        on_success=on_success,
        on_invalid=lambda form: _form_page(request, form, status=400),
    )


@require_GET
def tip_sent(request):
    """The thank-you page: the hotlines and the reference code (from a signed, short-lived
    token in the address, so no one can make the site show a code it never gave)."""
    try:
        code = signing.loads(request.GET.get("ref", ""), salt=SENT_SALT, max_age=SENT_MAX_AGE)
    except signing.BadSignature as error:
        raise Http404 from error
    return render(request, "cases/tip_sent.html", {"code": code})
