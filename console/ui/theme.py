"""Colours for headless rendering, read from the app's current theme."""

from __future__ import annotations

from typing import Any

from textual.app import App

from console.display import Palette


def palette_of(app: App[Any]) -> Palette:
    """Problem colours (error, warning, success; muted is dim) from the app's theme."""
    theme = app.theme_variables
    return Palette(theme.get("error", ""), theme.get("warning", ""), theme.get("success", ""),
                   "dim")
