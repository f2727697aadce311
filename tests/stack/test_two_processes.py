"""Two app processes, one PostgreSQL, one Redis, one bucket: what a user does on one
process holds on the other (see conftest.py for the stack)."""

import base64
import json
import re
import threading
import uuid

import boto3
import requests

from config.demo import demo_totp_code
from config.page_cache import HIT_HEADER
from config.sync_crypto import seal_envelope
from tests.factories import make_jpeg


def sign_in(base: str, username: str) -> requests.Session:
    """Sign in through the field app's login page, password and two-factor code."""
    session = requests.Session()
    page = session.get(f"{base}/field/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{base}/field/login/",
        data={
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": "safeward-demo",
            "otp_token": demo_totp_code(),
        },
        allow_redirects=False,
    )
    assert answer.status_code == 302, answer.text[-2000:]
    return session


def test_a_login_on_one_process_holds_on_the_other(stack):
    first, second = stack.urls
    session = sign_in(first, "leader-hung-thang")
    home = session.get(f"{second}/field/")
    assert home.status_code == 200
    assert "/login/" not in home.url
    assert "Hùng Thắng" in home.text
    # Signing out on the second process ends the session on the first too.
    token = session.get(f"{second}/sync/csrf/").json()["csrfToken"]
    session.post(f"{second}/field/logout/", headers={"X-CSRFToken": token})
    assert "/field/login/" in session.get(f"{first}/field/").url


def test_a_publish_purges_the_cached_page_in_every_process(stack):
    first, second = stack.urls
    slug_row = stack.sql(
        "SELECT p.url_path FROM wagtailcore_page p JOIN content_articlepage a "
        "ON a.page_ptr_id = p.id JOIN wagtailcore_locale l ON l.id = p.locale_id "
        "WHERE p.live AND l.language_code = 'vi' ORDER BY p.id LIMIT 1"
    )
    path = "/" + slug_row[0][0].strip("/").split("/", 1)[1] + "/"
    assert requests.get(first + path, timeout=30).headers[HIT_HEADER] == "miss"
    assert requests.get(second + path, timeout=30).headers[HIT_HEADER] == "hit"

    stack.manage(
        "shell",
        "-c",
        "from content.models import ArticlePage\n"
        f"page = ArticlePage.objects.get(url_path__endswith={path!r})\n"
        "page.title = 'Tin sửa trên máy chủ khác'\n"
        "page.save_revision().publish()\n",
    )
    fresh = requests.get(second + path, timeout=30)
    assert fresh.headers[HIT_HEADER] == "miss"
    assert "Tin sửa trên máy chủ khác" in fresh.text
    again = requests.get(first + path, timeout=30)
    assert again.headers[HIT_HEADER] == "hit"
    assert "Tin sửa trên máy chủ khác" in again.text


def test_one_submission_sent_to_both_processes_is_kept_once(stack):
    first, second = stack.urls
    session = sign_in(second, "leader-cao-xanh")
    club_id = stack.sql(
        "SELECT c.id FROM clubs_club c JOIN clubs_clubrole r ON r.club_id = c.id "
        "JOIN auth_user u ON u.id = r.user_id WHERE u.username = 'leader-cao-xanh'"
    )[0][0]
    public_key = requests.get(f"{first}/sync/key/", timeout=30).json()
    item = uuid.uuid4()
    photo = base64.b64encode(make_jpeg(size=(640, 480)).getvalue()).decode()
    plain = {
        "fields": {
            "held_on": ["03/01/2026"],
            "kind": ["monthly"],
            "topics": ["Họp gửi hai lần từ một điện thoại"],
            "place": ["Nhà văn hóa khu 3"],
            "guests_count": ["0"],
            "materials": [""],
            "minutes": [""],
        },
        "files": {"photos": [{"name": "hop.jpg", "type": "image/jpeg", "data": photo}]},
    }
    answers = []

    def send(base):
        token = session.get(f"{base}/sync/csrf/").json()
        envelope = seal_envelope(
            json.dumps(plain).encode(),
            aad=f"{item}:{token['userId']}".encode(),
            public_key=public_key,
        )
        answers.append(
            session.post(
                f"{base}/field/clubs/{club_id}/meetings/new/",
                data=json.dumps(envelope),
                headers={
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                    "Idempotency-Key": str(item),
                    "X-CSRFToken": token["csrfToken"],
                },
            )
        )

    threads = [threading.Thread(target=send, args=(base,)) for base in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [200, 201], [a.text for a in answers]
    assert answers[0].json() == answers[1].json()
    assert stack.sql("SELECT count(*) FROM clubs_meeting WHERE client_uuid = %s", item) == [(1,)]
    photos = stack.sql(
        "SELECT f.file FROM clubs_meetingphoto f JOIN clubs_meeting m ON m.id = f.meeting_id "
        "WHERE m.client_uuid = %s",
        item,
    )
    assert len(photos) == 1
    # The photo went to the bucket's private prefix, which has no public address.
    s3 = boto3.client(
        "s3",
        endpoint_url=stack.s3_url,
        aws_access_key_id="stack",
        aws_secret_access_key="stack",
        region_name="us-east-1",
    )
    s3.head_object(Bucket=stack.bucket, Key=f"private/{photos[0][0]}")


def test_a_document_stored_by_one_process_is_served_by_the_other(stack):
    first, second = stack.urls
    out = stack.manage(
        "shell",
        "-c",
        "from django.core.files.base import ContentFile\n"
        "from wagtail.documents import get_document_model\n"
        "doc = get_document_model().objects.create(title='Hỏi đáp pháp luật')\n"
        "doc.file.save('hoi-dap.pdf', ContentFile(b'%PDF-1.4 hoi dap'))\n"
        "print(doc.url)\n",
    )
    url = out.strip().splitlines()[-1]
    answer = requests.get(second + url, timeout=30)
    assert answer.status_code == 200
    assert answer.content == b"%PDF-1.4 hoi dap"
    assert answer.headers["Content-Disposition"].startswith("attachment")
