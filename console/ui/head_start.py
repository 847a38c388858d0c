"""Start-up work that need not wait for Textual: open the store, query the first view.

`fpa-console` starts this before it imports Textual, so the store's opening and the
national view's queries overlap Textual's import and start; the app gives the look
(language and colours) once it exists, the first view is formatted in it, and the app
takes what is ready. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from console.store import PLAN_DEADLINE, Store
from console.ui.prepared import Look, Prepared, alerts_ready, format_view, query
from console.validation import Progress
from console.view import ViewSpec

StoreOpener = Callable[[Progress | None], Store]  # opens a store; hears how its check goes


def store_opener(folder: Path, scope: str | None = None, rule_folders: Iterable[Path] = (),
                 deadline: dt.date = PLAN_DEADLINE) -> StoreOpener:
    """How the console opens its store: on `folder`, its scope, rules and deadline."""
    rules = tuple(rule_folders)

    def open_store(progress: Progress | None = None) -> Store:
        return Store(folder, scope=scope, rule_folders=rules, deadline=deadline,
                     progress=progress)
    return open_store


class HeadStart:
    """Opens a store and prepares its first view (the top, latest period) in a thread."""

    def __init__(self, open_store: StoreOpener) -> None:
        self.store: Store | None = None
        self.error: Exception | None = None  # why the store did not open
        self.first: tuple[ViewSpec, Prepared] | None = None
        self.checked: tuple[int, int] | None = None  # files checked of those to check, as
        # the store opens (a first start on a large folder checks for seconds)
        self._look: Look | None = None
        self._look_given = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(open_store,),
                                        name="head-start", daemon=True)
        self._thread.start()

    def use(self, look: Look) -> None:
        """The look the first view is formatted in (the app's, once it exists)."""
        self._look = look
        self._look_given.set()

    def _run(self, open_store: StoreOpener) -> None:
        try:
            self.store = open_store(self._checking)
        except Exception as error:  # given to the console's worker, which raises it
            self.error = error
            return
        if not self.store.periods:
            return
        spec = ViewSpec(self.store.root, self.store.latest)
        try:
            queried = query(self.store, spec, None,  # a first start runs the rules later
                            alerts=alerts_ready(self.store, spec, None))
            self._look_given.wait()
            assert self._look is not None
            self.first = spec, format_view(queried, self._look)
        except Exception:  # a plain thread: the drill screen asks again in a worker, where
            return  # a failure is logged and told (console.ui.failsafe)

    def _checking(self, done: int, total: int) -> None:
        self.checked = done, total

    def result(self) -> Store:
        """The store, once opened and its first view prepared (waits for both; the look
        must have been given); what the opening raised (a StoreError: no usable data)."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        assert self.store is not None
        return self.store
