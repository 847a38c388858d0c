"""The header line (period, how many periods, the data source) and the breadcrumb."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape
from textual.widgets import Static

from console.drill import DrillPath
from console.ui.failsafe import Guarded
from console.ui.i18n import tr


class HeaderLine(Guarded, Static):
    """计生协改革监测台 │ 报告期 2021-11 (35 期) │ 数据 /srv/fpa/data │ 刷新于 … 来源 …"""

    DEFAULT_CSS = """
    HeaderLine { height: 1; background: $primary; color: $text; padding: 0 1;
                 text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, lang: str, period: str, periods: int, source: str, fresh: str = "",
             stale: bool = False, status: str = "") -> None:
        """Render the line for `period` of `periods`, read from `source`, refreshed `fresh`."""
        line = (f"[b]{tr('title', lang)}[/b] │ {tr('period', lang)} [b]{period}[/b] "
                f"({periods} {tr('periods', lang)}) │ {tr('source', lang)} "
                f"{escape(compact_path(source))}")
        if fresh:
            line += f" │ {escape(fresh)}"
        if stale:
            line += f" [b $warning]{tr('stale', lang)}[/]"
        if status:
            line += f" │ [b]{escape(status)}[/b]"
        self.update(line)


def compact_path(path: str, width: int = 32) -> str:
    """A folder as a header line has room for: ~ for home, …/ for the start of a long one."""
    home = str(Path.home())
    if path == home or path.startswith(home + "/"):
        path = "~" + path[len(home):]
    if len(path) <= width:
        return path
    parts = Path(path).parts
    tail = parts[-1]
    for part in reversed(parts[:-1]):
        if len(part) + len(tail) + 3 > width:
            break
        tail = f"{part}/{tail}"
    return f"…/{tail}"


class Breadcrumb(Guarded, Static):
    """全国 › 江西省 › 赣州市 · 11 行 · 排序 …"""

    DEFAULT_CSS = """
    Breadcrumb { height: 1; padding: 0 1; color: $text; background: $boost;
                 text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def show(self, path: DrillPath, note: str = "") -> None:
        """Render the path and a short note (row count, sort, loading)."""
        suffix = f"  [$text-muted]{escape(note)}[/]" if note else ""
        self.update(f"[b]{escape(path.crumbs())}[/b]{suffix}")
