"""A rule's unit list: every unit of a subtree that breaks one rule, kept in DuckDB and
read a stretch at a time, so that a list of 330,000 units costs what the screen shows.

The list is made once (alerting/rule_list), in no order; each order and search asked
numbers its row ids in a narrow table (alerting/rule_list_order), by which the table's
blocks are read (alerting/rule_list_rows). All are temporary tables of the list's own
cursor: close() drops them.
"""

from __future__ import annotations

import threading

import duckdb
import pyarrow as pa

from console import sql
from console.drill import Sort
from console.schema import LEVELS
from console.store import Store


class RuleList:
    """The units of `node`'s subtree that break `rule` at `period`.

    `units` is how many there are, `shown` how many the last search keeps, `widths` the
    widest name and code of each column in terminal cells.
    """

    def __init__(self, store: Store, node: str, period: str, rule: str) -> None:
        store.ensure_alerts(period)
        self._cursor = store.cursor()
        self._lock = threading.Lock()  # one statement at a time on the list's cursor
        self._initials_made = False
        self._cursor.execute(sql.load("alerting/rule_list"), {
            "node": node, "period": store.check_period(period),
            "period_files": store.files_of(period), "rule": rule, "levels": list(LEVELS),
            "lowest": LEVELS[-1]})
        self._cursor.execute(sql.load("alerting/rule_list_names_table"))
        units, *widths = self._cursor.sql(sql.load("alerting/rule_list_widths")).fetchall()[0]
        self.units = self.shown = int(units)
        self.widths = {key: int(width or 0) for key, width in zip(
            ("unit_name", "unit_code", "province", "prefecture", "county"), widths,
            strict=True)}
        self.order("", Sort())

    def order(self, search: str, sort: Sort) -> int:
        """Keep the units whose name contains `search` or whose pinyin initials start with
        it ('' keeps all), in the order of `sort`; how many it keeps."""
        if _lettered(search):
            self._make_initials()
        with self._lock:
            self._cursor.execute(sql.load("alerting/rule_list_order"), {
                "search": search, "key": sort.key, "descending": sort.descending})
            self.shown = int(self._cursor.sql(sql.load("alerting/rule_list_size")
                                              ).fetchall()[0][0])
        return self.shown

    def details(self, most: int = 1000) -> list[str]:
        """The list's distinct details (at most `most`): what the Detail column shows."""
        with self._lock:
            found = self._cursor.sql(sql.load("alerting/rule_list_details"),
                                     params={"most": most}).fetchall()
        return [str(row[0]) for row in found]

    def rows(self, first: int, count: int) -> pa.Table:
        """The rows at positions first … first + count - 1 of the list as ordered."""
        with self._lock:
            relation = self._cursor.sql(sql.load("alerting/rule_list_rows"),
                                        params={"first": first, "count": count})
            assert relation is not None
            return relation.to_arrow_table()

    def close(self) -> None:
        """Drop the list's tables and its cursor."""
        with self._lock:
            try:
                self._cursor.execute(sql.load("alerting/rule_list_end"))
            except duckdb.Error:
                pass  # the store closed first: its tables went with it
            finally:
                self._cursor.close()

    def _make_initials(self) -> None:
        """Fill in the pinyin initials of the names (alerting/rule_list_initials), once:
        each distinct name's, as console.finder.initials gives it."""
        if self._initials_made:
            return
        from console.finder import initials

        with self._lock:
            names = [str(row[0]) for row in
                     self._cursor.sql(sql.load("alerting/rule_list_names")).fetchall()]
            self._cursor.execute(sql.load("alerting/rule_list_initials"), {
                "names": names, "initials": [initials(name) for name in names]})
        self._initials_made = True


def _lettered(search: str) -> bool:
    """Whether a search may be pinyin initials (ASCII letters only)."""
    return bool(search) and search.isascii() and search.isalpha()
