"""The Content Security Policy public pages are to be served with (DESIGN: no inline script
or style, no nonce), added by the browser tests so that they fail on any violation."""

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class PublicPageCSPMiddleware:
    """Send PUBLIC_POLICY with every page outside the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response["Content-Security-Policy"] = PUBLIC_POLICY
        return response


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")
