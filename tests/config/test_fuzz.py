"""Fuzzing (hypothesis) every form and the sync endpoint: random Unicode, huge inputs, bad
dates, bad UUIDs, wrong JSON types and broken envelopes never give a 500, and a rejected
submission writes nothing (row counts unchanged).

Profiles (tests/conftest.py): "ci" by default, HYPOTHESIS_PROFILE=thorough for more.
"""

import base64
import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from clubs.forms import MeetingForm, MemberForm
from clubs.models import Attendance, Club, Meeting, Member, Membership
from config import sync
from config.models import SyncReceipt
from config.sync_crypto import current_public_key, seal_envelope
from content.forms import QuizAnswerForm
from content.models import PollPage, PollVote, QuizAnswer, QuizAttempt, QuizPage
from outreach.campaigns.forms import ActivityForm
from outreach.campaigns.models import Activity, Campaign
from outreach.cases.forms import CaseForm, ConsentForm, FollowUpForm, ReferralForm, ReferralStepForm
from outreach.cases.models import Agency, Case, Consent, FollowUp, Referral, ReferralStep
from outreach.materials.forms import DistributionForm
from outreach.materials.models import Distribution, Material, Panel

pytestmark = pytest.mark.django_db

WATCHED = [
    SyncReceipt,
    Case,
    Consent,
    FollowUp,
    Referral,
    ReferralStep,
    Distribution,
    Activity,
    Material,
    Agency,
    Panel,
    Meeting,
    Attendance,
    Member,
    Membership,
    QuizAttempt,
    QuizAnswer,
    PollVote,
]


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


ENVELOPE_KEYS = ["v", "kid", "alg", "iv", "key", "ciphertext", "data", "wrapped_key"]


def _counts() -> dict:
    return {model.__name__: model._base_manager.count() for model in WATCHED}


# --- values --------------------------------------------------------------------------------

UNICODE = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
HUGE = st.sampled_from(["Ạ", "9", "x ", "\x00", "🦺"]).flatmap(
    lambda unit: st.integers(min_value=300, max_value=60_000).map(lambda n: unit * n)
)
BAD_DATES = st.sampled_from(
    [
        "31/02/2025",
        "2025-02-31",
        "00/00/0000",
        "13/13/2025",
        "01/01/0001",
        "31/12/9999",
        "01/01/10000",
        "1/1/-1",
        "２０２５-０１-０１",
        "",
    ]
)
BAD_UUIDS = st.one_of(
    UNICODE,
    st.sampled_from(["not-a-uuid", "0" * 33, "{" + "0" * 32 + "}", "g" * 32, "\x00", "-1"]),
)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
).map(str)
VALUE = st.one_of(UNICODE, HUGE, BAD_DATES, BAD_UUIDS, NUMBERS)


def form_data(names, good=None):
    """Any subset of *names*, each a random value or list (sometimes a plausible value)."""
    good = good or {}

    def field(name):
        options = [VALUE, st.lists(VALUE, max_size=3)]
        if name in good:
            options.insert(0, st.just(good[name]))
        return st.one_of(*options)

    return st.fixed_dictionaries({}, optional={name: field(name) for name in names})


# --- fixtures ------------------------------------------------------------------------------


def _fresh_meeting(club) -> Meeting:
    """A meeting logged just now (meetings can be corrected for a few days only)."""
    meeting = Meeting.objects.filter(club=club).order_by("-held_on").first()
    Meeting.objects.filter(pk=meeting.pk).update(created_at=timezone.now())
    return meeting


@pytest.fixture
def place(demo):
    club = Club.objects.get(ward__name="Cao Xanh", ward__valid_to__isnull=False)
    case = Case.objects.filter(club=club, personal_data_erased_at__isnull=True).first()
    referral = Referral.objects.filter(case__club=club).exclude(stage="closed").first()
    return {
        "club": club.pk,
        "case": case.pk,
        "referral": referral.pk,
        "member": club.members.first().pk,
        "meeting": _fresh_meeting(club).pk,
        "campaign": Campaign.objects.first().pk,
    }


def _names(form_class, *extra):
    return [*form_class.base_fields, "client_uuid", *extra]


FIELD_FORMS = {
    "meeting": (
        "/field/clubs/{club}/meetings/new/",
        _names(MeetingForm),
        {"held_on": "02/01/2025", "kind": "regular", "topics": "Luật 2024"},
    ),
    "member": (
        "/field/clubs/{club}/members/new/",
        _names(MemberForm),
        {"full_name": "Lê Văn Tư", "category": "resident", "phone": "0912345678"},
    ),
    "case": (
        "/field/clubs/{club}/cases/new/",
        _names(CaseForm, "consents"),
        {"target_group": "at_risk", "consents": ["follow_up"], "full_name": "Vũ Thị Năm"},
    ),
    "follow_up": (
        "/field/cases/{case}/follow-ups/new/",
        _names(FollowUpForm),
        {"done_on": "01/02/2025", "method": "phone", "outcome": "stable"},
    ),
    "referral": (
        "/field/cases/{case}/referrals/new/",
        _names(ReferralForm),
        {"received_on": "01/02/2025", "support_types": ["legal"]},
    ),
    "consent": (
        "/field/cases/{case}/consent/",
        _names(ConsentForm),
        {"action": "give", "purpose": "reporting", "on": "01/02/2025"},
    ),
    "distribution": (
        "/field/clubs/{club}/distributions/new/",
        _names(DistributionForm, "handed_on"),
        {"quantity": "3", "channel": "meeting"},
    ),
    "referral_step": (
        "/field/referrals/{referral}/step/",
        _names(ReferralStepForm),
        {"stage": "verified", "reached_on": "01/02/2025"},
    ),
    "member_edit": (
        "/field/members/{member}/edit/",
        _names(MemberForm, "version"),
        {"full_name": "Lê Văn Tư", "category": "resident"},
    ),
    "meeting_edit": (
        "/field/meetings/{meeting}/edit/",
        _names(MeetingForm),
        {"kind": "regular", "topics": "Luật 2024"},
    ),
    "activity": (
        "/field/campaigns/{campaign}/activities/new/",
        _names(ActivityForm),
        {"title": "Tuyên truyền", "held_on": "01/02/2025", "kind": "talk"},
    ),
}
# Who fills each form in (the club's leader, campaign staff for activities).
FORM_USERS = {"activity": "campaigns"}


@pytest.mark.parametrize("kind", list(FIELD_FORMS))
def test_field_forms_never_fail_or_half_write(client, login, place, kind):
    url, names, good = FIELD_FORMS[kind]
    url = url.format(**place)
    login(FORM_USERS.get(kind, "leader-cao-xanh"))
    assert client.get(url).status_code == 200

    @given(data=form_data(names, good))
    def check(data):
        before = _counts()
        response = client.post(url, data)
        assert response.status_code < 500, (data, response.status_code)
        if response.status_code != 302:  # not accepted: nothing may have been written
            assert _counts() == before, data

    check()


@pytest.mark.parametrize("kind", ["case", "follow_up", "meeting"])
def test_the_sync_endpoint_survives_broken_requests(client, login, place, kind):
    """Raw bodies, broken JSON, wrong envelope shapes, bad Idempotency-Keys."""
    url = FIELD_FORMS[kind][0].format(**place)
    login("leader-cao-xanh")
    json_values = st.recursive(
        st.none() | st.booleans() | NUMBERS | UNICODE,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(UNICODE, inner, max_size=3),
        max_leaves=8,
    )
    # Envelope-shaped objects, sometimes naming the server's real key (so decryption runs).
    real_kid = current_public_key()["kid"]
    envelope_like = st.fixed_dictionaries(
        {},
        optional={
            **dict.fromkeys(ENVELOPE_KEYS, json_values),
            "kid": st.one_of(st.just(real_kid), json_values),
            "v": st.one_of(st.just(1), json_values),
            "key": st.one_of(st.binary(max_size=400).map(_b64), json_values),
            "iv": st.one_of(st.binary(min_size=12, max_size=12).map(_b64), json_values),
            "data": st.one_of(st.binary(max_size=100).map(_b64), json_values),
        },
    )
    bodies = st.one_of(
        UNICODE,
        HUGE,
        json_values.map(json.dumps),
        envelope_like.map(json.dumps),
        st.binary(max_size=200).map(lambda raw: raw.decode("latin-1")),
    )
    keys = st.one_of(st.uuids().map(str), BAD_UUIDS, st.just(None))

    @given(body=bodies, key=keys)
    def check(body, key):
        headers = {"HTTP_ACCEPT": "application/json"}
        if key is not None:
            headers["HTTP_IDEMPOTENCY_KEY"] = key
        before = _counts()
        response = client.post(url, data=body, content_type="application/json", **headers)
        assert response.status_code in (400, 409), (body[:200], key, response.status_code)
        assert "errors" in response.json() or "conflict" in response.json()
        assert _counts() == before

    check()


@pytest.mark.parametrize("kind", ["case", "follow_up", "member"])
def test_sealed_envelopes_with_wrong_types_never_fail_or_half_write(client, login, place, kind):
    """Correctly encrypted items whose content is of the wrong shape or type."""
    url, names, good = FIELD_FORMS[kind]
    url = url.format(**place)
    user = login("leader-cao-xanh")
    scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), VALUE)
    wrong_values = st.one_of(
        st.lists(scalar, max_size=3),
        scalar,
        st.dictionaries(UNICODE, scalar, max_size=2),
    )
    fields = st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(
                st.just([good[name]]) if name in good else VALUE.map(lambda v: [v]), wrong_values
            )
            for name in names
        },
    )
    files = st.one_of(
        st.none(),
        st.lists(scalar, max_size=2),
        st.dictionaries(
            st.sampled_from(["photo", "file"]),
            st.lists(
                st.dictionaries(st.sampled_from(["name", "type", "data"]), scalar), max_size=2
            ),
            max_size=1,
        ),
    )
    payloads = st.one_of(
        st.fixed_dictionaries({"fields": fields}, optional={"files": files}),
        wrong_values,
    )

    @given(payload=payloads, item=st.uuids())
    def check(payload, item):
        envelope = seal_envelope(
            json.dumps(payload).encode(), aad=sync.aad_for(submission_uuid=item, user=user)
        )
        before = _counts()
        response = client.post(
            url,
            data=json.dumps(envelope),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=str(item),
            HTTP_ACCEPT="application/json",
        )
        assert response.status_code in (201, 400, 409), (payload, response.status_code)
        if response.status_code != 201:
            assert _counts() == before, payload

    check()


ADMIN_FORMS = {
    "/admin/outreach/cases/new/": (
        ["club", "full_name", "phone", "id_number", "address", "notes", "birth_year", "sex"]
        + ["ethnicity", "target_group", "risk_factors", "legal_status", "status"]
        + ["next_follow_up_on", "assigned_member"],
        {"target_group": "at_risk", "status": "open"},
    ),
    "/admin/outreach/materials/new/": (
        ["kind", "title", "language", "stock", "document"],
        {"kind": "leaflet", "title": "Tờ rơi"},
    ),
    "/admin/outreach/distributions/new/": (
        ["material", "quantity", "ward", "club", "handed_on", "channel"],
        {"quantity": "2", "channel": "meeting"},
    ),
    "/admin/clubs/members/new/": (
        ["club", "full_name", "category", "phone", "residential_area"],
        {"category": "resident"},
    ),
}


@pytest.mark.parametrize("url", list(ADMIN_FORMS))
def test_admin_create_forms_never_fail_or_half_write(client, login, demo, url):
    names, good = ADMIN_FORMS[url]
    login("coordinator")
    assert client.get(url).status_code == 200

    # Admin pages are heavy to render: a third of the profile's examples (at least 8).
    @settings(max_examples=max(8, settings.default.max_examples // 3))
    @given(data=form_data(names, good))
    def check(data):
        before = _counts()
        response = client.post(url, data)
        assert response.status_code < 500, (data, response.status_code)
        if response.status_code != 302:
            assert _counts() == before, data

    check()


@pytest.mark.parametrize("url", ["/admin/login/", "/field/login/"])
def test_login_forms_never_fail_or_sign_anyone_in(client, demo, url):
    usernames = st.one_of(VALUE, st.sampled_from(["coordinator", "leader-cao-xanh", ""]))

    @given(
        data=st.fixed_dictionaries(
            {"username": usernames}, optional={"password": VALUE, "otp_token": VALUE, "next": VALUE}
        )
    )
    def check(data):
        response = client.post(url, data)
        assert response.status_code in (200, 400, 403, 429), (data, response.status_code)
        assert "_auth_user_id" not in client.session

    check()


def test_two_factor_verify_form_never_fails(client, demo):
    client.force_login(get_user_model().objects.get(username="coordinator"))

    @given(data=form_data(["otp_token", "next"]))
    def check(data):
        response = client.post("/account/two-factor/verify/", data)
        assert response.status_code < 500, data

    check()


def test_public_quiz_poll_and_search_never_fail(client, demo):
    quiz = QuizPage.objects.live().first()
    poll = PollPage.objects.live().first()
    quiz_url = reverse("content:quiz_answers", args=[quiz.pk])
    poll_url = reverse("content:poll_vote", args=[poll.pk])
    quiz_names = list(QuizAnswerForm(quiz=quiz).fields)

    @given(
        quiz_data=form_data(quiz_names),
        vote=form_data(["choice"]),
        query=form_data(["q", "page", "type"]),
    )
    def check(quiz_data, vote, query):
        before = _counts()
        response = client.post(quiz_url, quiz_data)
        assert response.status_code < 500, quiz_data
        if response.status_code >= 400:
            assert _counts() == before
        client.cookies.clear()  # one vote per browser: each example is a new browser
        before = _counts()
        response = client.post(poll_url, vote)
        assert response.status_code < 500, vote
        if response.status_code >= 400:
            assert _counts() == before
        response = client.get(reverse("content:search"), query)
        assert response.status_code < 500, query

    check()


def test_field_form_uuid_reuse_with_other_content_writes_nothing(client, login, place):
    """A replayed UUID with different content is a conflict, never a second record."""
    login("leader-cao-xanh")
    url = f"/field/cases/{place['case']}/follow-ups/new/"
    item = str(uuid.uuid4())
    data = {"done_on": "01/02/2025", "method": "phone", "outcome": "stable", "client_uuid": item}
    assert client.post(url, data).status_code == 302
    before = _counts()
    assert client.post(url, {**data, "note": "khác"}).status_code == 409
    assert _counts() == before


def test_public_tip_form_never_fails_or_half_writes(client, demo, settings):
    """The anonymous tip form: any text, any ward, any size, never a 500 or a stray row."""
    from outreach.cases.forms import TipForm
    from outreach.cases.models import Tip

    settings.SAFEWARD_TIP_RATE_LIMIT = (10_000, 3600)  # the fuzzing is not the abuse
    url = reverse("tips:form")

    @given(data=form_data(list(TipForm().fields)))
    def check(data):
        before = Tip.objects.count(), _counts()
        response = client.post(url, data)
        assert response.status_code < 500, data
        if response.status_code >= 400 or response.status_code == 200:
            # Refused, or shown again with its errors: nothing stored.
            assert (Tip.objects.count(), _counts()) == before

    check()
