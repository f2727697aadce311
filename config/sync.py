"""The one sync protocol of every field form (and the public forms that work offline).

A form page carries no UUID: the browser's outbox makes one when the form opens, keeps the
submission encrypted on the phone and POSTs it to the form's own URL with
``Idempotency-Key: <uuid>`` and ``Accept: application/json``. Without JavaScript the same
URL takes a plain form POST. Answers to JSON clients:

- 201 ``{"uuid", "kind", "id", "received_at"}``: stored; 200 with the same body: a replay
  of the same content (nothing new is stored);
- 409 ``{"uuid", "conflict": …}``: the UUID was used for other content, or an edit was based
  on a stale version;
- 400 ``{"uuid", "errors": {field: [messages]}, "values": …}``: the form is invalid; the
  decrypted values go back to the session that owns the item so the form can reopen;
- 401 ``{"login_required": true}``: signed out (the phone keeps the item).

Each UUID is accepted once: ``SyncReceipt`` is unique on it and stores an HMAC of the
canonical decrypted content (fields and file hashes), so an encrypted replay (new IV, new
ciphertext) of the same content is recognised as the same.
"""

import base64
import dataclasses
import hashlib
import hmac
import json
import uuid as uuid_module
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables

from config import sync_crypto
from config.middleware import SW_CACHE_HEADER
from config.models import SyncReceipt

IDEMPOTENCY_HEADER = "Idempotency-Key"
UUID_FIELD = "client_uuid"
# Fields that describe the request rather than its content.
NOT_CONTENT = {"csrfmiddlewaretoken", UUID_FIELD}
MAX_ENVELOPE_BYTES = 40 * 1024 * 1024


class SubmissionError(Exception):
    """The request cannot be read as a submission (bad UUID, broken envelope)."""


class SyncConflict(Exception):
    """Raised by a save function when the submission may not be applied (stale edit)."""

    def __init__(self, conflict: str, **details):
        super().__init__(conflict)
        self.conflict = conflict
        self.details = details


@dataclasses.dataclass
class Submission:
    uuid: uuid_module.UUID | None
    data: QueryDict
    files: MultiValueDict
    encrypted: bool

    @property
    def content_hmac(self) -> str:
        """HMAC of the canonical content: field values in order, then file SHA-256s."""
        fields = {
            name: self.data.getlist(name)
            for name in sorted(self.data.keys())
            if name not in NOT_CONTENT
        }
        files = {
            name: [hashlib.sha256(_read(upload)).hexdigest() for upload in self.files.getlist(name)]
            for name in sorted(self.files.keys())
        }
        canonical = json.dumps({"fields": fields, "files": files}, sort_keys=True)
        key = hashlib.sha256(f"safeward-sync-receipt:{settings.SECRET_KEY}".encode()).digest()
        return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()

    def plain_values(self) -> dict:
        """Field values (never files) to hand back to the owner for correction."""
        return {name: self.data.getlist(name) for name in self.data if name not in NOT_CONTENT}


def _read(upload) -> bytes:
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    return content


def wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _parse_uuid(value: str | None) -> uuid_module.UUID | None:
    if not value:
        return None
    try:
        return uuid_module.UUID(str(value).strip())
    except ValueError as error:
        raise SubmissionError(_("The submission's identifier is not a valid UUID.")) from error


def aad_for(*, submission_uuid: uuid_module.UUID, user) -> bytes:
    """Additional authenticated data: an item is bound to its UUID and to its author."""
    author = str(user.pk) if getattr(user, "is_authenticated", False) else "anonymous"
    return f"{submission_uuid}:{author}".encode()


@sensitive_variables("plaintext", "payload", "data", "envelope", "files")
def read_submission(request: HttpRequest, *, public: bool = False) -> Submission:
    """Read a POST as a submission: an encrypted outbox envelope (JSON) or a plain form.

    *public* forms (a quiz attempt, a tip) are anonymous whoever sends them: their items are
    sealed for "anonymous" and stored without a user.
    """
    header_uuid = _parse_uuid(request.headers.get(IDEMPOTENCY_HEADER))
    content_type = request.content_type or ""
    if content_type == "application/json":
        if header_uuid is None:
            raise SubmissionError(_("An encrypted submission needs an Idempotency-Key header."))
        if len(request.body) > MAX_ENVELOPE_BYTES:
            raise SubmissionError(_("The submission is too large."))
        try:
            envelope = json.loads(request.body)
            author = None if public else request.user
            plaintext = sync_crypto.open_envelope(
                envelope, aad=aad_for(submission_uuid=header_uuid, user=author)
            )
            data, files = _payload_parts(json.loads(plaintext))
        except (ValueError, KeyError, TypeError, sync_crypto.EnvelopeError) as error:
            raise SubmissionError(_("The submission could not be read.")) from error
        return Submission(uuid=header_uuid, data=data, files=files, encrypted=True)
    form_uuid = _parse_uuid(request.POST.get(UUID_FIELD))
    return Submission(
        uuid=header_uuid or form_uuid, data=request.POST, files=request.FILES, encrypted=False
    )


SCALARS = (str, int, float, bool)


def _payload_parts(payload) -> tuple[QueryDict, MultiValueDict]:
    """The fields and files of a decrypted item; TypeError when it has another shape
    (``{"fields": {name: [value, ...]}, "files": {name: [{"name", "type", "data"}]}}``)."""
    if not isinstance(payload, dict):
        raise TypeError("payload")
    fields, uploads = payload.get("fields") or {}, payload.get("files") or {}
    if not isinstance(fields, dict) or not isinstance(uploads, dict):
        raise TypeError("fields or files")
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        if not isinstance(values, list) or not all(isinstance(v, SCALARS) for v in values):
            raise TypeError(name)
        data.setlist(str(name), [str(value) for value in values])
    files = MultiValueDict()
    for name, items in uploads.items():
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise TypeError(name)
        files.setlist(
            str(name),
            [
                SimpleUploadedFile(
                    str(item.get("name") or "file"),
                    base64.b64decode(str(item["data"]), validate=True),
                    content_type=str(item.get("type") or "application/octet-stream"),
                )
                for item in items
            ],
        )
    data._mutable = False
    return data, files


def receipt_body(receipt: SyncReceipt) -> dict:
    return {
        "uuid": str(receipt.uuid),
        "kind": receipt.kind,
        "id": receipt.object_id,
        "received_at": timezone.localtime(receipt.received_at).isoformat(),
    }


def _conflict(submission_uuid, conflict: str, **details) -> JsonResponse:
    return JsonResponse({"uuid": str(submission_uuid), "conflict": conflict, **details}, status=409)


def form_errors(form) -> dict:
    return {
        field: [str(message) for message in messages] for field, messages in form.errors.items()
    }


def respond(
    request: HttpRequest,
    submission: Submission,
    *,
    kind: str,
    form,
    save: Callable,
    on_success: Callable[[object], HttpResponse],
    on_invalid: Callable[[], HttpResponse],
    on_conflict: Callable[[SyncConflict], HttpResponse] | None = None,
    public: bool = False,
) -> HttpResponse:
    """Apply *submission* through *form* and *save* exactly once per UUID, and answer.

    ``save(form)`` writes the record(s) and returns the main object; it may raise
    ``SyncConflict`` or ``ValidationError``. ``on_success(obj)`` runs after every new save
    (its flash messages then greet the next page); a plain form POST gets its response, a
    JSON client the receipt. An invalid plain POST gets ``on_invalid()``.
    """
    json_client = wants_json(request)
    author = request.user if request.user.is_authenticated and not public else None
    digest = None
    if submission.uuid is not None:
        digest = submission.content_hmac
        existing = _receipt_of(submission)
        if existing is not None:
            return _replay(submission, existing, author, digest, json_client, on_success)
    if not form.is_valid():
        # A twin of this request (same UUID, sent again by a phone that never heard back)
        # may have been saved while this form was checked, and be why it fails now ("the
        # club already met that day"): then this is a replay, not a mistake.
        existing = _receipt_of(submission)
        if existing is not None:
            return _replay(submission, existing, author, digest, json_client, on_success)
        if json_client:
            return _invalid_json(submission, form)
        return on_invalid()
    try:
        with transaction.atomic():
            receipt = None
            if submission.uuid is not None:
                receipt = SyncReceipt.objects.create(
                    uuid=submission.uuid, kind=kind, user=author, content_hmac=digest
                )
            obj = save(form)
            if receipt is not None:
                receipt.attach(obj)
    except SyncConflict as conflict:
        if json_client or on_conflict is None:
            return _conflict(submission.uuid, conflict.conflict, **conflict.details)
        return on_conflict(conflict)
    except ValidationError as error:
        # A check that needs the database or the files (a photo that is not an image): the
        # form is invalid after all, and nothing was stored.
        existing = _receipt_of(submission)
        if existing is not None:
            return _replay(submission, existing, author, digest, json_client, on_success)
        form.add_error(None, error)
        if json_client:
            return _invalid_json(submission, form)
        return on_invalid()
    except IntegrityError:
        # Another request with this UUID won the race: answer as a replay of it.
        existing = _receipt_of(submission)
        if existing is None:
            raise
        return _replay(submission, existing, author, digest, json_client, on_success)
    page = on_success(obj)  # for JSON clients too: its messages greet the next page
    if json_client:
        return JsonResponse(receipt_body(receipt) if receipt else {"id": str(obj.pk)}, status=201)
    return page


def _receipt_of(submission: Submission) -> SyncReceipt | None:
    if submission.uuid is None:
        return None
    return SyncReceipt.objects.filter(uuid=submission.uuid).first()


def _invalid_json(submission: Submission, form) -> JsonResponse:
    body = {"uuid": str(submission.uuid or ""), "errors": form_errors(form)}
    if submission.encrypted:
        # Only the item's author can have sent it (the envelope is bound to them): give the
        # values back so the form reopens filled in, files included.
        body["values"] = submission.plain_values()
        body["files"] = {
            name: [
                {
                    "name": upload.name,
                    "type": upload.content_type,
                    "data": base64.b64encode(_read(upload)).decode(),
                }
                for upload in submission.files.getlist(name)
            ]
            for name in submission.files
        }
    return JsonResponse(body, status=400)


def submit_form(
    request: HttpRequest,
    *,
    kind: str,
    make_form: Callable[[Submission], object],
    save: Callable,
    on_success: Callable[[object], HttpResponse],
    on_invalid: Callable[[object], HttpResponse],
    on_conflict: Callable[[object, SyncConflict], HttpResponse] | None = None,
    public: bool = False,
) -> HttpResponse:
    """Handle a field form's POST, with or without JavaScript: the one entry point.

    ``make_form(submission)`` binds the form; ``save(form, submission)`` writes and returns
    the record (raising ``SyncConflict`` or ``ValidationError`` when it cannot);
    ``on_invalid(form)`` and ``on_conflict(form, conflict)`` render the page again for a
    plain POST.
    """
    # What the sensitive_post_parameters decorator does: every form sent through the sync
    # protocol (cases, members, tips...) is hidden whole from error reports.
    request.sensitive_post_parameters = "__ALL__"
    try:
        submission = read_submission(request, public=public)
        if wants_json(request) and submission.uuid is None:
            raise SubmissionError(_("Send the submission's UUID in the Idempotency-Key header."))
    except SubmissionError as error:
        if wants_json(request):
            return bad_submission(request, error)
        return HttpResponseBadRequest(str(error))
    form = make_form(submission)
    return respond(
        request,
        submission,
        kind=kind,
        form=form,
        save=lambda bound: save(bound, submission),
        on_success=on_success,
        on_invalid=lambda: on_invalid(form),
        on_conflict=(lambda conflict: on_conflict(form, conflict)) if on_conflict else None,
        public=public,
    )


def _replay(submission, receipt, author, digest, json_client, on_success):
    same_author = receipt.user_id == (author.pk if author is not None else None)
    if not same_author or not hmac.compare_digest(receipt.content_hmac, digest):
        if json_client:
            return _conflict(submission.uuid, "uuid_reused")
        return HttpResponse(_("This form was already sent with different content."), status=409)
    if json_client:
        return JsonResponse(receipt_body(receipt), status=200)
    obj = receipt.target()
    return on_success(obj)


def sync_login_required(view=None, *, login_url=None):
    """Like login_required, but JSON clients get 401 ``{"login_required": true}``.

    Use bare (``@sync_login_required``) or with the page to send people to
    (``sync_login_required(login_url=...)``).
    """

    def decorate(view):
        @sensitive_post_parameters()
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if wants_json(request):
                return JsonResponse({"login_required": True}, status=401)
            return redirect_to_login(request.get_full_path(), login_url or settings.LOGIN_URL)

        return wrapper

    return decorate(view) if view is not None else decorate


def bad_submission(request: HttpRequest, error: SubmissionError) -> JsonResponse:
    """400 for a request that is not a readable submission (it names its UUID if it had one)."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    return JsonResponse({"uuid": key, "errors": {"__all__": [str(error)]}}, status=400)


def is_shell(request: HttpRequest) -> bool:
    """``?shell=1``: the empty form the service worker keeps for offline use."""
    return request.method == "GET" and request.GET.get("shell") == "1"


def shell_response(response: HttpResponse) -> HttpResponse:
    """Mark an empty form with no personal data, no CSRF token and no UUID as a shell: the
    one response kind (with published pages) the service worker keeps."""
    response[SW_CACHE_HEADER] = "shell"
    return response


def public_key_view(request: HttpRequest) -> JsonResponse:
    """The key phones encrypt outbox items to (public, cacheable by the worker as a shell)."""
    return shell_response(JsonResponse(sync_crypto.current_public_key()))


def csrf_token_view(request: HttpRequest) -> JsonResponse:
    """A fresh CSRF token, fetched by the outbox before each drain."""
    from django.middleware.csrf import get_token

    return JsonResponse({"csrfToken": get_token(request), "userId": _user_id(request)})


def _user_id(request: HttpRequest) -> str:
    return str(request.user.pk) if request.user.is_authenticated else "anonymous"
