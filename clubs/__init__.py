"""Wards with their history, clubs, club roles, members, meetings and attendance; who may see
which club (``access.visible_clubs``, the one scoping function); the field app; imports.

Rule: a club's records are seen by its board and coordinators only, another club's are "not
found". Clubs owns the rooms other apps plug into, and never imports them:

- ``clubs.field``: pages and buttons of the field app (``register_urls``,
  ``register_club_link``, ``register_home_link``) and its sync adapter for their forms;
- ``clubs.imports.register_sheet``: sheets on the one import page;
- ``clubs.backends.register_board_permissions``: what club boards may do in the admin;
- ``clubs.scoped_admin``: the scoped viewsets, permission policy and service mixin every
  app's admin is built on.

Depends on ``config`` only.
"""
