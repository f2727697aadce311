"""At-risk people (cases), their consents, follow-ups and referrals; receiving agencies;
anonymous tips; the audit trail of who saw or changed any of them.

Rule: personal data lives here and only here. It is encrypted at rest, every view, list,
search, export and change writes an audit row, and it is seen only by the club's board and
coordinators (``clubs.access``). Every write goes through ``services`` (field app, sync,
admin, tips, demo data alike).

Depends on ``config`` and ``clubs`` only; imports no other outreach app.
"""
