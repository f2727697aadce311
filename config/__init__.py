"""The project's wiring: settings, URLs, WSGI/ASGI, and the mechanisms every app shares.

Rule: config knows no app. The apps plug in by registering from their ``AppConfig.ready()``:

- ``config.roles.grant``: what each staff group (coordinator, communicator, campaigns) may do;
- ``config.retention.register``: purgers that ``manage.py purge`` runs daily;
- ``config.precache.register``: files and empty forms the service worker keeps at install;
- ``config.demo.register_loader`` / ``register_wrapper``: what ``manage.py load_demo`` loads;
- ``config.accounts.register_two_factor_rule``: who must sign in with two factors.

Besides: the one sync protocol (``sync``, ``sync_crypto``, ``models.SyncReceipt``), the
cache and CSP policies (``middleware``, ``page_cache``, ``csp``), accounts and two-factor
sign-in, log redaction, backups, and what every app's records share (``records``: folded
text, stale edits; ``text``: Vietnamese folding and sorting; ``months``: month arithmetic).
Only ``config.urls`` and ``config.settings`` name the apps: they are the map.
"""
