"""The shape of the house: the headless core never imports Textual; the doc matches."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from console import format_doc

ROOT = Path(__file__).resolve().parents[2]
CORE = ["console.cli", "console.commands", "console.store", "console.schema", "console.snapshots",
        "console.validation", "console.export", "console.display", "console.drill",
        "console.finder", "console.history", "console.demo", "console.format_doc",
        "console.alerts", "console.view", "console.refresh", "console.compare",
        "console.deadline", "console.trends", "console.ranking", "console.diff",
        # the launcher opens the store before Textual is imported (console.ui.launch)
        "console.ui.launch", "console.ui.head_start", "console.ui.failures"]


def test_core_does_not_import_textual() -> None:
    code = ("import sys\n"
            + "".join(f"import {m}\n" for m in CORE)
            + "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
            + "print(bad)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_only_console_ui_imports_textual() -> None:
    for path in (ROOT / "console").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "console").parts:
            continue
        assert "import textual" not in path.read_text(encoding="utf-8"), path
        assert "from textual" not in path.read_text(encoding="utf-8"), path


def test_format_doc_is_current() -> None:
    committed = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert committed == format_doc.render(), "run: python -m console.format_doc > data/README.md"


def test_help_names_every_subcommand() -> None:
    done = subprocess.run([sys.executable, "-m", "console.cli", "--help"], capture_output=True,
                          text=True, check=True)
    for word in ("tui", "demo", "export", "--data", "--lang", "--no-mouse", "--demo"):
        assert word in done.stdout
