"""What each subcommand does: one function per subcommand, each thin over the core.

console.cli builds the parser and dispatches here; errors the user can act on are raised
as CommandError and printed as one line.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from console.schema import DEFAULT_DEADLINE

if TYPE_CHECKING:
    import polars as pl

    from console.store import Store

DATA_ENV = "FPA_DATA"
RULES_ENV = "FPA_RULES"
DEADLINE_ENV = "FPA_DEADLINE"


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit status 1."""


def data_folder(option: str | None) -> Path:
    """The data folder: --data, else $FPA_DATA, else ./data."""
    return Path(option or os.environ.get(DATA_ENV) or "data")


def rule_folders(options: list[str] | None) -> tuple[Path, ...]:
    """Extra rule folders: every --rules, else $FPA_RULES (separated like PATH)."""
    if options:
        return tuple(Path(o) for o in options)
    found = os.environ.get(RULES_ENV, "")
    return tuple(Path(p) for p in found.split(os.pathsep) if p)


def deadline(option: str | None) -> dt.date:
    """The plan deadline: --deadline, else $FPA_DEADLINE, else the end of 2021."""
    text = option or os.environ.get(DEADLINE_ENV) or DEFAULT_DEADLINE
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"deadline {text!r} is not a date (YYYY-MM-DD)") from None


def open_store(args: argparse.Namespace) -> Store:
    """The store of the data folder, scope, rule folders and deadline the options name."""
    from console.store import Store, StoreError

    try:
        store = Store(data_folder(args.data), scope=args.scope,
                      rule_folders=rule_folders(args.rules), deadline=deadline(args.deadline))
    except StoreError as error:
        raise CommandError(str(error)) from None
    for problem in store.problems:
        print(f"fpa-console: skipped {problem}", file=sys.stderr)
    for rule_problem in store.rule_problems:
        print(f"fpa-console: skipped rule {rule_problem}", file=sys.stderr)
    return store


def cmd_tui(args: argparse.Namespace) -> int:
    """Open the console (generating the demo data first with --demo on an empty folder)."""
    from console.snapshots import snapshot_files

    folder = data_folder(args.data)
    if args.demo and not (folder.is_dir() and snapshot_files(folder)):
        _generate_demo(folder, "county", 2021)
    from console.ui.launch import run

    ended = run(folder, lang=args.lang, mouse=not args.no_mouse, scope=args.scope,
                rule_folders=rule_folders(args.rules), deadline=deadline(args.deadline),
                exports=args.exports, source=args.source,
                stale_after=dt.timedelta(days=args.stale_days), trend_key=args.trend)
    if ended:  # it ended on an error, whose traceback is in the log
        from console.ui.failures import log_path

        raise CommandError(f"error, see {log_path()}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the national demo data set into a folder."""
    folder = Path(args.out) if args.out else data_folder(args.data)
    _generate_demo(folder, args.depth, args.seed)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a view (a node's children or a flattened level, filtered, sorted) as a file."""
    from dataclasses import replace

    from console.column_sets import UnknownSet, column_set, written
    from console.export import ExportError, present, provenance, write_view
    from console.store import StoreError
    from console.view import ViewError, ViewSpec, build_view, parse_condition, parse_sort

    store = open_store(args)
    try:
        period = args.period or store.latest
        node = args.at or store.root
        spec = ViewSpec(
            node, period, level=args.level, match=args.match or "",
            conditions=tuple(parse_condition(w) for w in args.where or ()),
            alerts=tuple(store.rule(a).id for a in args.alert or ()),
            sort=parse_sort(args.sort) if args.sort else ViewSpec(node, period).sort,
        )
        chosen = column_set(args.columns) if args.columns else None
        view = build_view(store, spec)
        path = [(u.code, u.name) for u in store.ancestry(node, period)]
    except (StoreError, ViewError, UnknownSet) as error:
        raise CommandError(str(error)) from None
    if chosen is not None:  # what the console shows of the view in that set
        levels = set(view.rows.column("level").to_pylist())
        view = replace(view, rows=view.rows.select(
            written(chosen.keys(view.rows.column_names, levels))))
    if args.out in (None, "-"):
        if args.format != "csv":
            raise CommandError(f"--format {args.format} needs --out FILE")
        _write(present(view.rows, args.header), None)
        return 0
    out = Path(args.out)
    try:  # --force replaces the old file only once the new one is whole
        write_view(view, out, args.format, args.header,
                   {**provenance(view, path, store.folder / "manifest.json"),
                    "columns": chosen.key if chosen else None}, replace=args.force)
    except ExportError as error:
        raise CommandError(str(error)) from None
    print(f"{view.rows.num_rows} rows written to {out}", file=sys.stderr)
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    """Write every alert of a subtree at a period as a table, CSV or JSON."""
    from console.export import alert_table, present
    from console.store import StoreError

    store = open_store(args)
    try:
        for rule in args.rule or ():
            store.rule(rule)
        period = args.period or store.latest
        alerts = store.alerts(args.at or store.root, period, args.rule or ())
    except StoreError as error:
        raise CommandError(str(error)) from None
    lang = "en" if args.header == "en" else "zh"
    table = alert_table(alerts, store.rules, lang, plain_detail=args.header == "key")
    if args.format == "json":
        sys.stdout.write(json.dumps(table.to_pylist(), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        _write(present(table, args.header), args.out)
    else:
        _print_table(present(table, args.header))
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    """Validate a folder's snapshot files and write its manifest.json for serving."""
    from console.refresh import RefreshError, publish

    folder = Path(args.folder)
    try:
        entries = publish(folder)
    except RefreshError as error:
        raise CommandError(str(error)) from None
    print(f"{len(entries)} snapshots listed in {folder / 'manifest.json'}", file=sys.stderr)
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    """Bring the data folder up to date with the source (for cron, or by hand)."""
    from console.refresh import Progress, RefreshError, refresh, resolve_source

    folder = data_folder(args.data)
    on_terminal = sys.stderr.isatty()
    last = [-1]

    def report(progress: Progress) -> None:
        done = (f"{progress.files_done}/{progress.files_total} files, "
                f"{progress.bytes_done / 1048576:.1f}/{progress.bytes_total / 1048576:.1f} MB")
        if on_terminal:
            print(f"\r{done} {progress.current}".ljust(72), end="", file=sys.stderr)
        elif progress.files_done != last[0]:
            last[0] = progress.files_done
            print(done, file=sys.stderr)

    try:
        source = resolve_source(args.source, folder)
        result = refresh(folder, source, timeout=args.timeout, retries=args.retries,
                         ca_bundle=args.ca_bundle, progress=report)
    except RefreshError as error:
        raise CommandError(str(error)) from None
    finally:
        if on_terminal:
            print(file=sys.stderr)
    print(f"{result.source}: {result.summary()}")
    return 0


def cmd_rank(args: argparse.Namespace) -> int:
    """Write the reform-index ranking of a unit's children as CSV."""
    from console.ranking import load_weights, rank_children, write_ranking_csv
    from console.store import StoreError

    store = open_store(args)
    try:
        weights = load_weights(Path(args.weights) if args.weights else None)
        ranking = rank_children(store, args.at or store.root, args.period or store.latest,
                                weights)
    except (StoreError, ValueError) as error:
        raise CommandError(str(error)) from None
    _write_with(lambda out: write_ranking_csv(ranking, out, args.header), args.out)
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    """Write what changed in a subtree between two periods, one row per unit and indicator."""
    from console.diff import diff, write_diff
    from console.store import StoreError

    store = open_store(args)
    try:
        table = diff(store, args.from_period, args.to_period, args.at)
    except StoreError as error:
        raise CommandError(str(error)) from None
    _write_with(lambda out: write_diff(table, out, args.format, args.header), args.out)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    """Time the console's slow paths against their targets; print a table, write JSON."""
    from console.bench import BenchError, floor_of, format_table, run_bench, write_json

    try:
        figures = run_bench(args.depth, Path(args.data) if args.data else None, args.repeats,
                            log=lambda text: print(text, file=sys.stderr))
    except BenchError as error:
        raise CommandError(str(error)) from None
    print(format_table(figures, floor_of(figures)))
    if args.json:
        write_json(figures, Path(args.json))
    return 0


def _write_with(write: Callable[[Path | BinaryIO], None], out: str | None) -> None:
    if out in (None, "-"):
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    try:
        write(Path(out))
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"written to {out}", file=sys.stderr)


def _write(frame: pl.DataFrame, out: str | None) -> None:
    from console.export import write_csv

    if out in (None, "-"):
        write_csv(frame, sys.stdout.buffer)
        return
    try:
        write_csv(frame, Path(out))
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"{len(frame)} rows written to {out}", file=sys.stderr)


def _print_table(frame: pl.DataFrame) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(*frame.columns, box=None, header_style="bold")
    for row in frame.iter_rows():
        table.add_row(*("" if v is None else str(v) for v in row))
    # a terminal's width when there is one; piped output keeps every row on one line
    Console(width=None if sys.stdout.isatty() else 10_000).print(table)


def _generate_demo(folder: Path, depth: str, seed: int) -> None:
    from console.demo import generate

    started = time.perf_counter()
    print(f"Generating demo data ({depth} depth, seed {seed}) in {folder} …", file=sys.stderr)
    try:
        entries = generate(folder, depth=depth, seed=seed)
    except OSError as error:
        raise CommandError(f"cannot write demo data to {folder}: {error}") from None
    rows = sum(e.rows for e in entries)
    print(f"{len(entries)} periods, {rows:,} rows in {time.perf_counter() - started:.1f} s",
          file=sys.stderr)
