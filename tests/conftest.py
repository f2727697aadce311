"""Fixtures shared by the whole suite."""

import io
import os

import pytest
from django.core.management import call_command
from django.db import connections
from django.db.utils import ConnectionHandler
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

# Fuzz tests (tests/security/test_fuzz.py): a small profile by default and in CI, a larger
# one on demand: HYPOTHESIS_PROFILE=thorough make test. Examples share one test's database
# transaction (a function-scoped fixture), which the tests account for.
_FUZZ_HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
hypothesis_settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=_FUZZ_HEALTH, database=None
)
hypothesis_settings.register_profile(
    "thorough", max_examples=400, deadline=None, suppress_health_check=_FUZZ_HEALTH
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_SNAPSHOTS: dict = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """The test database as the migrations leave it (wards, agencies, home page, groups).

    Tests with serialized rollback (the browser tests) get the database's state back after
    each flush from a snapshot; once the demo data is loaded (``demo``) the snapshot holds it.
    Playwright's sync API runs those tests in a greenlet, which opens Django connection
    objects of its own, so every new connection object is handed the same snapshot.
    """
    create_connection = ConnectionHandler.create_connection

    def create_connection_with_snapshot(self, alias):
        connection = create_connection(self, alias)
        if alias in _SNAPSHOTS:
            connection._test_serialized_contents = _SNAPSHOTS[alias]
        return connection

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ConnectionHandler, "create_connection", create_connection_with_snapshot)
        yield


@pytest.fixture(scope="session")
def _demo_data(django_db_setup, django_db_blocker):
    """Load the demo data once, committed; each test that uses it rolls its changes back."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        for alias in connections:
            connection = connections[alias]
            if hasattr(connection, "_test_serialized_contents"):
                _SNAPSHOTS[alias] = connection.creation.serialize_db_to_string()
                connection._test_serialized_contents = _SNAPSHOTS[alias]


@pytest.fixture
def demo(_demo_data, db):
    """The demo data as `make run` loads it (accounts, pages, the pilot clubs, outreach).

    A test that needs it asks for this fixture, or for one built on it (``login``,
    ``cao_xanh``, ``records``...). Tests that do not ask run first, on a database holding
    only what the migrations create (see ``pytest_collection_modifyitems``), so a test that
    leans on the demo data without saying so fails instead of passing by luck.
    """


def _runs_in_a_transaction(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's order (database tests, then transactional ones, then the rest):
    among the database tests those without the demo data first, so they see none of it; among
    the transactional ones those with it first (the demo is loaded before any flush)."""

    from django.test import TestCase, TransactionTestCase

    def group(item):
        cls = getattr(item, "cls", None)
        if cls is not None and issubclass(cls, TransactionTestCase):
            uses_demo = "demo" in getattr(item, "fixturenames", ())
            return (0, uses_demo) if issubclass(cls, TestCase) else (1, not uses_demo)
        uses_db = item.get_closest_marker("django_db") is not None or "db" in item.fixturenames
        if _runs_in_a_transaction(item):
            return (1, "demo" not in item.fixturenames)
        if uses_db:
            return (0, "demo" in item.fixturenames)
        return (2, False)

    items.sort(key=group)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back rows must not live on in it."""
    from django.core.cache import caches

    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def login(client, demo):
    """Log the test client in as one of the demo accounts.

    Every test that needs a signed-in user goes through this one helper, so that a second
    login step (two-factor) has a single place to be completed in.
    """
    from django.contrib.auth import get_user_model
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _login(username):
        user = get_user_model().objects.get(username=username)
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            # The second step, as the login form does it after a valid code.
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
        return user

    return _login


@pytest.fixture
def cao_xanh(demo):
    """The demo club whose board the permission tests call "own" (``tests.accounts``)."""
    from clubs.models import Club

    return Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)


@pytest.fixture
def hung_thang(demo):
    from clubs.models import Club

    return Club.objects.get(ward__name="Hùng Thắng")


@pytest.fixture
def records(cao_xanh):
    """IDs of one demo record of each kind belonging to the Cao Xanh club (or any campaign)."""
    from outreach.campaigns.models import Activity, Campaign
    from outreach.cases.models import AuditEntry, Case, Referral
    from outreach.materials.models import Distribution, Panel

    case = Case.objects.filter(club=cao_xanh, personal_data_erased_at__isnull=True).first()
    referral = Referral.objects.filter(case__club=cao_xanh).exclude(stage="closed").first()
    return {
        "club": cao_xanh.pk,
        "case": case.pk,
        "follow_up": case.follow_ups.first().pk,
        "referral": referral.pk,
        "distribution": Distribution.objects.filter(club=cao_xanh).first().pk,
        "panel": Panel.objects.filter(club=cao_xanh).first().pk,
        "campaign": Campaign.objects.first().pk,
        "activity": Activity.objects.first().pk,
        "audit": AuditEntry.objects.first().pk,
    }
