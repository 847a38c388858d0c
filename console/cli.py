"""The command line: one thin function per subcommand.

`fpa-console` with no subcommand opens the console (the same as `fpa-console tui`).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from console.schema import DEMO_DEPTHS, NATIONAL_CODE

DATA_ENV = "FPA_DATA"
DESCRIPTION = """\
计生协改革监测台 — monitor the reform of the Family Planning Associations.

The data folder is --data, else $FPA_DATA, else ./data. Without a subcommand the
console opens (the same as `fpa-console tui`)."""


class CommandError(Exception):
    """A failure the user can act on: printed as one line, exit status 1."""


def data_folder(option: str | None) -> Path:
    """The data folder: --data, else $FPA_DATA, else ./data."""
    return Path(option or os.environ.get(DATA_ENV) or "data")


def cmd_tui(args: argparse.Namespace) -> int:
    """Open the console (generating the demo data first with --demo on an empty folder)."""
    from console.snapshots import snapshot_files

    folder = data_folder(args.data)
    if args.demo and not (folder.is_dir() and snapshot_files(folder)):
        _generate_demo(folder, "county", 2021)
    from console.ui.app import run

    run(folder, lang=args.lang, mouse=not args.no_mouse, scope=args.scope)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write the national demo data set into a folder."""
    folder = Path(args.out) if args.out else data_folder(args.data)
    _generate_demo(folder, args.depth, args.seed)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the drill view of a node at a period as CSV."""
    from console.export import present, write_csv
    from console.store import Store, StoreError

    try:
        store = Store(data_folder(args.data), scope=args.scope)
        for problem in store.problems:
            print(f"fpa-console: skipped {problem}", file=sys.stderr)
        period = args.period or store.latest
        node = args.at or store.root
        table = store.drill(node, period)
        store.ancestry(node, period)  # an unknown unit is an error, not an empty file
    except StoreError as error:
        raise CommandError(str(error)) from None
    frame = present(table, args.header)
    if args.out in (None, "-"):
        write_csv(frame, sys.stdout.buffer)
    else:
        try:
            write_csv(frame, Path(args.out))
        except OSError as error:
            raise CommandError(f"cannot write {args.out}: {error.strerror or error}") from None
        print(f"{len(frame)} rows written to {args.out}", file=sys.stderr)
    return 0


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


def _add_tui_options(parser: argparse.ArgumentParser) -> None:
    _add_data(parser)
    _add_scope(parser)
    parser.add_argument("--lang", choices=("zh", "en"), default="zh",
                        help="language of every label (default zh)")
    parser.add_argument("--no-mouse", action="store_true", help="turn mouse tracking off")
    parser.add_argument("--demo", action="store_true",
                        help="generate the demo data first if the folder holds no snapshots")


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

    export = commands.add_parser("export", help="write a node's drill view as CSV")
    _add_data(export)
    _add_scope(export)
    export.add_argument("--period", metavar="YYYY-MM", help="period (default the latest)")
    export.add_argument("--at", metavar="CODE",
                        help=f"unit whose children are listed (default {NATIONAL_CODE})")
    export.add_argument("--header", choices=("zh", "en", "key"), default="zh",
                        help="header row: Chinese or English labels, or machine keys "
                             "(default zh; rates are fractions with key)")
    export.add_argument("--out", metavar="FILE", help="file to write, or - for stdout (default)")
    export.set_defaults(func=cmd_export)
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
