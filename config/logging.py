"""No personal data in logs or error reports.

``RedactPersonalData`` is a logging filter set on every handler in ``settings.LOGGING``: it
renders each record's message once, replaces the values of known personal fields, form and
request bodies (QueryDict reprs, url-encoded bodies) and Vietnamese phone / ID numbers, and
stores the result back on the record, so every handler after it (and test capture) sees the
redacted text. Tracebacks are redacted the same way.

``SafeExceptionReporterFilter`` (settings.DEFAULT_EXCEPTION_REPORTER_FILTER) hides the same
fields in the admins' error e-mail, whether or not the view was marked with
``sensitive_post_parameters``; ``SafeExceptionReporter`` also hides query strings (a search
for a name is personal data).
"""

import logging
import re

from django.views.debug import ExceptionReporter
from django.views.debug import SafeExceptionReporterFilter as DjangoFilter

REDACTED = "[redacted]"

# Field and variable names that hold personal data (cases, members, tips, sign-in).
PERSONAL_NAMES = (
    "full_name",
    "name",
    "phone",
    "id_number",
    "address",
    "notes",
    "note",
    "birth_year",
    "residential_area",
    "email",
    "message",
    "description",
    "q",
    "password",
    "otp_token",
)
_NAMES = "|".join(sorted(PERSONAL_NAMES, key=len, reverse=True))
PERSONAL_NAME = re.compile(rf"(?:^|_)(?:{_NAMES})(?:$|_)", re.IGNORECASE)

# key=value / "key": "value" / 'key': ['value'] pairs whose key is a personal field.
_KEY_VALUE = re.compile(
    rf"""(?P<key>["']?\b(?:\w+_)?(?:{_NAMES})\b["']?\s*(?:=|:)\s*)"""
    r"""(?P<value>\[[^\]]*\]|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^&,;}\n]+?(?=\s+[\w.-]+\s*[=:]|[&,;}\n]|$))""",
    re.IGNORECASE | re.MULTILINE,
)
# Whole form bodies: QueryDict reprs and MultiValueDicts.
_QUERYDICT = re.compile(r"<(QueryDict|MultiValueDict): \{.*?\}>", re.DOTALL)
# Vietnamese phone numbers (0xx or +84, 9-11 digits, spaces/dots/dashes allowed) and
# 9- or 12-digit ID numbers.
_PHONE = re.compile(r"(?<![\w])(?:\+84[ .-]?|0)\d(?:[ .-]?\d){7,10}(?![\w])")
_ID_NUMBER = re.compile(r"(?<!\d)\d{9}(?:\d{3})?(?!\d)")


def redact(text: str) -> str:
    """*text* with personal values replaced by ``[redacted]``."""
    if not text:
        return text
    text = _QUERYDICT.sub(lambda m: f"<{m.group(1)}: {REDACTED}>", text)
    text = _KEY_VALUE.sub(lambda m: f"{m.group('key')}{REDACTED}", text)
    text = _PHONE.sub(REDACTED, text)
    return _ID_NUMBER.sub(REDACTED, text)


class RedactPersonalData(logging.Filter):
    """Redact each record in place (message, arguments, traceback); never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_safeward_redacted", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        record._safeward_redacted = True
        return True


class SafeExceptionReporterFilter(DjangoFilter):
    """Django's filter, plus: personal fields are hidden in POST data and in local variables
    everywhere, and settings named like a personal field too."""

    # Django's list, plus the query string (a search for a name) and database URLs.
    hidden_settings = re.compile(
        r"API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|QUERY_STRING|DATABASE_URL|DSN",
        flags=re.IGNORECASE,
    )

    def get_post_parameters(self, request):
        params = super().get_post_parameters(request)
        if not params or not self.is_active(request):
            return params
        cleansed = params.copy()
        for key in cleansed:
            if PERSONAL_NAME.search(key):
                cleansed[key] = self.cleansed_substitute
        return cleansed

    def get_traceback_frame_variables(self, request, tb_frame):
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        return [
            (name, self.cleansed_substitute if PERSONAL_NAME.search(name) else value)
            for name, value in variables
        ]


class SafeExceptionReporter(ExceptionReporter):
    """Error reports without query strings (``?q=<a name>``) or the exception message's
    personal values."""

    def get_traceback_data(self):
        data = super().get_traceback_data()
        if self.request is not None:
            data["request_insecure_uri"] = self.request.build_absolute_uri(self.request.path)
        if self.request is not None and self.request.GET:
            data["request_GET_items"] = [(key, REDACTED) for key in self.request.GET]
        if data.get("exception_value"):
            data["exception_value"] = redact(str(data["exception_value"]))
        return data
