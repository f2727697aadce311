"""Awareness campaigns (the 30/7 national day, contests...) and their activities: sessions,
attendances ("lượt") and unique participants kept apart, online reach, photos.

Rule: no personal data; campaign staff and coordinators plan and record (``access``), club
boards see them; every write goes through ``services``.

Depends on ``config`` and ``clubs`` only; it reads copies handed out at its activities through
the relation ``materials`` declares, never by importing it.
"""
