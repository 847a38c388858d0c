"""The unit detail's charts: its subtree's plan rates and weak links over every period.

plotext measures a legend one cell a character, so a Chinese legend broke the frame: the
legend is a Textual line above each chart (it measures wide characters), in the colours
of the lines. The axes are fixed where a reader expects them: rates 0–100 %, counts from
0; the periods label the x axis as YYYY-MM, and the deadline is a marked vertical line.
Side by side from 120 columns, one above the other below that.
"""

from __future__ import annotations

import math

import pyarrow as pa
from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from console.schema import VIEW_COLUMNS
from console.ui.failsafe import Guarded
from console.ui.i18n import tr

RATES = ("prefectures_plan_rate", "counties_plan_rate")
COUNTS = ("presidents_vacant", "elections_overdue", "hollow")
COLOURS = ("cyan", "magenta", "green")  # plotext's names, which Rich knows by the same
DEADLINE_COLOUR = "red"
WIDE = 120  # columns from which the two charts stand side by side
TICK_CELLS = 10  # room per period label on the x axis (YYYY-MM and a gap)


def period_ticks(periods: list[str], width: int) -> list[int]:
    """Which of `periods` label the x axis of a chart `width` cells wide: as many as fit,
    evenly spread, the last always."""
    if not periods:
        return []
    room = max(2, width // TICK_CELLS)
    step = max(1, -(-len(periods) // room))  # ceil
    ticks = list(range(len(periods) - 1, -1, -step))[::-1]
    return ticks


class HistoryChart(Guarded, Vertical):
    """Plan rates (%) with the deadline marked, and the weak links' counts, per period."""

    DEFAULT_CSS = """
    HistoryChart { height: auto; }
    HistoryChart > Horizontal { height: auto; }
    HistoryChart .chart { width: 1fr; height: auto; }
    HistoryChart .legend { height: 1; padding: 0 1; text-wrap: nowrap;
                           text-overflow: ellipsis; }
    HistoryChart PlotextPlot { height: 14; }
    HistoryChart.narrow > Horizontal { layout: vertical; }
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang
        self._shown: tuple[pa.Table, str] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal():
            for plot_id in ("rates", "counts"):
                with Vertical(classes="chart"):
                    yield Static(id=f"{plot_id}-legend", classes="legend")
                    yield PlotextPlot(id=plot_id)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < WIDE, "narrow")
        if self._shown is not None:
            self.call_after_refresh(self.show, *self._shown)

    def show(self, history: pa.Table, deadline_period: str) -> None:
        """Draw `history` (console.history.subtree_history) with a line at the deadline
        (a period, YYYY-MM)."""
        self._shown = (history, deadline_period)
        self.set_class(self.app.size.width < WIDE, "narrow")
        periods = [str(p)[:7] for p in history.column("period").to_pylist()]
        xs = list(range(len(periods)))
        for plot_id, keys in (("rates", RATES), ("counts", COUNTS)):
            plot = self.query_one(f"#{plot_id}", PlotextPlot)
            plt = plot.plt
            plt.clear_data()
            plt.clear_figure()
            legend = [f"[b]{tr('chart_' + plot_id, self.lang)}[/b]"]
            highest = 0.0
            for key, colour in zip(keys, COLOURS, strict=False):
                values = history.column(key).to_pylist()
                scale = 100.0 if key in RATES else 1.0
                points = [(x, v * scale) for x, v in zip(xs, values, strict=True)
                          if v is not None]
                if not points:
                    continue
                highest = max(highest, *(y for _, y in points))
                plt.plot([p[0] for p in points], [p[1] for p in points], marker="braille",
                         color=colour)
                legend.append(f"[{colour}]━[/] {escape(VIEW_COLUMNS[key].label(self.lang))}")
            if plot_id == "rates":
                plt.ylim(0, 100)
                if deadline_period in periods:
                    plt.vline(periods.index(deadline_period), DEADLINE_COLOUR)
                    legend.append(f"[{DEADLINE_COLOUR}]┃[/] "
                                  f"{tr('chart_deadline', self.lang, period=deadline_period)}")
            else:  # counts from 0, in whole numbers
                top = max(1, math.ceil(highest * 1.1))
                step = max(1, math.ceil(top / 5))
                plt.ylim(0, top)
                plt.yticks(list(range(0, top + 1, step)))
            ticks = period_ticks(periods, plot.size.width or self.app.size.width // 2)
            if ticks:
                plt.xticks([float(t) for t in ticks], [periods[t] for t in ticks])
            plt.xlim(0, len(periods))  # a column past the last: a deadline there shows
            self.query_one(f"#{plot_id}-legend", Static).update("  ".join(legend))
            plot.refresh()
