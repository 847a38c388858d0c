"""The store: in-process DuckDB over a snapshot folder, answering by named queries.

It validates the folder's snapshot files, skips the bad ones (reported in `problems`),
creates the view `snapshot` over the good ones and answers the drill view, the summary of
a node, a unit's history and its ancestry. A store may be confined to one subtree (a
scope): then every answer stays inside that subtree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from console import derived, sql
from console.alerts import Rule, load_rules
from console.schema import DEFAULT_DEADLINE, INDICATORS, LEVELS, NATIONAL_CODE, applies
from console.snapshots import (
    SnapshotError,
    parse_period,
    period_of_file,
    snapshot_files,
)
from console.validation import FileProblem, Progress, validate_files

PLAN_DEADLINE = dt.date.fromisoformat(DEFAULT_DEADLINE)
RULE_BODY = "\n-- RULE BODY\n"  # the line of alerting/evaluate.sql that a rule's body takes
ROLLUP_ROWS = 6_000_000  # rollup rows kept in the derived file (~26 MB of disk a million):
ROLLUP_PERIODS = 4  # every period of a demo folder (~42,000 rows a village-depth period,
# whose villages are not kept: drill/lowest_* read them from the file); at least 4


def without_alert_counts(table: pa.Table) -> pa.Table:
    """`table` with its alert counts NULL (a view whose rules have not run)."""
    for key in ("alerts_critical", "alerts_warning"):
        table = table.set_column(table.schema.get_field_index(key), key,
                                 pa.nulls(table.num_rows, pa.int64()))
    return table


def _by_code(rows: pa.Table, schema: pa.Schema) -> pa.Table:
    """`rows` sorted by unit code and cast to `schema`, a column at a time: each column of
    `rows` is let go as its sorted copy is made, so that a flattened view (~460,000 wide
    rows) is held about once, not twice, on the way."""
    order = pc.sort_indices(rows.column("unit_code"))
    rows = rows.select(schema.names)
    columns = []
    for field in schema:
        columns.append(rows.column(0).take(order).cast(field.type))
        rows = rows.drop_columns([field.name])
    return pa.Table.from_arrays(columns, schema=schema)


class StoreError(Exception):
    """A question the store cannot answer: an unknown period or unit, an unusable folder."""


@dataclass(frozen=True)
class UnitRef:
    """A unit as a breadcrumb shows it: code, name and level."""

    code: str
    name: str
    level: str


class Store:
    """DuckDB over the snapshot files of one folder, optionally confined to a scope."""

    def __init__(self, folder: Path, scope: str | None = None, *,
                 rule_folders: Iterable[Path] = (),
                 deadline: dt.date = PLAN_DEADLINE, keep_derived: bool = True,
                 progress: Progress | None = None) -> None:
        self.folder = folder
        self.scope = scope
        self.deadline = deadline
        self.periods: list[str] = []
        self.problems: list[FileProblem] = []
        self.rules, self.rule_problems = load_rules(rule_folders)
        self.memo: dict[Any, Any] = {}  # answers that hold until the folder is reloaded
        self._files: list[str] = []
        self._alerted: set[str] = set()
        self._alert_lock = threading.Lock()
        self._rolled: dict[str, int] = {}  # period → rollup rows, least recently used first
        self._rollup_lock = threading.RLock()  # one build (or alert count) at a time
        self._rolled_lock = threading.Lock()  # guards _rolled: views check it, never wait
        self._keys: dict[str, tuple[str, str]] = {}  # period → keys of its rollups, alerts
        self._rules_failed = False
        self._scratch_lock = threading.Lock()
        self._scratch_file: Path | None = None  # the scratch database's, once attached
        self._scratch_tables = 0  # tables named in it so far (none: not attached)
        # the derived file (console.derived), or None: derived data in memory only
        self._con, self.derived = derived.connect(
            derived.derived_path(folder, scope) if keep_derived else None)
        self._set_files(self._con)
        self._con.execute(sql.load("alerting/create_tables"))
        self._con.execute(sql.load("rollup/create_tables"))
        pairs = [(c.key, level) for c in INDICATORS for level in c.levels]
        self._con.execute(sql.load("alerting/add_indicator_levels"), {
            "keys": [key for key, _ in pairs], "levels": [level for _, level in pairs]})
        self.reload(progress)

    @property
    def root(self) -> str:
        """The top of what this store shows: the scope root, else the national unit."""
        return self.scope or NATIONAL_CODE

    @property
    def latest(self) -> str:
        """The newest period."""
        self._require_data()
        return self.periods[-1]

    @property
    def baseline(self) -> str:
        """The earliest period in the folder: the baseline of changes."""
        self._require_data()
        return self.periods[0]

    def reload(self, progress: Progress | None = None) -> None:
        """Scan the folder again: validate its files (telling `progress` how far it is,
        console.validation.validate_files) and point the views at the good ones."""
        if not self.folder.is_dir():
            raise StoreError(f"data folder {self.folder} does not exist")
        try:
            paths = snapshot_files(self.folder)
        except OSError as error:
            raise StoreError(f"data folder {self.folder} is not readable ({error})") from None
        self.problems = validate_files(self._con, paths, progress=progress)
        bad = {p.file for p in self.problems}
        good = [p for p in paths if p.name not in bad]
        self._files = [str(p) for p in good]
        self.periods = [period_of_file(p) or "" for p in good]
        if not good:
            return
        self.memo = {}  # a new one: work begun on the old files ends in the old one
        self._set_files(self._con)
        self._con.execute(sql.load("store/read_snapshots"))
        with self._alert_lock, self._rollup_lock:  # the order ensure_alerts takes them in
            self._take_stock()
        if self.scope is None:
            self._con.execute(sql.load("store/snapshot_of_unscoped"))
        else:
            self._con.execute(sql.load("store/snapshot_of_scoped"))
        self._con.execute(sql.load("store/snapshot"))
        self._con.execute(sql.load("rollup/unit_rows"))
        self._con.execute(sql.load("alerting/subtree_alerts"))
        self._con.execute(sql.load("alerting/own_counts"))

    def _take_stock(self) -> None:
        """Which periods' rollups and alerts are current: kept and made from these files
        (and, for a scoped store, the units of its scope in every period)."""
        baseline = derived.file_identity(Path(self._files[0]))
        rules = derived.rules_key(self.rules, self.deadline)
        self._keys = {}
        for period, file in zip(self.periods, self._files, strict=True):
            made_from = f"{derived.file_identity(Path(file))}|{baseline}|{self.scope or ''}"
            self._keys[period] = (made_from, f"{made_from}|{rules}")
        kept = {(r["period"], r["part"]): (r["key"], r["rows"])
                for r in self._con.sql(sql.load("rollup/keys")).to_arrow_table().to_pylist()}
        rolled = {p: kept[(p, "rollups")][1] for p, (rollups, _) in self._keys.items()
                  if kept.get((p, "rollups"), ("", 0))[0] == rollups}
        with self._rolled_lock:
            self._rolled = rolled
        self._alerted = {p for p, (_, alerts) in self._keys.items()
                         if p in self._rolled and kept.get((p, "alerts"), ("", 0))[0] == alerts}
        for period, part in kept:
            if period not in self._keys:  # a file that is gone: its rows go too
                self._drop(self._con, period, part)
        if self.scope is not None:
            self._confine({p for p, (made_from, _) in self._keys.items()
                           if kept.get((p, "scope"), ("", 0))[0] == made_from})
        self._evict(self._con)

    def _confine(self, current: set[str]) -> None:
        """The units of the scope in each period (store/scope_units), worked out from each
        file once and kept like the rollups: those of `current` periods hold."""
        for period, file in zip(self.periods, self._files, strict=True):
            if period in current:
                continue
            self._drop(self._con, period, "scope")
            self._con.execute(sql.load("store/scope_units"),
                              {"root": self.scope, "files": [file]})
            self._con.execute(sql.load("rollup/remember"), {
                "period": period, "part": "scope", "key": self._keys[period][0], "rows": 0})

    def _drop(self, cursor: duckdb.DuckDBPyConnection, period: str, part: str) -> None:
        """Delete a part of a period's derived rows, its key first."""
        cursor.execute(sql.load("rollup/forget"), {"period": period, "part": part})
        day = parse_period(period)
        if part == "rollups":
            cursor.execute(sql.load("rollup/clear_period"), {"period": day})
        elif part == "scope":
            cursor.execute(sql.load("store/clear_scope"), {"period": day})
        else:
            cursor.execute(sql.load("alerting/clear_period"), {"period": day})
            cursor.execute(sql.load("rollup/clear_alerts"), {"period": day})

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of its own for one worker thread (DuckDB connections are not shared)."""
        self._require_data()
        cur = self._con.cursor()
        self._set_files(cur)  # also turns DuckDB's progress bar off for this session
        return cur

    def close(self) -> None:
        """Close the database connection (a query still running on a cursor of it fails)
        and delete the scratch database."""
        with self._scratch_lock:
            if self._scratch_tables:
                derived.detach_scratch(self._con, self._scratch_file)
        with contextlib.suppress(duckdb.Error):
            self._con.close()

    def scratch_table(self) -> str:
        """A new table name in the scratch database (console.derived.attach_scratch, on
        first use): for the rows of one long view (console.paged_view)."""
        with self._scratch_lock:
            if not self._scratch_tables:
                self._scratch_file = derived.attach_scratch(self._con)
            self._scratch_tables += 1
            return f"scratch.paged_{self._scratch_tables}"

    def check_period(self, period: str) -> dt.date:
        """The first day of `period`, or a StoreError when the folder does not hold it."""
        self._require_data()
        try:
            day = parse_period(period)
        except SnapshotError as error:
            raise StoreError(str(error)) from None
        if period not in self.periods:
            raise StoreError(f"period {period} is not in {self.folder} "
                             f"(it holds {self.periods[0]} to {self.periods[-1]})")
        return day

    def files_of(self, period: str) -> list[str]:
        """The file list that a query over one period reads (that period's file alone)."""
        self.check_period(period)
        return [self._files[self.periods.index(period)]]

    def view(self, node: str, period: str, cur: duckdb.DuckDBPyConnection | None = None,
             level: str | None = None, *, alerts: bool = True) -> tuple[pa.Table, pa.Table]:
        """The drill view of `node` at `period` and its summary line: from the rollups kept
        (drill/view), and for units of the lowest level from the period's file
        (drill/lowest_children, drill/lowest_in_subtree), when the view has any.

        The first table has one row per child of `node` (schema.DRILL_VIEW), or with
        `level` one row per unit of that level in its subtree (the flattened view); the
        second the same columns for `node` itself. A StoreError when `node` is not there.
        With `alerts=False` the rules are not run first and the alert counts are left out
        (NULL): for callers that do not show them.
        """
        params = {"node": node, "level": level, "period": self.check_period(period)}
        if alerts:
            self.ensure_alerts(period, cur)
        else:
            self.ensure_rollups(period, cur)
        table = self.query("drill/view", params, cur)
        at = pc.index(table.column("unit_code"), node).as_py()
        below = table.column("lowest_children")
        table = table.drop_columns(["lowest_children"])
        if level == LEVELS[-1] or (level is None and (at < 0 or below[at].as_py() > 0)):
            lowest = _by_code(self._lowest(node, period, level, cur, alerts=alerts),
                              table.schema)
            # the rollups' few rows are merged in only if there are any
            if at < 0:  # the node is itself of the lowest level (found among its parent's)
                table, at = lowest, pc.index(lowest.column("unit_code"), node).as_py()
            elif table.num_rows > 1:
                both = pa.concat_tables([table, lowest])
                table = both.take(pc.sort_indices(both, [("unit_code", "ascending")]))
                at = pc.index(table.column("unit_code"), node).as_py()
            else:  # the node alone: its row first, then the rows below, as they are
                table, at = pa.concat_tables([table, lowest]), 0
        if at < 0:
            raise self.unknown(node, period)
        # slices share the rows' memory: a flattened view can be ~500k rows
        rest = pa.concat_tables([table.slice(0, at), table.slice(at + 1)])
        summary = table.slice(at, 1)
        if not alerts:
            rest, summary = (without_alert_counts(part) for part in (rest, summary))
        return rest, summary

    def _lowest(self, node: str, period: str, level: str | None,
                cur: duckdb.DuckDBPyConnection | None, *, alerts: bool) -> pa.Table:
        """The rows of a view that are units of the lowest level, with their own alert
        counts (NULL without `alerts`): the node's children (drill/lowest_children; the
        node itself when it is one, found among its parent's), or for a flattened view
        every one in its subtree (drill/lowest_in_subtree)."""
        day = self.check_period(period)
        files = {"period": day, "lowest": LEVELS[-1], "period_files": self.files_of(period),
                 "baseline_files": self.files_of(self.baseline),
                 "baseline": applies("staff_quota", LEVELS[-1]), "alerts": alerts}
        if level is not None:
            rows = self.query("drill/lowest_in_subtree", {**files, "node": node}, cur)
            if not alerts:
                return rows
            counts = self.query("alerting/own_counts_at", {"period": day}, cur)
            where = pc.index_in(rows.column("unit_code"), value_set=counts.column("unit_code"))
            for key in ("critical", "warning"):
                found = pc.fill_null(counts.column(key).take(where), 0)
                rows = rows.set_column(rows.schema.get_field_index(f"alerts_{key}"),
                                       f"alerts_{key}", found)
            return rows
        rows = self.query("drill/lowest_children", {**files, "node": node}, cur)
        parent = None if rows.num_rows else self.row(node, period, cur)["parent_code"]
        if parent is not None:  # no children: perhaps a unit of the lowest level itself
            rows = self.query("drill/lowest_children", {**files, "node": parent}, cur)
            rows = rows.filter(pc.equal(rows.column("unit_code"), node))
        return rows

    def drill(self, node: str, period: str, cur: duckdb.DuckDBPyConnection | None = None
              ) -> pa.Table:
        """The drill view: one row per child of `node` at `period` (schema.DRILL_VIEW)."""
        return self.view(node, period, cur)[0]

    def summary(self, node: str, period: str, cur: duckdb.DuckDBPyConnection | None = None
                ) -> pa.Table:
        """The drill view's columns for `node` itself: its summary line (one row)."""
        return self.view(node, period, cur)[1]

    def history(self, code: str, cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """One unit's row in every period, oldest first."""
        return self.query("unit/history", {"code": code}, cur)

    def row(self, code: str, period: str, cur: duckdb.DuckDBPyConnection | None = None
            ) -> dict[str, Any]:
        """One unit's row at one period as a dict; StoreError when it is absent."""
        rows = self.query("unit/row", {"code": code, "period_files": self.files_of(period)},
                           cur).to_pylist()
        if not rows:
            raise self.unknown(code, period)
        found: dict[str, Any] = rows[0]
        return found

    def ancestry(self, code: str, period: str, cur: duckdb.DuckDBPyConnection | None = None
                 ) -> list[UnitRef]:
        """The path from the store's root down to `code` at `period` (both included)."""
        table = self.query("unit/ancestry",
                            {"code": code, "period_files": self.files_of(period)}, cur)
        path = [UnitRef(r["unit_code"], r["unit_name"], r["level"]) for r in table.to_pylist()]
        if not path:
            raise self.unknown(code, period)
        return path

    def children_count(self, code: str, period: str,
                       cur: duckdb.DuckDBPyConnection | None = None) -> int:
        """How many children `code` has at `period`, whatever their status."""
        table = self.query("unit/children_count",
                            {"code": code, "period_files": self.files_of(period)}, cur)
        return int(table.column("children")[0].as_py())

    def directory(self, period: str, cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """Every unit at `period` with its parent's name, for finding units by name."""
        return self.query("unit/directory", {"period_files": self.files_of(period)}, cur)

    def ensure_alerts(self, period: str, cur: duckdb.DuckDBPyConnection | None = None) -> None:
        """Evaluate every rule at `period` once; a rule that fails is reported and skipped.

        The period's rollups are built too (ensure_rollups): alerts are counted by subtree.
        The rules run first, so that a period built from nothing gets its alert counts in
        the same pass as its other sums. Views without alerts (view(alerts=False)) of
        periods whose rollups hold do not wait for this.
        """
        day = self.check_period(period)
        with self._alert_lock:
            if period in self._alerted:
                self.ensure_rollups(period, cur)  # built again, counts and all, if dropped
                return
            own = cur is None
            cursor = self.cursor() if cur is None else cur
            try:
                self._drop(cursor, period, "alerts")
                with self._units_of(cursor, period, day):
                    self._rules_failed |= self._evaluate(cursor, day)
                    with self._rollup_lock:
                        if self._touch(period):  # rollups that hold: only alert counts change
                            self._count_rules(cursor, day)
                            cursor.execute(sql.load("rollup/fold_alerts"), {"period": day})
                        else:
                            self._build_rollups(cursor, period, day, alerts=True)
                            self._count_rules(cursor, day)
                if not self._rules_failed:  # a failing rule is tried (and told) next time too
                    cursor.execute(sql.load("rollup/remember"), {
                        "period": period, "part": "alerts", "key": self._keys[period][1],
                        "rows": 0})
            finally:
                if own:
                    cursor.close()
            self._alerted.add(period)

    def rollups_held(self) -> list[str]:
        """The periods whose rollups hold now (ensure_rollups would not build them)."""
        with self._rolled_lock:
            return sorted(self._rolled)

    def alerts_ready(self, period: str) -> bool:
        """Whether the rules have run at `period` (ensure_alerts would not run them)."""
        return period in self._alerted

    def ensure_rollups(self, period: str, cur: duckdb.DuckDBPyConnection | None = None
                       ) -> None:
        """Build the rollups at `period` once (rollup/build: every unit but those of the
        lowest level).

        The periods looked at most recently stay kept (within ROLLUP_ROWS: every period of
        a demo folder, at either depth); the others are dropped and built again when
        needed. Rollups that hold are found without waiting for a build or rules under way.
        """
        day = self.check_period(period)
        if self._touch(period):
            return
        with self._rollup_lock:
            if self._touch(period):  # built while this waited
                return
            own = cur is None
            cursor = self.cursor() if cur is None else cur
            try:
                self._build_rollups(cursor, period, day, alerts=period in self._alerted)
            finally:
                if own:
                    cursor.close()

    def _build_rollups(self, cursor: duckdb.DuckDBPyConnection, period: str, day: dt.date,
                       *, alerts: bool) -> None:
        """Build a period's rollups (the caller holds the rollup lock): every unit's own
        counts, summed level by level from the bottom up, paths set from the top down, the
        units of every level but the lowest kept (rollup/build).
        With `alerts` the period's alerts (current) are counted in the same pass."""
        self._drop(cursor, period, "rollups")
        if not alerts:  # rollups without alert counts: the period's alerts are not current
            cursor.execute(sql.load("rollup/forget"), {"period": period, "part": "alerts"})
        try:
            cursor.execute(sql.load("rollup/stage"), {
                "root": self.root, "period": day, "period_files": self.files_of(period),
                "baseline_files": self.files_of(self.baseline), "alerts": alerts})
            for level in reversed(LEVELS[1:]):  # a level's rows are whole before they go up
                cursor.execute(sql.load("rollup/sum_level"), {"level": level})
            for level in LEVELS[1:-1]:  # a parent's path is set before its children's
                cursor.execute(sql.load("rollup/path_level"), {"level": level})
            built = cursor.execute(sql.load("rollup/build"),
                                   {"period": day, "lowest": LEVELS[-1]}).fetchone()
        finally:
            with contextlib.suppress(duckdb.Error):  # an interrupted cursor may refuse it
                cursor.execute(sql.load("rollup/drop_stage"))
        rows = int(built[0]) if built else 0
        cursor.execute(sql.load("rollup/remember"), {
            "period": period, "part": "rollups", "key": self._keys[period][0], "rows": rows})
        with self._rolled_lock:
            self._rolled[period] = rows
        self._evict(cursor, period)

    def _touch(self, period: str) -> bool:
        """Whether the period's rollups hold; if so they are now the most recently used."""
        with self._rolled_lock:
            if period not in self._rolled:
                return False
            self._rolled[period] = self._rolled.pop(period)
            return True

    def _evict(self, cursor: duckdb.DuckDBPyConnection, wanted: str | None = None) -> None:
        """Drop the rollups used least lately beyond the budget; never those of `wanted`
        (just built), of the latest period or of the baseline, which every start reads
        (the first view and its ranks). The caller holds the rollup lock."""
        kept = {wanted, *self.periods[:1], *self.periods[-1:]}
        dropped = []
        with self._rolled_lock:
            while (len(self._rolled) > ROLLUP_PERIODS
                   and sum(self._rolled.values()) > ROLLUP_ROWS):
                oldest = next((p for p in self._rolled if p not in kept), None)
                if oldest is None:
                    break
                del self._rolled[oldest]
                dropped.append(oldest)
        for period in dropped:
            self._drop(cursor, period, "rollups")

    @contextlib.contextmanager
    def _units_of(self, cursor: duckdb.DuckDBPyConnection, period: str, day: dt.date
                  ) -> Iterator[None]:
        """The table period_units (alerting/prepare_units) on `cursor` while inside: every
        unit of the period, read once for the rules and the rollups."""
        cursor.execute(sql.load("alerting/prepare_units"), {
            "period": day, "period_files": self.files_of(period),
            "baseline_files": self.files_of(self.baseline), "deadline": self.deadline})
        try:
            yield
        finally:
            with contextlib.suppress(duckdb.Error):  # an interrupted cursor may refuse it
                cursor.execute(sql.load("alerting/drop_units"))

    def _count_rules(self, cursor: duckdb.DuckDBPyConnection, day: dt.date) -> None:
        """Count each rule's alerts by subtree (rollup/build_rule_rollups), from the
        period's units (_units_of) and rollups."""
        cursor.execute(sql.load("rollup/build_rule_rollups"),
                       {"period": day, "lowest": LEVELS[-1], "root": self.root})

    def _evaluate(self, cursor: duckdb.DuckDBPyConnection, day: dt.date) -> bool:
        """Run every rule at the period of `day` over its units (_units_of), its old alerts
        dropped first (by _drop); True when one failed (it is reported and dropped)."""
        template = sql.load("alerting/evaluate")
        failed = False
        for rule in list(self.rules):
            try:
                cursor.execute(template.replace(RULE_BODY, f"\n{rule.body}\n"), {
                    "period": day, "rule": rule.id, "severity": rule.severity,
                    "levels": list(rule.levels), "statuses": list(rule.statuses)})
            except (duckdb.InterruptException, duckdb.OutOfMemoryException):
                raise  # not the rule's fault: it is tried again next time
            except duckdb.Error as error:
                reason = str(error).splitlines()[0]
                self.rule_problems.append(f"{rule.source}: does not run ({reason})")
                self.rules.remove(rule)
                failed = True
        return failed

    def alerts(self, node: str, period: str, rules: Iterable[str] = (),
               cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """The alerts in the subtree of `node` at `period` (the node included), critical first.

        Columns: rule, severity, unit_code, unit_name, level, province, prefecture,
        county, detail. `rules` keeps only those rule ids.
        """
        self.row(node, period, cur)  # an unknown unit is an error, not an empty list
        self.ensure_alerts(period, cur)
        return self.query("alerting/in_subtree", {
            "node": node, "period": self.check_period(period),
            "period_files": self.files_of(period), "rules": list(rules),
            "lowest": LEVELS[-1]}, cur)

    def rule_counts(self, node: str, period: str,
                    cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """Per rule and severity, how many units of `node`'s subtree break it at `period`."""
        self.ensure_alerts(period, cur)
        return self.query("alerting/rule_counts",
                          {"node": node, "period": self.check_period(period)}, cur)

    def units_breaking(self, codes: list[str], period: str, rules: Iterable[str],
                       cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """For each unit of `codes` whose subtree has units breaking any of `rules` at
        `period`, how many (columns unit_code, units; the others left out)."""
        self.ensure_alerts(period, cur)
        return self.query("alerting/units_breaking", {
            "period": self.check_period(period), "rules": list(rules), "codes": codes}, cur)

    def unit_alerts(self, code: str, period: str,
                    cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """The alerts that fire on one unit at `period`: rule, severity, detail."""
        self.ensure_alerts(period, cur)
        return self.query("alerting/of_unit",
                           {"code": code, "period": self.check_period(period)}, cur)

    def rule(self, rule_id: str) -> Rule:
        """The loaded rule with this id; StoreError when there is none."""
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise StoreError(f"no rule {rule_id!r} (rules: {', '.join(r.id for r in self.rules)})")

    def query(self, name: str, params: dict[str, Any],
              cur: duckdb.DuckDBPyConnection | None = None) -> pa.Table:
        """Run the named query of queries/ on `cur`, or on a cursor of its own."""
        own = cur is None
        cursor = self.cursor() if cur is None else cur
        try:
            relation = cursor.sql(sql.load(name), params=params)
            assert relation is not None, f"{name} returns no rows"
            return relation.to_arrow_table()
        finally:
            if own:
                cursor.close()

    def _set_files(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(sql.load("store/set_files"), {"files": self._files})

    def _require_data(self) -> None:
        if not self.periods:
            raise StoreError(f"no usable snapshot files in {self.folder}")

    def unknown(self, code: str, period: str) -> StoreError:
        """The error for a unit `code` that is not there at `period`."""
        where = f" within scope {self.scope}" if self.scope else ""
        return StoreError(f"unit {code} is not in the data{where} at {period}")

