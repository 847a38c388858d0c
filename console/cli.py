"""The command line: the parser, and dispatch to one function per subcommand.

`fpa-console` with no subcommand opens the console (the same as `fpa-console tui`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from console.column_sets import COLUMN_SETS
from console.commands import (
    CommandError,
    cmd_alerts,
    cmd_bench,
    cmd_demo,
    cmd_diff,
    cmd_export,
    cmd_publish,
    cmd_rank,
    cmd_refresh,
    cmd_tui,
)
from console.schema import DEFAULT_DEADLINE, DEMO_DEPTHS, LEVELS, NATIONAL_CODE

DESCRIPTION = """\
计生协改革监测台 — monitor the reform of the Family Planning Associations.

The data folder is --data, else $FPA_DATA, else ./data. Without a subcommand the
console opens (the same as `fpa-console tui`). What is worked out from the snapshots
(files found valid and their digests; rollups and alerts per period) is kept under
$XDG_CACHE_HOME/fpa-console (else ~/.cache/fpa-console) and may be deleted at any time."""


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
    parser.add_argument("--trend", choices=("counties_plan_rate", "prefectures_plan_rate"),
                        default="counties_plan_rate",
                        help="the share drawn in the trend column (default counties_plan_rate)")
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
    export.add_argument("--columns", metavar="SET",
                        help="only the columns of this set, as the console shows it (v): "
                             + ", ".join(s.key for s in COLUMN_SETS)
                             + " (default: every column)")
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

    rank = commands.add_parser("rank", help="rank a unit's children by the reform index (CSV)")
    _add_data(rank)
    _add_scope(rank)
    rank.add_argument("--period", metavar="YYYY-MM", help="period (default the latest)")
    rank.add_argument("--at", metavar="CODE",
                      help=f"unit whose children are ranked (default {NATIONAL_CODE})")
    rank.add_argument("--weights", metavar="FILE",
                      help="index weights, TOML (else $FPA_INDEX_WEIGHTS, else "
                           "~/.config/fpa-console/index.toml, else equal)")
    rank.add_argument("--header", choices=("zh", "en", "key"), default="zh",
                      help="header row (default zh)")
    rank.add_argument("--out", metavar="FILE", help="file to write, or - for stdout")
    rank.set_defaults(func=cmd_rank)

    diff = commands.add_parser("diff", help="what changed in a subtree between two periods")
    _add_data(diff)
    _add_scope(diff)
    diff.add_argument("--from", dest="from_period", metavar="YYYY-MM", required=True,
                      help="the earlier period")
    diff.add_argument("--to", dest="to_period", metavar="YYYY-MM", required=True,
                      help="the later period")
    diff.add_argument("--at", metavar="CODE",
                      help=f"unit whose subtree is compared (default {NATIONAL_CODE})")
    diff.add_argument("--format", choices=("csv", "json"), default="csv",
                      help="output format (default csv)")
    diff.add_argument("--header", choices=("zh", "en", "key"), default="zh",
                      help="header row and indicator names (default zh)")
    diff.add_argument("--out", metavar="FILE", help="file to write, or - for stdout")
    diff.set_defaults(func=cmd_diff)

    bench = commands.add_parser("bench", help="time the console against its targets")
    bench.add_argument("--depth", choices=("county", "village"), default="county",
                       help="demo depth whose targets apply (default county)")
    bench.add_argument("--data", metavar="DIR",
                       help="demo data folder, generated when it holds no snapshots "
                            "(default fpa-bench-DEPTH in the temporary folder)")
    bench.add_argument("--repeats", type=int, default=5, help="runs per figure (default 5)")
    bench.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    bench.set_defaults(func=cmd_bench)

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
