"""The public statistics page: province totals only, and every figure about people at risk
below 5 shown as "< 5" (property tests over random data)."""

import datetime
import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clubs.models import Club
from outreach.cases.models import Agency, Case, Referral, Tip
from outreach.reports import rollups
from outreach.reports.indicators import BY_KEY
from outreach.reports.selectors import PUBLIC_KEYS, public_figures, suppress_small

PEOPLE = [key for key in PUBLIC_KEYS if BY_KEY[key].about_people_at_risk]


def test_suppression_by_hand():
    assert [suppress_small(n) for n in (0, 1, 4, 5, 6, 1234)] == [
        "< 5",
        "< 5",
        "< 5",
        "5",
        "6",
        "1.234",
    ]


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(PUBLIC_KEYS), st.integers(min_value=0, max_value=10**7)))
def test_every_public_figure_about_people_is_suppressed_below_five(totals):
    assert PEOPLE, "the public page has figures about people at risk"
    for figure in public_figures(totals):
        value = totals.get(figure.key, 0)
        if figure.about_people_at_risk and value < 5:
            assert figure.display == "< 5"
        else:
            assert int(figure.display.replace(".", "")) == value


def _shown(content: str) -> dict[str, str]:
    found = re.findall(
        r'data-indicator="([a-z_]+)".*?data-value>([^<]*)<', content, flags=re.DOTALL
    )
    return {key: html.unescape(value).strip() for key, value in found}


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_public_page_suppresses_small_counts_over_random_records(client, demo, data):
    """Random people at risk and referrals in 2019 (before the pilot: nothing else there)."""
    clubs = list(Club.objects.order_by("pk"))
    agency = Agency.objects.first()
    flagged = data.draw(st.integers(min_value=0, max_value=12), label="flagged")
    cases = []
    for n in range(flagged):
        club = data.draw(st.sampled_from(clubs), label="club")
        month = data.draw(st.integers(min_value=1, max_value=12), label="month")
        case = Case.objects.create(club=club, code=f"PT-2019-{n:03d}")
        Case.objects.filter(pk=case.pk).update(
            created_at=datetime.datetime(2019, month, 3, 9, tzinfo=datetime.UTC)
        )
        cases.append(case)
    referred = data.draw(st.integers(min_value=0, max_value=flagged), label="referred")
    for case in cases[:referred]:
        Referral.objects.create(
            case=case,
            agency=agency,
            received_on=datetime.date(2019, 12, 1),
            stage_on=datetime.date(2019, 12, 1),
        )
    sent = data.draw(st.integers(min_value=0, max_value=12), label="tips")
    tips = []
    for n in range(sent):
        club = data.draw(st.sampled_from(clubs), label="tip ward")
        tip = Tip.objects.create(code=f"T2019{n:04d}", ward=club.ward, text="…")
        Tip.objects.filter(pk=tip.pk).update(received_on=datetime.date(2019, 6, 1))
        tips.append(tip.pk)
    rollups.refresh_wards({club.ward_id for club in clubs})
    try:
        response = client.get("/thong-ke/?year=2019")
        assert response.status_code == 200
        shown = _shown(response.content.decode())
        expected = {"cases_flagged": flagged, "referrals_by_stage": referred, "tips_received": sent}
        for key in PEOPLE:
            value = expected[key]
            assert shown[key] == ("< 5" if value < 5 else str(value))
        # Nothing by club or ward: no breakdown to subtract one figure from another.
        for club in clubs:
            assert club.name not in response.content.decode()
    finally:
        Tip.objects.filter(pk__in=tips).delete()
        Referral.objects.filter(case__in=cases).delete()
        Case.objects.filter(pk__in=[case.pk for case in cases]).delete()
        rollups.refresh_wards({club.ward_id for club in clubs})
