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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo data once into the test database; each test rolls its changes back.

    Tests with serialized rollback (the browser tests) get this state back after each
    flush. Playwright's sync API runs them in a greenlet, which opens Django connection
    objects of its own, so every new connection object is handed the same snapshot.
    """
    snapshots = {}
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
        for alias in connections:
            connection = connections[alias]
            if hasattr(connection, "_test_serialized_contents"):
                snapshots[alias] = connection.creation.serialize_db_to_string()
                connection._test_serialized_contents = snapshots[alias]

    create_connection = ConnectionHandler.create_connection

    def create_connection_with_snapshot(self, alias):
        connection = create_connection(self, alias)
        if alias in snapshots:
            connection._test_serialized_contents = snapshots[alias]
        return connection

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ConnectionHandler, "create_connection", create_connection_with_snapshot)
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rolled-back rows must not live on in it."""
    from django.core.cache import caches

    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def demo(db):
    """The demo data as `make run` loads it (already in the database, see above)."""


@pytest.fixture
def login(client):
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
