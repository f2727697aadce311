"""Materials (leaflets, booklets, posters, law books, panel designs), the province's stock,
copies handed out (distributions), panels and their inspections.

Rule: no personal data; stock moves only through ``services`` (receipts and distributions,
one conditional update, never below zero), whoever writes: field app, sync, admin, import
sheets, demo data.

Depends on ``config``, ``clubs`` and ``campaigns`` (a handout may be at a campaign activity).
"""
