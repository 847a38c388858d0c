"""Trends: a key share of every child of a node across all periods, and its sparkline.

`child_series` gives, per child, the share of prefecture- or county-level units with a
reform plan in its subtree at every period of the folder; `sparkline` draws such a series
in one line of block characters (or ASCII where a terminal cannot show blocks, which
`ascii_terminal` tells from the environment).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence

import duckdb

from console.snapshots import parse_period
from console.store import Store

TREND_KEYS: tuple[str, ...] = ("prefectures_plan_rate", "counties_plan_rate")
"""The shares a trend can follow (the drill view's columns of the same name)."""
BLOCKS = "▁▂▃▄▅▆▇█"
ASCII = "_.-=+*#@"
"""The eight steps of a sparkline, lowest first: block characters, or plain ASCII."""
ASCII_TERMS = frozenset({"linux", "vt100", "vt220", "dumb"})
"""Terminals whose fonts or encodings cannot be trusted with block characters."""


def child_series(store: Store, node: str, key: str,
                 cur: duckdb.DuckDBPyConnection | None = None) -> dict[str, list[float | None]]:
    """Per child of `node` at the latest period, the share `key` at every period, by code.

    Each list follows `store.periods`; None where the child did not exist or its subtree
    had no active unit of that level. A ValueError for a key not in TREND_KEYS; a
    StoreError when `node` is not in the data at the latest period.
    """
    if key not in TREND_KEYS:
        raise ValueError(f"no trend of {key!r} (trends: {', '.join(TREND_KEYS)})")
    memo, known = store.memo, _memo_key(node, key)  # the memo of the files read now
    if known not in memo:  # every period is read: worth keeping until a reload
        memo[known] = _series(store, node, key, cur)
    found: dict[str, list[float | None]] = memo[known]
    return found


def known_child_series(store: Store, node: str, key: str
                       ) -> dict[str, list[float | None]] | None:
    """What child_series would give, if it has been worked out already; else None."""
    found: dict[str, list[float | None]] | None = store.memo.get(_memo_key(node, key))
    return found


def _memo_key(node: str, key: str) -> tuple[str, str, str]:
    return ("child series", node, key)


def _series(store: Store, node: str, key: str,
            cur: duckdb.DuckDBPyConnection | None) -> dict[str, list[float | None]]:
    rows = store.query("progress/child_series", {"node": node}, cur).to_pylist()
    latest = parse_period(store.latest)
    children = sorted({r["unit_code"] for r in rows if r["period"] == latest})
    if not children:
        store.row(node, store.latest, cur)  # an unknown node is an error, not an empty view
    column = {parse_period(p): i for i, p in enumerate(store.periods)}
    series: dict[str, list[float | None]] = {c: [None] * len(column) for c in children}
    for row in rows:
        if row["unit_code"] in series:
            series[row["unit_code"]][column[row["period"]]] = row[key]
    return series


def sparkline(values: Sequence[float | None], width: int = 12, ascii_only: bool = False) -> str:
    """The last `width` values as one character each; ' ' for a missing value.

    Values are fractions in [0, 1] (clamped). The eight steps split [0, 1) into sevenths
    and keep the highest step for 1 alone, so a full block means every unit: 0 → '▁',
    0.5 → '▄', 1 → '█'.
    """
    if width < 1:
        raise ValueError(f"a sparkline is at least 1 character wide, not {width}")
    steps = ASCII if ascii_only else BLOCKS
    return "".join(_step(v, steps) for v in values[-width:])


def ascii_terminal(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether block characters are unsafe: FPA_ASCII=1, a bare terminal or a non-UTF-8 locale.

    The locale is the first set of LC_ALL, LC_CTYPE and LANG, as the C library reads it;
    none set says nothing against blocks.
    """
    if environ.get("FPA_ASCII") == "1":
        return True
    if environ.get("TERM", "") in ASCII_TERMS:
        return True
    locale = next((environ[k] for k in ("LC_ALL", "LC_CTYPE", "LANG") if environ.get(k)), "")
    return bool(locale) and not _is_utf8(locale)


def _is_utf8(locale: str) -> bool:
    charset = locale.partition(".")[2].partition("@")[0]
    return charset.lower().replace("-", "") == "utf8"


def _step(value: float | None, steps: str) -> str:
    if value is None or math.isnan(value):
        return " "
    share = min(max(value, 0.0), 1.0)
    # a hair over the product so that a share of k/7 computed in floating point lands on k
    return steps[int(share * (len(steps) - 1) + 1e-9)]

