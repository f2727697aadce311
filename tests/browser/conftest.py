"""Browser tests: Playwright driving Debian's Chromium at a 360x740 phone viewport.

Chromium is required: a missing browser fails the run instead of skipping it.
Each test starts from the demo data, committed (serialized rollback restores it after every
flush), and Django serves it from a thread of its own (`site_server`), which a test can stop to
make "offline" real: Playwright's set_offline does not cover the service worker's fetches.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.server import SiteServer

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("SAFEWARD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run `apt-get install -y chromium`.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "viewport": PHONE,
        "locale": "vi-VN",
        "service_workers": "allow",
    }


CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportCspViolation({
    page: location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: event.sourceFile + ":" + event.lineNumber,
  });
});
"""


@pytest.fixture(autouse=True)
def _demo_data_for_every_browser_test(demo):
    """Every browser test drives the site as `make run` serves it: on the demo data."""


@pytest.fixture(autouse=True)
def csp_violations(context):
    """Fail any browser test during which a page broke its Content Security Policy."""
    violations = []
    context.expose_binding(
        "__reportCspViolation", lambda _source, report: violations.append(report)
    )
    context.add_init_script(CSP_LISTENER)
    yield violations
    assert not violations, f"Content Security Policy violations: {violations}"


@pytest.fixture
def site_server(transactional_db, settings):
    """A Django server for this test only; `stop()` takes the site offline, `start()` back."""
    settings.ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
    server = SiteServer()
    server.start()
    yield server
    server.stop()


def wait_for_worker(page):
    """Wait until the service worker is active and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("!!navigator.serviceWorker.controller")


def fresh_demo_code(username: str) -> str:
    """The demo authenticator's current code, usable again by *username*.

    django-otp refuses a code twice (replay protection), and tests sign the same demo
    account in many times a minute; forgetting the last step used lets them.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from config.demo import demo_totp_code

    TOTPDevice.objects.filter(user__username=username).update(last_t=-1)
    return demo_totp_code()


def browser_login(page, base_url: str, username: str, password: str = "safeward-demo") -> None:
    """Sign in through the admin login form as a demo account, with its two-factor code."""
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.fill("#id_otp_token", fresh_demo_code(username))
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state("load")


def field_login(page, base_url: str, username: str, password: str = "safeward-demo") -> None:
    """Sign in through the field app's own login page (a leader on a phone)."""
    page.goto(base_url + "/field/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.fill("#id_otp_token", fresh_demo_code(username))
    page.locator("form.field-form button[type=submit]").click()
    page.wait_for_load_state("load")
