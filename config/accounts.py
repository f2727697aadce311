"""Staff sign-in: two-factor login, session lifetime and the account pages that manage them.

Who must use a second factor: everyone who can see personal data (superusers, coordinators
and club board members). They sign in with username, password and a six-digit code from
an authenticator app (django-otp TOTP) or a one-time recovery code (django-otp static). A
password alone never gives them a usable session: until the session is verified every
request is sent to the code page (or to enrolment, for an account that has no app yet).
"""

import base64
import time
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views import View
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

RECOVERY_CODE_COUNT = 10
SESSION_AUTH_AT = "safeward_auth_at"
WAIT_MESSAGE = _("Too many wrong codes in a row. Wait a few seconds, then type the newest code.")

# Requests an unverified staff session may still make: the account pages themselves,
# signing out, and the files every page needs.
UNVERIFIED_ALLOWED_PREFIXES = (
    "/account/",
    "/en/account/",
    "/admin/logout/",
    "/field/logout/",
    "/en/field/logout/",
    "/static/",
    "/sw.js",
    "/manifest.json",
    "/offline/",
)


# Who must sign in with two factors: a rule per role that can see personal data, registered
# by the app that knows the role (``register_two_factor_rule``); superusers always.
_TWO_FACTOR_RULES: list = []


def register_two_factor_rule(rule) -> None:
    """Require a second factor of every user for whom ``rule(user)`` is true (the clubs app
    registers coordinators and club boards)."""
    if rule not in _TWO_FACTOR_RULES:
        _TWO_FACTOR_RULES.append(rule)


def requires_two_factor(user) -> bool:
    """True for accounts that can see personal data and so must sign in with two factors:
    superusers and whoever a registered rule names (coordinators, club leaders, secretaries)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or any(rule(user) for rule in _TWO_FACTOR_RULES)


def has_confirmed_device(user) -> bool:
    return any(True for _device in devices_for_user(user, confirmed=True))


def device_for_token(user, token: str):
    """The device a typed code is meant for: six digits are the app, anything else a
    recovery code. Choosing first means a wrong code counts against one device only."""
    token = token.replace(" ", "")
    model = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    return model.objects.filter(user=user, confirmed=True).first()


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _login_required_json(**extra):
    return JsonResponse({"login_required": True, **extra}, status=401)


class LoginForm(OTPAuthenticationFormMixin, WagtailLoginForm):
    """Wagtail's login form with the authentication code on the same page.

    An account with an authenticator app must give a valid code; accounts without one (for
    instance communicators, who see no personal data) leave the field empty.
    """

    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        help_text=_("Six digits from your authenticator app, or a recovery code."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "placeholder": "123456",
            }
        ),
    )

    error_messages = {
        **WagtailLoginForm.error_messages,
        "invalid_login": _("Your username and password didn't match. Please try again."),
    }
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the six-digit code from your authenticator app."),
        "invalid_token": _("That code is not right, or has expired. Try the newest one."),
    }

    def get_invalid_login_error(self):
        return forms.ValidationError(self.error_messages["invalid_login"], code="invalid_login")

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and has_confirmed_device(user):
            self.clean_otp(user)
        return cleaned_data

    def _chosen_device(self, user):
        return device_for_token(user, self.cleaned_data.get("otp_token") or "")


@receiver(user_logged_in, dispatch_uid="safeward-auth-at")
def _remember_sign_in_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_AUTH_AT] = int(time.time())


class SessionLifetimeMiddleware:
    """Sign a user out once the absolute session lifetime has passed, however active.

    The idle timeout is the session cookie age, renewed on every request
    (``SESSION_SAVE_EVERY_REQUEST``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SESSION_AUTH_AT)
            limit = settings.SAFEWARD_SESSION_ABSOLUTE_SECONDS
            if signed_in_at is None or time.time() - signed_in_at > limit:
                logout(request)
                if _wants_json(request):
                    return _login_required_json()
                messages.info(request, _("Your session has ended. Please sign in again."))
                return redirect(f"{reverse('wagtailadmin_login')}?next={request.path}")
        return self.get_response(request)


class TwoFactorRequiredMiddleware:
    """Keep an unverified staff session away from everything but the account pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()
            and requires_two_factor(user)
            and not request.path.startswith(UNVERIFIED_ALLOWED_PREFIXES)
        ):
            if _wants_json(request):
                return _login_required_json(two_factor_required=True)
            target = "account:two_factor_verify"
            if not has_confirmed_device(user):
                target = "account:two_factor_setup"
            return redirect(f"{reverse(target)}?next={request.path}")
        return self.get_response(request)


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def _new_recovery_codes(user) -> list[str]:
    """Replace the user's recovery codes with a fresh set and return them (shown once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Authentication code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


@method_decorator(login_required, name="dispatch")
class TwoFactorSetupView(View):
    """Add an authenticator app: scan the code, type one code back, keep the recovery codes."""

    template_name = "account/two_factor_setup.html"

    def _pending_device(self, user) -> TOTPDevice:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)

    def _render(self, request, form, device, status=200):
        secret = base64.b32encode(device.bin_key).decode()
        context = {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - our own SVG
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "has_device": has_confirmed_device(request.user),
            "next": _safe_next(request, ""),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        if has_confirmed_device(request.user) and not request.user.is_verified():
            return redirect(f"{reverse('account:two_factor_verify')}?next={request.path}")
        return self._render(request, CodeForm(), self._pending_device(request.user))

    def post(self, request):
        if has_confirmed_device(request.user) and not request.user.is_verified():
            return redirect("account:two_factor_verify")
        device = self._pending_device(request.user)
        form = CodeForm(request.POST)
        if not device.verify_is_allowed()[0]:
            form.add_error(None, WAIT_MESSAGE)
            return self._render(request, form, device, status=429)
        if form.is_valid() and device.verify_token(form.cleaned_data["otp_token"].strip()):
            TOTPDevice.objects.filter(user=request.user, confirmed=True).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = _new_recovery_codes(request.user)
            return render(
                request,
                "account/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request, reverse("wagtailadmin_home"))},
            )
        form.add_error("otp_token", _("That code is not right. Type the code the app shows now."))
        return self._render(request, form, device, status=400)


@method_decorator(login_required, name="dispatch")
class TwoFactorVerifyView(View):
    """Second step for a signed-in session that has not given its code yet."""

    template_name = "account/two_factor_verify.html"

    def get(self, request):
        return render(
            request, self.template_name, {"form": CodeForm(), "next": _safe_next(request, "")}
        )

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["otp_token"].replace(" ", "")
            device = device_for_token(request.user, token)
            if device is not None and not device.verify_is_allowed()[0]:
                form.add_error(None, WAIT_MESSAGE)
            elif device is not None and device.verify_token(token):
                otp_login(request, device)
                return HttpResponseRedirect(_safe_next(request, reverse("wagtailadmin_home")))
            else:
                form.add_error("otp_token", LoginForm.otp_error_messages["invalid_token"])
        context = {"form": form, "next": _safe_next(request, "")}
        return render(request, self.template_name, context, status=400)


@method_decorator(login_required, name="dispatch")
class RecoveryCodesView(View):
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""

    def post(self, request):
        if not request.user.is_verified():
            return redirect("account:two_factor_verify")
        codes = _new_recovery_codes(request.user)
        return render(
            request,
            "account/recovery_codes.html",
            {"codes": codes, "next": reverse("account:two_factor_setup")},
        )
