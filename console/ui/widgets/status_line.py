"""The header line (period, how many periods, the data source) and the breadcrumb."""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len
from rich.markup import escape
from rich.text import Text
from textual.widgets import Static

from console.drill import DrillPath
from console.ui.failsafe import Guarded
from console.ui.i18n import tr


class HeaderLine(Guarded, Static):
    """计生协改革监测台 │ 报告期 2021-11 (35 期) │ 范围 江西省 │ 数据 /srv/fpa/data │ 刷新于 …

    What must be read stays in view however narrow the terminal: the period, the scope,
    that the data are stale, a refresh's progress. What is longer goes first: the data
    path is shortened, then left out for the refresh's source, which goes next (its time
    stays), then the title.
    """

    DEFAULT_CSS = """
    HeaderLine { height: 1; background: $primary; color: $text; padding: 0 1;
                 text-wrap: nowrap; text-overflow: ellipsis; }
    """

    _shown: tuple[object, ...] | None = None

    def show(self, lang: str, period: str, periods: int, source: str,
             fresh: tuple[str, str] = ("", ""), stale: bool = False, status: str = "",
             scope: str = "") -> None:
        """Render the line for `period` of `periods`, read from `source`, refreshed `fresh`
        (in full, and short), confined to the unit named `scope` (if any)."""
        self._shown = (lang, period, periods, source, fresh, stale, status, scope)
        width = self.size.width or self.app.size.width - 2  # (inside its padding)
        self.update(header_line(width, *self._shown))

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)  # type: ignore[arg-type]


def header_line(width: int, lang: str, period: str, periods: int, source: str,
                fresh: tuple[str, str] = ("", ""), stale: bool = False, status: str = "",
                scope: str = "") -> str:
    """The header line in Rich markup, fitted to `width` cells (HeaderLine)."""
    head = [f"{tr('period', lang)} [b]{period}[/b] ({periods} {tr('periods', lang)})"]
    if scope:
        head.append(f"{tr('scope', lang)} [b]{escape(scope)}[/b]")
    if stale:
        head.append(f"[b $warning]{tr('stale', lang)}[/]")
    if status:
        head.append(f"[b]{escape(status)}[/b]")
    title = f"[b]{tr('title', lang)}[/b]"
    data = f"{tr('source', lang)} {{path}}"
    when = [escape(fresh[0])] if fresh[0] else []
    short_when = [escape(fresh[1])] if fresh[1] else []
    tries = [
        ([title, *head, data, *when], 32),
        ([title, *head, data, *when], 16),
        ([title, *head, *when], 0),
        ([title, *head, data, *short_when], 16),
        ([*head, data, *short_when], 16),
        ([*head, *short_when], 0),
        (head, 0),
    ]
    for parts, room in tries:
        line = " │ ".join(parts).replace("{path}", escape(compact_path(source, room))
                                           if room else "")
        if cell_len(Text.from_markup(line).plain) <= width:
            return line
    return line


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

    def show(self, path: DrillPath, note: str = "", lang: str = "zh") -> None:
        """Render the path and a short note (row count, sort, loading)."""
        suffix = f"  [$text-muted]{escape(note)}[/]" if note else ""
        self.update(f"[b]{escape(path.crumbs(lang=lang))}[/b]{suffix}")
