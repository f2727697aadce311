"""A resident on a phone: pages fit, the worker installs, read pages open offline."""

from tests.browser.conftest import browser_login, wait_for_worker

ARTICLE = "/bai-viet/viec-nhe-luong-cao/"


def _no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_home_and_article_fit_a_360px_screen(page, site_server):
    page.goto(site_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator('a[href="tel:111"]').first.is_visible()
    assert _no_horizontal_scroll(page)
    page.get_by_role("link", name="“Việc nhẹ lương cao”").first.click()
    page.wait_for_url("**" + ARTICLE)
    assert page.locator("h1").inner_text().startswith("“Việc nhẹ lương cao”")
    page.wait_for_load_state("load")
    assert _no_horizontal_scroll(page)
    hero = page.locator(".article__hero img")
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0")
    assert ".webp" in hero.evaluate("img => img.currentSrc")


def test_worker_registers_at_the_root_scope(page, site_server):
    page.goto(site_server.url + "/")
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == site_server.url + "/"


def test_a_read_article_opens_offline_and_an_unread_page_shows_the_offline_page(page, site_server):
    page.goto(site_server.url + "/")
    wait_for_worker(page)
    page.goto(site_server.url + ARTICLE)
    title = page.locator("h1").inner_text()

    site_server.stop()

    response = page.reload()
    assert response.from_service_worker
    assert page.locator("h1").inner_text() == title
    assert page.locator("link[rel=stylesheet]").evaluate("l => !!l.sheet")

    response = page.goto(site_server.url + "/hoi-dap/")
    assert response.from_service_worker
    assert page.locator("h1").inner_text() == "Bạn đang ngoại tuyến"
    assert page.locator('a[href="tel:111"]').is_visible()


def test_signed_in_pages_never_enter_the_worker_cache(page, site_server):
    page.goto(site_server.url + "/")
    wait_for_worker(page)
    browser_login(page, site_server.url, "communicator")
    page.wait_for_url("**/admin/")
    page.goto(site_server.url + ARTICLE)
    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                for (const request of await cache.keys()) urls.push(new URL(request.url).pathname);
            }
            return urls;
        }"""
    )
    assert not any(url.startswith("/admin") for url in cached)
    assert ARTICLE not in cached
