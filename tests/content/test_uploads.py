"""Uploads: only real images where images are expected; documents only as attachments."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def _png_bytes(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (11, 93, 75)).save(buffer, format="PNG")
    return buffer.getvalue()


def _upload_image(client, name, content, content_type):
    return client.post(
        "/admin/images/add/",
        {"title": name, "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_a_real_image_is_accepted(client, demo, login):
    login("communicator")
    before = get_image_model().objects.count()
    response = _upload_image(client, "anh.png", _png_bytes(), "image/png")
    assert response.status_code == 302
    assert get_image_model().objects.count() == before + 1


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
        ),
        ("trang.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("gia-anh.png", b"<html><script>alert(1)</script></html>", "image/png"),
    ],
)
def test_svg_html_and_fake_images_are_refused(client, demo, login, name, content, content_type):
    login("communicator")
    before = get_image_model().objects.count()
    response = _upload_image(client, name, content, content_type)
    assert response.status_code == 200  # the form again, with an error
    assert get_image_model().objects.count() == before


def test_documents_are_served_as_attachments_through_wagtail(client, demo, settings):
    document = get_document_model().objects.create(title="Sổ tay hỏi đáp")
    document.file.save("so-tay.pdf", ContentFile(b"%PDF-1.4 test"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert document.url.startswith("/documents/")
    # The file's own path under /media/ is never served.
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_documents_refuse_html_and_svg(client, demo, login):
    login("communicator")
    before = get_document_model().objects.count()
    for name in ["x.html", "x.svg", "x.js"]:
        client.post(
            "/admin/documents/add/",
            {"title": name, "file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
        )
    assert get_document_model().objects.count() == before


def test_page_privacy_offers_no_shared_password(client, demo, login):
    from content.models import FAQPage

    login("coordinator")
    faq = FAQPage.objects.get(locale__language_code="vi")
    response = client.get(f"/admin/pages/{faq.pk}/privacy/")
    assert response.status_code == 200
    html = (
        response.json()["html"]
        if response["Content-Type"].startswith("application/json")
        else response.content.decode()
    )
    assert 'value="login"' in html
    assert 'value="password"' not in html
