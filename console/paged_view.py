"""A flattened view of the lowest level kept on disk and read a block at a time.

Every village of the nation is ~460,000 wide rows (~72 MB in Arrow, twice that while a
period switch makes the next one): the console holds a view's rows in a table of the
store's scratch database (a file of its own in the user's cache, console.derived), and
in memory only the row ids in the view's order and the blocks on screen.

The table is made once per node and period: drill/lowest_in_subtree's rows, then each
unit's own alert counts (paged/counts). A view's filters and sort are console.view's own
(`arranged`), applied to a narrow table of the columns they read (paged/columns), which
gives the row ids in order; blocks are read by those ids (paged/rows). The queries of
queries/paged/ name the table `paged_rows`, which stands for the view's own.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Iterator
from dataclasses import replace

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from console import sql
from console.compare import compared
from console.schema import LEVELS, applies
from console.store import Store, StoreError, without_alert_counts
from console.view import View, ViewSpec, arranged, arranged_columns

WIDTH_BLOCK = 40_000  # rows formatted at a time to measure a long view's column widths


def is_paged(spec: ViewSpec) -> bool:
    """Whether the console keeps `spec`'s rows on disk: a flattened view of the lowest
    level, whose size only the data bound (the other levels' are the rollups' few)."""
    return spec.level == LEVELS[-1]


class _Table:
    """One scratch table of a node and period's rows, with the cursor that reads its
    blocks (on the UI thread, one statement at a time); dropped when no view has it."""

    def __init__(self, store: Store, name: str, schema: pa.Schema) -> None:
        self.store = store
        self.name = name
        self.schema = schema
        self.count = 0  # its rows, once made
        self.lock = threading.Lock()
        self._reader: list[duckdb.DuckDBPyConnection] = []  # its cursor, once it reads
        weakref.finalize(self, _drop, store, name, self._reader)

    def query(self, name: str, params: dict[str, object]) -> pa.Table:
        """Run queries/<name> on this table with the reading cursor."""
        with self.lock:
            if not self._reader:
                self._reader.append(self.store.cursor())
            relation = self._reader[0].sql(self.sql(name), params=params)
            assert relation is not None
            return relation.to_arrow_table()

    def sql(self, name: str) -> str:
        """The text of queries/<name> with `paged_rows` naming this table."""
        return sql.load(name).replace("paged_rows", self.name)


def _drop(store: Store, name: str, reader: list[duckdb.DuckDBPyConnection]) -> None:
    """Drop a scratch table no view has any more, and close its reading cursor (after
    the store closed, or at exit, there is nothing left to do)."""
    with contextlib.suppress(duckdb.Error, StoreError):
        for cursor in reader:
            cursor.close()
        cursor = store.cursor()
        try:
            cursor.execute(sql.load("paged/drop").replace("paged_rows", name))
        finally:
            cursor.close()


class PagedRows:
    """The rows of a flattened view in the order of its spec, read a block at a time.

    Reads like the parts of a pyarrow.Table that the console uses: `num_rows`,
    `column_names`, `schema`, `slice(offset, length)` and `column(name)` (which reads the
    whole column: for tests and small views).
    """

    def __init__(self, table: _Table, order: pa.Array) -> None:
        self._table = table
        self._order = order  # the table's row ids, in the view's order

    @property
    def num_rows(self) -> int:
        return len(self._order)

    @property
    def schema(self) -> pa.Schema:
        return self._table.schema

    @property
    def column_names(self) -> list[str]:
        return list(self._table.schema.names)

    def slice(self, offset: int = 0, length: int | None = None) -> pa.Table:
        """The rows at positions offset … offset + length - 1 (fewer at the end)."""
        offset = max(0, min(offset, self.num_rows))
        length = self.num_rows - offset if length is None else max(0, length)
        rids = self._order.slice(offset, length)
        if len(rids) == 0:
            return self.schema.empty_table()
        found = self._table.query("paged/rows", {"rids": rids.to_pylist()})
        found = found.take(pc.index_in(rids, value_set=found.column("rid")))
        return _cast(found, self.schema)

    def column(self, name: str) -> pa.ChunkedArray:
        """One column of every row, in order."""
        return self.slice().column(name)

    def blocks(self, size: int) -> Iterator[pa.Table]:
        """Every row, `size` at a time, in no order (for measuring, not showing): read by
        stretches of row ids, which is quicker than by the view's order."""
        every = self._table.count
        for first in range(0, every, size):
            part = self._table.query("paged/stretch", {"first": first, "count": size})
            if len(self._order) < every:  # a filtered view: only the rows it keeps
                part = part.filter(pc.is_in(part.column("rid"), value_set=self._order))
            yield _cast(part, self.schema)

    def position_of(self, code: str) -> int | None:
        """Where the unit `code` is in the view's order, or None when it is not shown."""
        found = self._table.query("paged/find", {"code": code}).column("rid")
        if len(found) == 0:
            return None
        at = pc.index(self._order, found[0]).as_py()
        return None if at < 0 else at

    def of_codes(self, codes: list[str]) -> pa.Table:
        """The rows of the units `codes` (those that are there), in no order."""
        if not codes:
            return self.schema.empty_table()
        return _cast(self._table.query("paged/of_codes", {"codes": codes}), self.schema)

    def arranged(self, spec: ViewSpec, store: Store,
                 cur: duckdb.DuckDBPyConnection | None = None) -> PagedRows:
        """The same table's rows that `spec` keeps, in its order (console.view.arranged)."""
        narrow = self._table.query("paged/columns", {"columns": arranged_columns(spec)})
        narrow = narrow.take(pc.sort_indices(narrow.column("unit_code")))
        return PagedRows(self._table, arranged(narrow, spec, store, cur).column("rid")
                         .combine_chunks())


class ComparedRows:
    """Paged rows beside their baseline's (console.compare.compared), a block at a time."""

    def __init__(self, current: PagedRows, baseline: PagedRows) -> None:
        self.current = current
        self.baseline = baseline
        self._schema = compared(current.slice(0, 0), baseline.slice(0, 0)).schema

    @property
    def num_rows(self) -> int:
        return self.current.num_rows

    @property
    def schema(self) -> pa.Schema:
        return self._schema

    @property
    def column_names(self) -> list[str]:
        return list(self._schema.names)

    def slice(self, offset: int = 0, length: int | None = None) -> pa.Table:
        part = self.current.slice(offset, length)
        before = self.baseline.of_codes(part.column("unit_code").to_pylist())
        return compared(part, before)

    def column(self, name: str) -> pa.ChunkedArray:
        return self.slice().column(name)

    def blocks(self, size: int) -> Iterator[pa.Table]:
        for part in self.current.blocks(size):
            yield compared(part, self.baseline.of_codes(part.column("unit_code").to_pylist()))

    def position_of(self, code: str) -> int | None:
        return self.current.position_of(code)


Rows = pa.Table | PagedRows | ComparedRows
"""The rows of a view as the console holds them: in memory, or paged from disk."""


def lowest_rows(store: Store, node: str, period: str,
                cur: duckdb.DuckDBPyConnection | None = None, *, alerts: bool
                ) -> tuple[PagedRows, pa.Table]:
    """Every unit of the lowest level in `node`'s subtree at `period`, in a new scratch
    table, in unit code order; and the node's summary row (Store.view). With `alerts`
    each unit's own alert counts are filled in (the period's rules run first if they
    have not), else they are NULL."""
    own = cur is None
    cursor = store.cursor() if cur is None else cur
    try:
        day = store.check_period(period)
        if alerts:
            store.ensure_alerts(period, cursor)
        else:
            store.ensure_rollups(period, cursor)
        head = store.query("drill/view", {"node": node, "level": LEVELS[-1], "period": day},
                           cursor)
        summary = head.filter(pc.equal(head.column("unit_code"), node))
        if summary.num_rows == 0:
            raise store.unknown(node, period)
        summary = summary.drop_columns(["lowest_children"])
        table = _Table(store, store.scratch_table(), summary.schema)
        cursor.execute(table.sql("paged/make") + sql.load("drill/lowest_in_subtree"), {
            "node": node, "period": day, "lowest": LEVELS[-1],
            "period_files": store.files_of(period),
            "baseline_files": store.files_of(store.baseline),
            "baseline": applies("staff_quota", LEVELS[-1]), "alerts": alerts})
        if alerts:
            cursor.execute(table.sql("paged/counts"), {"period": day})
        every = PagedRows(table, pa.array([], pa.int64())).arranged(
            ViewSpec(node, period, LEVELS[-1]), store, cursor)
        table.count = every.num_rows
    finally:
        if own:
            cursor.close()
    return every, summary


def paged_view(store: Store, spec: ViewSpec, cur: duckdb.DuckDBPyConnection | None = None,
               *, alerts: bool = True) -> View:
    """`spec`'s view (a flattened one of the lowest level) with its rows on disk: what
    console.view.build_view gives, filtered and sorted the same way."""
    alerts = alerts or bool(spec.alerts)
    every, summary = lowest_rows(store, spec.node, spec.period, cur, alerts=alerts)
    rows = every.arranged(spec, store, cur) if spec.filtered or spec.sort.key else every
    if not alerts:
        summary = without_alert_counts(summary)
    return View(spec, rows, every.num_rows, summary)


def rearranged(view: View, spec: ViewSpec, store: Store) -> View:
    """`view` in the order of `spec`'s sort (its rows and filters unchanged)."""
    rows = view.rows
    assert isinstance(rows, PagedRows)
    return replace(view, spec=spec, rows=rows.arranged(spec, store))


def _cast(rows: pa.Table, schema: pa.Schema) -> pa.Table:
    return rows.select(schema.names).cast(schema)
