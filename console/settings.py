"""What the console remembers of the user's choices between starts, in their state folder
($XDG_STATE_HOME/fpa-console, else ~/.local/state/fpa-console): the column set shown.

A settings file that is missing, unreadable or of another form counts as no choice made;
one that cannot be written costs the choice, never the console.
"""

from __future__ import annotations

import json
import os
from pathlib import Path


def state_folder() -> Path:
    """The console's folder in the user's state folder, as the environment names it now
    (a relative XDG_STATE_HOME is ignored, as the XDG spec says)."""
    base = os.environ.get("XDG_STATE_HOME", "")
    if not os.path.isabs(base):
        base = str(Path.home() / ".local" / "state")
    return Path(base) / "fpa-console"


def settings_path() -> Path:
    """The settings file."""
    return state_folder() / "settings.json"


def read_settings() -> dict[str, str]:
    """Every choice remembered (text values only)."""
    try:
        found = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, str)}


def remember(name: str, value: str) -> bool:
    """Remember a choice (the others kept); False when the file cannot be written."""
    from console.snapshots import atomic_writer  # (reading settings needs no polars)

    settings = read_settings()
    if settings.get(name) == value:
        return True
    settings[name] = value
    path = settings_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with atomic_writer(path, "w") as stream:
            json.dump(settings, stream, ensure_ascii=False, indent=1, sort_keys=True)
    except OSError:
        return False
    return True
