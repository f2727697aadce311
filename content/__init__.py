"""The public site's Wagtail pages: home, articles, quizzes, polls, FAQ, search; the hotline
settings; anonymous quiz attempts and their statistics; the service worker and offline page.

Rule: what residents read, cached and light for 3G; no personal data (attempts and votes are
anonymous). Demo content is data (``content/data/*.yaml``) loaded by ``content.demo``.

Depends on ``config`` only: it imports no other app.
"""
