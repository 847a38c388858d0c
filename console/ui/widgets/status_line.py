"""The header line (period, how many periods, the data source) and the breadcrumb."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from console.drill import DrillPath
from console.ui.i18n import tr


class HeaderLine(Static):
    """计生协改革监测台 │ 报告期 2021-11 (35 期) │ 数据 /srv/fpa/data │ 刷新于 … 来源 …"""

    DEFAULT_CSS = """
    HeaderLine { height: 1; background: $primary; color: $text; padding: 0 1; }
    """

    def show(self, lang: str, period: str, periods: int, source: str, fresh: str = "",
             stale: bool = False, status: str = "") -> None:
        """Render the line for `period` of `periods`, read from `source`, refreshed `fresh`."""
        line = (f"[b]{tr('title', lang)}[/b] │ {tr('period', lang)} [b]{period}[/b] "
                f"({periods} {tr('periods', lang)}) │ {tr('source', lang)} {escape(source)}")
        if fresh:
            line += f" │ {escape(fresh)}"
        if stale:
            line += f" [b $warning]{tr('stale', lang)}[/]"
        if status:
            line += f" │ [b]{escape(status)}[/b]"
        self.update(line)


class Breadcrumb(Static):
    """全国 › 江西省 › 赣州市 · 11 行 · 排序 …"""

    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; color: $text; background: $boost; }
    """

    def show(self, path: DrillPath, note: str = "") -> None:
        """Render the path and a short note (row count, sort, loading)."""
        suffix = f"  [$text-muted]{escape(note)}[/]" if note else ""
        self.update(f"[b]{escape(path.crumbs())}[/b]{suffix}")
