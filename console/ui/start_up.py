"""Garbage collection around start-up: off while start-up builds what lives on, then frozen.

Measured: with the objects of start-up (Textual, pyarrow, polars, the first view) in the
collected generations, a full collection took ~95 ms and could land in the middle of a
drill. Frozen, they are never scanned again; what the console makes later still is.
"""

from __future__ import annotations

import gc


def begin() -> None:
    """Before start-up: no collections until the first screen is shown."""
    gc.disable()


def done() -> None:
    """The first screen is shown: keep what start-up made out of collections from now on."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
