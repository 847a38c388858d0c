"""The alert panel: the weak links of the current subtree and the children that carry most.

Until the alert-rule catalogue lands it shows the drill view's problem counts: hollow,
abolished, vacant presidents and overdue elections.
"""

from __future__ import annotations

import pyarrow as pa
from rich.markup import escape
from textual.widgets import Static

from console.display import PROBLEM_COUNTS
from console.schema import VIEW_COLUMNS
from console.ui.i18n import tr

PANEL_COUNTS: tuple[str, ...] = ("hollow", "abolished", "presidents_vacant", "elections_overdue")
TOP_CHILDREN = 3


class AlertPanel(Static):
    """Problem counts of the node's subtree, each with the children that carry most."""

    DEFAULT_CSS = """
    AlertPanel { width: 30; height: 1fr; padding: 0 1; border-left: solid $primary; }
    """

    def __init__(self, lang: str, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.lang = lang

    def show(self, summary: pa.Table, rows: pa.Table) -> None:
        """Render the counts of `summary` (one row) and the worst of `rows`."""
        lines = [f"[b]{tr('alerts', self.lang)}[/b]", ""]
        totals = summary.to_pylist()[0] if summary.num_rows else {}
        children = rows.select(["unit_name", *PANEL_COUNTS]).to_pylist()
        found = False
        for key in PANEL_COUNTS:
            count = int(totals.get(key) or 0)
            colour = f"${PROBLEM_COUNTS[key]}" if count else "$text-muted"
            lines.append(f"[{colour}]{VIEW_COLUMNS[key].label(self.lang)}  {count:,}[/]")
            worst = sorted((c for c in children if c[key]), key=lambda c: -c[key])
            for child in worst[:TOP_CHILDREN]:
                lines.append(f"  [$text-muted]{escape(child['unit_name'])} {child[key]:,}[/]")
            found = found or count > 0
        if not found:
            lines.append("")
            lines.append(f"[$success]{tr('no_alerts', self.lang)}[/]")
        self.update("\n".join(lines))
