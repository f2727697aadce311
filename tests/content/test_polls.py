"""Polls: percentages after voting, one vote per browser, nothing about the voter."""

import pytest
from django.contrib.auth import get_user_model

from content.models import HomePage, PollPage, PollVote
from content.selectors import poll_results
from content.services import poll_vote_record
from content.views import VOTED_COOKIE
from tests.factories import PollPageFactory, QuizIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(demo):
    home = HomePage.objects.get(locale__language_code="vi")
    return PollPageFactory(parent=QuizIndexPageFactory(parent=home))


def _vote_url(poll):
    return f"/tham-do/{poll.pk}/binh-chon/"


def test_poll_page_is_a_plain_form_cacheable_for_everyone(client, poll):
    response = client.get(poll.url)
    html = response.content.decode()
    assert response["X-SW-Cache"] == "public"
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in html and "<script" not in html.replace(
        '<script src="/static/js/app.js"', ""
    )
    assert f'action="{_vote_url(poll)}"' in html
    assert html.count('type="radio" name="choice"') == 3
    assert "%" not in html.split("<main")[1].split("</main>")[0]  # no results before voting


def test_voting_shows_the_results_as_percentages(client, poll):
    for choice in ["yes", "yes", "no"]:
        PollVote.objects.create(poll=poll, choice_id=choice)
    response = client.post(_vote_url(poll), {"choice": "maybe"})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store" and "X-SW-Cache" not in response
    assert "Cảm ơn bạn, lượt bình chọn đã được ghi nhận." in html
    assert '<progress max="100" value="50">' in html
    assert '<progress max="100" value="25">' in html
    assert "Đến nay có 4 lượt bình chọn." in html
    assert " style=" not in html


def test_one_vote_per_browser(client, poll):
    first = client.post(_vote_url(poll), {"choice": "yes"})
    cookie = first.cookies[VOTED_COOKIE]
    assert cookie.value == str(poll.pk)
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    second = client.post(_vote_url(poll), {"choice": "no"})
    assert "đã bình chọn rồi" in second.content.decode()
    assert PollVote.objects.filter(poll=poll).count() == 1
    # Another browser (no cookie) counts.
    client.cookies.clear()
    client.post(_vote_url(poll), {"choice": "no"})
    assert PollVote.objects.filter(poll=poll).count() == 2


def test_the_cookie_remembers_several_polls_and_only_their_ids(client, poll):
    other = PollPageFactory(parent=poll.get_parent())
    client.post(_vote_url(poll), {"choice": "yes"})
    response = client.post(_vote_url(other), {"choice": "no"})
    assert response.cookies[VOTED_COOKIE].value == f"{poll.pk}.{other.pk}"


def test_a_vote_stores_the_answer_and_the_day_only(client, poll, login):
    login("communicator")
    client.post(_vote_url(poll), {"choice": "yes"}, REMOTE_ADDR="203.0.113.9")
    fields = {field.name for field in PollVote._meta.get_fields()}
    assert fields == {"id", "poll", "choice_id", "voted_on"}
    assert all(f.related_model is not get_user_model() for f in PollVote._meta.get_fields())
    vote = PollVote.objects.get()
    assert (vote.poll_id, vote.choice_id) == (poll.pk, "yes")


def test_an_unknown_answer_is_refused(client, poll):
    response = client.post(_vote_url(poll), {"choice": "forged"})
    assert response.status_code == 400
    assert not PollVote.objects.exists()
    assert VOTED_COOKIE not in response.cookies
    with pytest.raises(ValueError):
        poll_vote_record(poll=poll, choice_id="forged")


def test_getting_the_vote_url_goes_back_to_the_poll(client, poll):
    response = client.get(_vote_url(poll))
    assert response.status_code == 302 and response["Location"] == poll.url


def test_unpublished_poll_takes_no_votes(client, poll):
    poll.unpublish()
    assert client.post(_vote_url(poll), {"choice": "yes"}).status_code == 404


@pytest.mark.parametrize(
    ("votes", "percents"),
    [
        ({}, [0, 0, 0]),
        ({"yes": 1, "no": 1, "maybe": 1}, [34, 33, 33]),
        ({"yes": 2, "no": 1}, [67, 33, 0]),
        ({"yes": 1, "no": 1, "maybe": 4}, [17, 17, 66]),
    ],
)
def test_percentages_add_up_to_a_hundred(poll, votes, percents):
    for choice, count in votes.items():
        PollVote.objects.bulk_create(PollVote(poll=poll, choice_id=choice) for _ in range(count))
    results, total = poll_results(poll=poll)
    assert [row.percent for row in results] == percents
    assert total == sum(votes.values())


def test_demo_poll_is_under_the_quizzes(demo):
    poll = PollPage.objects.get(slug="tham-do-loi-moi-viec-lam")
    assert len(poll.choice_list) == 4
    assert poll.get_parent().slug == "trac-nghiem"
