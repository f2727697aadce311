"""A communicator publishes an article in the Wagtail admin from a phone."""

from content.models import ArticleIndexPage
from tests.browser.conftest import browser_login


def test_communicator_publishes_an_article_that_appears_on_the_index(page, site_server):
    index = ArticleIndexPage.objects.get(locale__language_code="vi")
    browser_login(page, site_server.url, "communicator")
    page.wait_for_url("**/admin/")

    page.goto(f"{site_server.url}/admin/pages/{index.pk}/add_subpage/")
    page.wait_for_url("**/admin/pages/add/content/articlepage/**")
    page.fill("#id_title", "Mẹo nhận biết tài khoản tuyển dụng giả")
    page.fill("#id_summary", "Tài khoản mới lập, không có địa chỉ công ty: hãy cảnh giác.")
    page.fill("#id_date", "05/02/2025")
    page.locator("[id^=panel-child-][id$=-body-content] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("Hãy kiểm tra kỹ trước khi gửi giấy tờ cho bất kỳ ai.")
    # Draftail copies the text into the form's hidden field on a timer: on a busy machine,
    # publishing at once would send an empty paragraph.
    page.wait_for_function(
        "() => [...document.querySelectorAll('input[type=hidden]')]"
        ".some((input) => input.value.includes('Hãy kiểm tra kỹ'))"
    )
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name='action-publish']").click()
    # After publishing, Wagtail shows the parent page's listing.
    page.wait_for_url(f"**/admin/pages/{index.pk}/")
    assert page.locator(".messages").inner_text()

    page.context.clear_cookies()
    page.goto(site_server.url + index.url)
    link = page.get_by_role("link", name="Mẹo nhận biết tài khoản tuyển dụng giả")
    assert link.is_visible()
    link.click()
    assert "05/02/2025" in page.locator(".article__meta").inner_text()
