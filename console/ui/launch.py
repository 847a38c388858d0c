"""`fpa-console` opens the console here: the store first, then Textual.

Textual's import takes ~0.2 s; the store's opening and the first view's queries take
about as long and mostly run outside the interpreter (in DuckDB), so they start first, in
a thread, and the two overlap. This module imports Textual only inside run().
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from console.store import PLAN_DEADLINE
from console.ui import start_up
from console.ui.head_start import HeadStart, store_opener


def run(folder: Path, *, lang: str = "zh", mouse: bool = True, scope: str | None = None,
        rule_folders: tuple[Path, ...] = (), deadline: dt.date = PLAN_DEADLINE,
        **options: Any) -> int:
    """Open the console on `folder` (options as console.ui.app.FpaConsole takes); its
    return code once it ends: 1 when it ended on an error, whose traceback is logged."""
    start_up.begin()
    early = HeadStart(store_opener(folder, scope, rule_folders, deadline))
    try:
        from console.ui.app import make_app  # Textual: imported while the head start works

        app = make_app(folder, lang, scope=scope, rule_folders=rule_folders,
                       deadline=deadline, early=early, **options)
        app.run(mouse=mouse)
    except Exception as error:  # Textual never started, or failed outside the app
        from console.ui.failures import record

        record(error, lang)
        return 1
    return app.return_code or 0
