"""The Textual console. Only this package imports Textual."""

import os

# Textual paints a changed screen on the next tick of a 1/FPS grid (60 by default: up to
# 17 ms between a view arriving and its paint, measured). 120 halves that wait; an idle
# screen is not painted at all, so it costs nothing then. A user's own setting wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
