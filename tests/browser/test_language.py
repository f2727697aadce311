"""Switching language on a phone lands on the page's translation."""


def test_switch_language_on_an_article_lands_on_its_translation(page, site_server):
    url = site_server.url
    page.goto(url + "/bai-viet/viec-nhe-luong-cao/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(url + "/en/articles/light-work-high-pay/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().startswith("“Light work, high pay” abroad")
    assert page.get_by_role("link", name="Articles").first.is_visible()

    page.get_by_role("link", name="Tiếng Việt").click()
    page.wait_for_url(url + "/bai-viet/viec-nhe-luong-cao/")
    assert page.locator("html").get_attribute("lang") == "vi"


def test_search_without_diacritics_on_a_phone(page, site_server):
    page.goto(site_server.url + "/")
    page.get_by_role("link", name="Tìm kiếm").click()
    page.get_by_role("searchbox").fill("lua dao viec nhe luong cao")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=lua+dao+viec+nhe+luong+cao")
    assert page.get_by_role("link", name="“Việc nhẹ lương cao” ở nước ngoài").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
