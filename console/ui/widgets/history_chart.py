"""The unit detail's charts: its subtree's plan rates and weak links over every period."""

from __future__ import annotations

import pyarrow as pa
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual_plotext import PlotextPlot

from console.schema import VIEW_COLUMNS
from console.ui.failsafe import Guarded

RATES = ("prefectures_plan_rate", "counties_plan_rate")
COUNTS = ("presidents_vacant", "elections_overdue", "hollow")


class HistoryChart(Guarded, Horizontal):
    """Two charts side by side: plan rates (%) with the deadline marked, and problem counts."""

    DEFAULT_CSS = """
    HistoryChart { height: 18; }
    HistoryChart PlotextPlot { width: 1fr; height: 18; }
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield PlotextPlot(id="rates")
        yield PlotextPlot(id="counts")

    def show(self, history: pa.Table, deadline_period: str) -> None:
        """Draw `history` (console.history.subtree_history) with a line at the deadline."""
        periods = [str(p) for p in history.column("period").to_pylist()]
        xs = list(range(len(periods)))
        step = max(1, len(periods) // 6)
        ticks = xs[::step]
        zh = self.lang == "zh"
        for plot_id, keys, title in (("rates", RATES, "方案出台率 %" if zh else "Plan rates %"),
                                     ("counts", COUNTS, "薄弱环节" if zh else "Weak links")):
            plot = self.query_one(f"#{plot_id}", PlotextPlot)
            plt = plot.plt
            plt.clear_data()
            plt.clear_figure()
            plt.title(title)
            for key in keys:
                values = history.column(key).to_pylist()
                if all(v is None for v in values):
                    continue
                scale = 100.0 if key in RATES else 1.0
                points = [(x, v * scale) for x, v in zip(xs, values, strict=True)
                          if v is not None]
                plt.plot([p[0] for p in points], [p[1] for p in points],
                         label=VIEW_COLUMNS[key].label(self.lang), marker="braille")
            if deadline_period in periods and plot_id == "rates":
                plt.vline(periods.index(deadline_period), "red")
            if ticks:
                plt.xticks([float(t) for t in ticks], [periods[t] for t in ticks])
            plot.refresh()
