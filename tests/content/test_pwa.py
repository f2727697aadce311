"""The installable app: manifest, worker at the root, offline page."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_manifest_is_vietnamese_and_installable(client):
    response = client.get("/manifest.json")
    assert response.status_code == 200
    manifest = json.loads(response.content)
    assert manifest["lang"] == "vi"
    assert "mua bán người" in manifest["name"]
    assert manifest["short_name"] == "Phường an toàn"
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/")
    assert manifest["theme_color"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_manifest_icons_are_served(client):
    from django.contrib.staticfiles import finders

    manifest = json.loads(client.get("/manifest.json").content)
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_worker_is_served_from_the_root_scope(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert '"/offline/"' in body
    assert "X-SW-Cache" in body
    assert "__SW_VERSION__" not in body


def test_worker_version_changes_when_a_precached_file_changes(client, settings):
    first = client.get("/sw.js").content.decode()
    settings.STATIC_URL = "/static-v2/"
    second = client.get("/sw.js").content.decode()
    version = [line for line in first.splitlines() if line.startswith("const VERSION")]
    assert version and version[0] not in second


def test_offline_page_shows_hotlines_and_may_be_kept(client, demo):
    response = client.get("/offline/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-SW-Cache"] == "shell"
    assert 'href="tel:111"' in html and 'href="tel:18001769"' in html
