"""Production settings that let ``load_demo`` fill the stack test's own database."""

from config.settings.production import *  # noqa: F403

SAFEWARD_DEMO_ALLOWED = True
