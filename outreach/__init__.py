"""Outreach: a folder of Django apps, one concern each.

- ``outreach.cases`` (label ``cases``): at-risk people, consents, follow-ups, referrals,
  agencies, anonymous tips and the audit trail: the personal data, encrypted and audited.
- ``outreach.materials`` (``materials``): materials, stock, distributions, panels.
- ``outreach.campaigns`` (``campaigns``): campaigns, their activities and reach.
- ``outreach.reports`` (``reports``): indicators, rollups, dashboards, the Excel report and
  the public statistics; it reads every other app, and nothing imports it.

Dependencies point one way: ``config`` <- ``clubs`` <- the outreach apps (``materials`` also
reads ``campaigns``: a handout may be at a campaign activity) <- ``reports``. An app plugs
into ``clubs`` and ``config`` by registering (field pages and links, import sheets, board
permissions, staff roles, retention purgers, precached files, demo data) from its
``AppConfig.ready()``. ``tests/config/test_layout.py`` checks all of this.
"""
