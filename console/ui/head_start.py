"""Start-up work that need not wait for Textual: open the store, prepare the first view.

`fpa-console` starts this before the app runs, so the store's opening and the national
view's queries overlap Textual's own start; the app then takes what is ready.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from console.store import Store, StoreError
from console.ui.prepared import Look, Prepared, prepare
from console.view import ViewSpec


class HeadStart:
    """Opens a store and prepares its first view (the top, latest period) in a thread."""

    def __init__(self, open_store: Callable[[], Store], look: Look) -> None:
        self.look = look
        self.store: Store | None = None
        self.error: StoreError | None = None
        self.first: tuple[ViewSpec, Prepared] | None = None
        self._thread = threading.Thread(target=self._run, args=(open_store,),
                                        name="head-start", daemon=True)
        self._thread.start()

    def _run(self, open_store: Callable[[], Store]) -> None:
        try:
            self.store = open_store()
        except StoreError as error:
            self.error = error
            return
        if not self.store.periods:
            return
        spec = ViewSpec(self.store.root, self.store.latest)
        try:
            self.first = spec, prepare(self.store, spec, None, self.look)
        except StoreError:
            return  # the console asks again, and shows what is wrong

    def result(self) -> Store:
        """The store, once opened (waits for it); a StoreError when it cannot be."""
        self._thread.join()
        if self.error is not None:
            raise self.error
        assert self.store is not None
        return self.store
