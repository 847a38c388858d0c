"""The command line: one thin function per subcommand.

`fpa-console` with no subcommand opens the console (the same as `fpa-console tui`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from console.schema import DEFAULT_DEADLINE, DEMO_DEPTHS, LEVELS, NATIONAL_CODE

if TYPE_CHECKING:
    import polars as pl

    from console.store import Store

DATA_ENV = "FPA_DATA"
RULES_ENV = "FPA_RULES"
DEADLINE_ENV = "FPA_DEADLINE"
DESCRIPTION = """\
计生协改革监测台 — monitor the reform of the Family Planning Associations.

The data folder is --data, else $FPA_DATA, else ./data. Without a subcommand the
console opens (the same as `fpa-console tui`)."""


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
    from console.ui.app import run

    run(folder, lang=args.lang, mouse=not args.no_mouse, scope=args.scope,
        rule_folders=rule_folders(args.rules), deadline=deadline(args.deadline),
        exports=args.exports, source=args.source,
        stale_after=dt.timedelta(days=args.stale_days))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the national demo data set into a folder."""
    folder = Path(args.out) if args.out else data_folder(args.data)
    _generate_demo(folder, args.depth, args.seed)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write a view (a node's children or a flattened level, filtered, sorted) as a file."""
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
        view = build_view(store, spec)
        path = [(u.code, u.name) for u in store.ancestry(node, period)]
    except (StoreError, ViewError) as error:
        raise CommandError(str(error)) from None
    if args.out in (None, "-"):
        if args.format != "csv":
            raise CommandError(f"--format {args.format} needs --out FILE")
        _write(present(view.rows, args.header), None)
        return 0
    out = Path(args.out)
    if args.force:
        out.unlink(missing_ok=True)
        out.with_suffix(".json").unlink(missing_ok=True)
    try:
        write_view(view, out, args.format, args.header,
                   provenance(view, path, store.folder / "manifest.json"))
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


def _add_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", metavar="DIR", help="snapshot folder (else $FPA_DATA, ./data)")


def _add_scope(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scope", metavar="CODE",
                        help="confine everything to the subtree of this unit code")
    parser.add_argument("--rules", metavar="DIR", action="append",
                        help="an extra folder of alert rules (repeatable; else $FPA_RULES)")
    parser.add_argument("--deadline", metavar="YYYY-MM-DD",
                        help=f"reform plan deadline (else $FPA_DEADLINE, else {DEFAULT_DEADLINE})")


def _add_tui_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_scope(parser)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of every label (default zh)")
    parser.add_argument("--no-mouse", action="store_true", help="turn mouse tracking off")
    parser.add_argument("--demo", action="store_true",
                        help="generate the demo data first if the folder holds no snapshots")
    parser.add_argument("--exports", metavar="DIR",
                        help="where e writes exports (else $FPA_EXPORTS, else ~/fpa-exports)")
    parser.add_argument("--source", metavar="URL|DIR",
                        help="where r refreshes from (else $FPA_SOURCE, else the last source)")
    parser.add_argument("--stale-days", metavar="N", type=int, default=45,
                        help="mark the data stale when last refreshed more than N days ago "
                             "(default 45)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="fpa-console", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_tui_options(parser)
    parser.set_defaults(func=cmd_tui)
    commands = parser.add_subparsers(title="subcommands", metavar="COMMAND")

    tui = commands.add_parser("tui", help="open the console (the default)")
    _add_tui_options(tui)
    tui.set_defaults(func=cmd_tui)

    demo = commands.add_parser("demo", help="generate the national demo data set")
    _add_data(demo)
    demo.add_argument("--out", metavar="DIR", help="folder to write (default: the data folder)")
    demo.add_argument("--depth", choices=DEMO_DEPTHS, default="county",
                      help="lowest level to generate (default county)")
    demo.add_argument("--seed", type=int, default=2021, help="random seed (default 2021)")
    demo.set_defaults(func=cmd_demo)

    export = commands.add_parser(
        "export", help="write a view (children or a level, filtered, sorted) as a file",
        description="Write the view the console would show as CSV, XLSX or Parquet: the "
                    "children of a unit (or every unit of a level below it), filtered and "
                    "sorted. Beside a file, a .json provenance file says what it holds.")
    _add_data(export)
    _add_scope(export)
    export.add_argument("--period", metavar="YYYY-MM", help="period (default the latest)")
    export.add_argument("--at", metavar="CODE",
                        help=f"unit whose children are listed (default {NATIONAL_CODE})")
    export.add_argument("--level", choices=LEVELS[1:],
                        help="every unit of this level in the subtree instead of the children")
    export.add_argument("--match", metavar="TEXT",
                        help="only units whose name contains TEXT or whose pinyin initials "
                             "start with it")
    export.add_argument("--where", metavar="EXPR", action="append",
                        help="a condition such as reform_plan_issued=false or "
                             "counties_plan_rate<0.4 (repeatable; all must hold)")
    export.add_argument("--alert", metavar="ID", action="append",
                        help="only units on which this rule fires (repeatable: any of them)")
    export.add_argument("--sort", metavar="KEY[:desc]", help="sort by a column")
    export.add_argument("--format", choices=("csv", "xlsx", "parquet"), default="csv",
                        help="file format (default csv; xlsx keeps unit codes as text)")
    export.add_argument("--header", choices=("zh", "en", "key"), default="zh",
                        help="header row: Chinese or English labels, or machine keys "
                             "(default zh; rates are fractions with key)")
    export.add_argument("--out", metavar="FILE",
                        help="file to write (never over an existing one), or - for stdout "
                             "(the default, CSV only)")
    export.add_argument("--force", action="store_true",
                        help="replace an existing file and its provenance")
    export.set_defaults(func=cmd_export)

    alerts = commands.add_parser("alerts", help="list the weak-link alerts of a subtree")
    _add_data(alerts)
    _add_scope(alerts)
    alerts.add_argument("--period", metavar="YYYY-MM", help="period (default the latest)")
    alerts.add_argument("--at", metavar="CODE",
                        help=f"unit whose subtree is searched (default {NATIONAL_CODE})")
    alerts.add_argument("--rule", metavar="ID", action="append",
                        help="only this rule (repeatable; default every rule)")
    alerts.add_argument("--format", choices=("table", "csv", "json"), default="table",
                        help="output format (default table)")
    alerts.add_argument("--header", choices=("zh", "en", "key"), default="zh",
                        help="header row and labels: Chinese, English or machine keys")
    alerts.add_argument("--out", metavar="FILE", help="CSV file to write, or - for stdout")
    alerts.set_defaults(func=cmd_alerts)

    publish = commands.add_parser("publish", help="write manifest.json for a folder to serve")
    publish.add_argument("folder", metavar="DIR", help="the folder of snapshot files")
    publish.set_defaults(func=cmd_publish)

    refresh = commands.add_parser(
        "refresh", help="pull new snapshots from a publishing server or folder",
        description="Download every snapshot the source lists that is missing or differs, "
                    "check it, and only then put it in place: a failure leaves the data "
                    "folder as it was. A bearer token is read from $FPA_TOKEN only.")
    _add_data(refresh)
    refresh.add_argument("--source", metavar="URL|DIR",
                         help="an http(s) URL or a folder (else $FPA_SOURCE, else the last "
                              "source)")
    refresh.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                         help="network timeout (default 30)")
    refresh.add_argument("--retries", type=int, default=3,
                         help="retries on connection errors and 5xx (default 3)")
    refresh.add_argument("--ca-bundle", metavar="FILE",
                         help="CA certificates to verify the server with (else "
                              "$FPA_CA_BUNDLE)")
    refresh.set_defaults(func=cmd_refresh)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `fpa-console` command."""
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CommandError as error:
        print(f"fpa-console: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
