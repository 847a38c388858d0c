"""The drill table: one row per child of the current node, in display strings.

textual-fastdatatable holds immutable data: a new view gives the table a new backend
(`ViewTable.replace`), which costs a repaint and nothing else; mounting a new table each
time cost a restyle of the screen (measured: the larger part of a drill). The host keeps
the cursor where the screen asks for it.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa
from rich.cells import cell_len
from rich.console import Console
from rich.errors import MarkupError
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual_fastdatatable import ArrowBackend, DataTable
from textual_fastdatatable.column import CELL_X_PADDING, Column

from console.display import CELL_WIDTH
from console.ui.failsafe import Guarded

BLOCK_ROWS = 500  # rows of a long view formatted at a time (~5 ms)
KEPT_BLOCKS = 16  # the blocks formatted last, kept


@functools.lru_cache(maxsize=8192)
def _markup(value: str, console: Console) -> tuple[int, tuple[Segment, ...]] | None:
    """A one-line cell's markup parsed and rendered once, as its width and its segments
    (unpadded, unstyled by the table): a view repeats the same few marks and counts.
    None where it is not markup or not one line."""
    try:
        text = Text.from_markup(value)
    except MarkupError:
        return None
    if "\n" in text.plain or "\t" in text.plain:
        return None
    return cell_len(text.plain), tuple(text.render(console))


class BlockDisplay(ArrowBackend):
    """A long view's rows, turned into display strings a block at a time as they show.

    `fetch(first, count)` gives the rows at those positions, of `count` in all: slices of
    a table in memory, or a stretch of a list kept in DuckDB (console.rule_list), which a
    new search may shorten before the table gets its new count: those rows show blank.
    `formatted` turns rows into display strings in widths fixed for the whole view
    (console.display.display_table(widths=)); it is asked for no rows first, for the
    columns. `widths`, when given, are the columns' content widths (else the widget
    measures the labels alone). The blocks formatted last are kept.
    """

    def __init__(self, count: int, fetch: Callable[[int, int], pa.Table],
                 formatted: Callable[[pa.Table], pa.Table],
                 widths: Sequence[int] | None = None) -> None:
        self._fetch = fetch
        self._count = count
        super().__init__(formatted(fetch(0, 0)))
        self._formatted = formatted
        self._widths = list(widths) if widths is not None else None
        self._blocks: OrderedDict[int, pa.Table] = OrderedDict()

    @property
    def source_row_count(self) -> int:
        return self._count

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def column_content_widths(self) -> list[int]:
        if self._widths is not None:
            return self._widths
        return list(super().column_content_widths)

    def _block(self, row_index: int) -> tuple[pa.Table, int]:
        number, offset = divmod(row_index, BLOCK_ROWS)
        if number not in self._blocks:
            self._blocks[number] = self._formatted(
                self._fetch(number * BLOCK_ROWS, BLOCK_ROWS))
            while len(self._blocks) > KEPT_BLOCKS:
                self._blocks.popitem(last=False)
        self._blocks.move_to_end(number)
        return self._blocks[number], offset

    def get_cell_at(self, row_index: int, column_index: int) -> Any:
        block, offset = self._block(row_index)
        if offset >= block.num_rows:  # the source shrank before the table was told
            return ""
        return block.column(column_index)[offset].as_py()

    def get_row_at(self, index: int) -> Sequence[Any]:
        block, offset = self._block(index)
        if offset >= block.num_rows:
            return [""] * block.num_columns
        return [value for value in block.slice(offset, 1).to_pylist()[0].values()]

    def get_column_at(self, column_index: int) -> list[Any]:
        return [value for start in range(0, self._count, BLOCK_ROWS)
                for value in self._block(start)[0].column(column_index).to_pylist()]


class ViewTable(Guarded, DataTable):
    """A fastdatatable whose data can be replaced in place by a new Arrow backend, and
    whose paint resolves each Rich style once (_style)."""

    _paint_styles: dict[str, Style] | None = None  # the styles of the paint under way
    _paint_background: Color | None = None  # and the background behind the table
    home_goes_up: Callable[[], bool] | None = None  # when true, Home is not the table's

    def action_scroll_home(self, select: bool = False) -> None:
        """Home: the first row, unless the screen takes Home for itself (home_goes_up): the
        key then goes on to the screen's bindings."""
        if self.home_goes_up is not None and self.home_goes_up():
            raise SkipAction()
        super().action_scroll_home(select)

    def replace(self, backend: ArrowBackend, row: int, column: int, fixed: int = 0) -> None:
        """Show `backend`'s rows instead of the current ones, the cursor at (row, column),
        the first `fixed` columns in view while the rest scroll sideways."""
        # The widget's own state that derives from its data (textual-fastdatatable 0.19.5,
        # pinned): the backend, the columns measured from it, and the render caches.
        display = backend.data
        self.backend = backend
        self.backend.render_markup = self.render_markup
        widths = [(f.metadata or {}).get(CELL_WIDTH) for f in display.schema]
        if display.num_columns and all(w is not None for w in widths):
            # measured as the table was made (console.display): not again, cell by cell
            self.backend._column_content_widths = [int(w or 0) for w in widths]
        self._ordered_columns = None
        self._label_column = Column(Text(), auto_width=True)
        self._clear_caches()
        self._update_count += 1
        self.fixed_columns = fixed if display.num_columns > fixed else 0
        self._update_dimensions([])  # column widths and the scrollable size, now
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.selection_anchor_coordinate = None
        self.hover_coordinate = Coordinate(0, 0)
        self.cursor_coordinate = Coordinate(min(row, max(backend.row_count - 1, 0)),
                                            min(column, max(display.num_columns - 1, 0)))
        self._scroll_cursor_into_view(animate=False)
        self.refresh(layout=True)

    # -- paint -----------------------------------------------------------------------
    # The widget asks for its own Rich style and those of its row components on every
    # line, and each walks the DOM up to the screen: ~40% of a paint (measured, 34 lines).
    # They cannot change during a paint, so a paint resolves each once.

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_styles, self._paint_background = {}, None
        try:
            return super().render_lines(crop)
        finally:
            self._paint_styles = self._paint_background = None

    def _style(self, component: str) -> Style:
        """The Rich style of `component` (the table's own for ""), once per paint."""
        styles = self._paint_styles
        if styles is not None and component in styles:
            return styles[component]
        style = (super().rich_style if not component
                 else self.get_component_styles(component).rich_style)
        if styles is not None:
            styles[component] = style
        return style

    def _background(self) -> Color:
        """The background behind the table, once per paint."""
        if self._paint_background is None or self._paint_styles is None:
            self._paint_background = self.background_colors[1]
        return self._paint_background

    @property
    def rich_style(self) -> Style:
        return self._style("")

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        if row_index == -1:
            return self._style("datatable--header")
        if row_index < self.fixed_rows:
            return self._style("datatable--fixed")
        if self.zebra_stripes:
            return self._style("datatable--odd-row" if row_index % 2 else "datatable--even-row")
        return base_style

    def _render_line_in_row(self, row_index: int, line_no: int, x1: int, x2: int,
                            base_style: Style, cursor_location: Coordinate,
                            hover_location: Coordinate,
                            selection_anchor_location: Coordinate | None
                            ) -> tuple[list[list[Segment]], list[list[Segment]], int, int]:
        """The widget's own (textual-fastdatatable 0.19.5, pinned) with its styles from
        _style; this table shows no row labels (else the widget's own way)."""
        if self._should_render_row_labels:
            return super()._render_line_in_row(row_index, line_no, x1, x2, base_style,
                                               cursor_location, hover_location,
                                               selection_anchor_location)
        cursor_type = self.cursor_type
        columns = self.ordered_columns
        fixed_width = sum(column.render_width for column in columns[:self.fixed_columns])
        col_widths = [column.render_width for column in columns[self.fixed_columns:]]
        cumulative_width = hidden_width = 0
        visible_width = self.size.width - fixed_width
        col1, col2 = self.fixed_columns, None
        for i, w in enumerate(col_widths, start=self.fixed_columns):
            if cumulative_width < x1:
                col1, hidden_width = i, cumulative_width
            if col2 is None and cumulative_width - x1 > visible_width:
                col2 = i
                break
            cumulative_width += w
        else:
            col2 = len(columns) - 1
        cache_key = (row_index, line_no, col1, col2, base_style, cursor_location,
                     hover_location, selection_anchor_location, cursor_type, self.show_cursor,
                     self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        if cache_key in self._row_render_cache:
            fixed_row, scrollable_row = self._row_render_cache[cache_key]
            return fixed_row, scrollable_row, hidden_width, fixed_width
        if not self.is_valid_row_index(row_index):
            row_index = -1

        def cell(column_index: int, style: Style, width: int) -> list[Segment]:
            at = Coordinate(row_index, column_index)
            return self._render_cell(
                row_index, column_index, style, width,
                cursor=self._should_highlight(cursor_location, at, cursor_type),
                hover=self._should_highlight(hover_location, at, cursor_type),
                in_range=self._should_highlight_range(cursor_location,
                                                      selection_anchor_location, at,
                                                      cursor_type))[line_no]

        if row_index == self._header_row_index:
            fixed_style = self._style("datatable--header")
        else:
            fixed_style = self._style("datatable--fixed") + Style.from_meta({"fixed": True})
        fixed_row = [cell(i, fixed_style, column.render_width)
                     for i, column in enumerate(columns[:self.fixed_columns])]
        row_style = self._get_row_style(row_index, base_style)
        scrollable_row = [cell(i, row_style, column.render_width)
                          for i, column in enumerate(columns[col1:col2 + 1], start=col1)]
        # the row's style carried on, faded, to the table's right edge (the width left as
        # the widget reckons it, which skips the fixed columns twice: drawn the same way)
        remaining = max(0, self.size.width - sum(col_widths[self.fixed_columns:])
                        - self._row_label_column_width)
        faded = Color.from_rich_color(row_style.bgcolor).blend(self._background(), factor=0.25)
        scrollable_row.append([Segment(" " * remaining, Style.from_color(
            color=row_style.color, bgcolor=faded.rich_color))])
        self._row_render_cache[cache_key] = (fixed_row, scrollable_row)
        return fixed_row, scrollable_row, hidden_width, fixed_width

    def _render_cell(self, row_index: int, column_index: int, base_style: Style, width: int,
                     cursor: bool = False, hover: bool = False, in_range: bool = False
                     ) -> list[list[Segment]]:
        """A cell's line, built directly for the one-line text cells of this table.

        The widget renders each cell through Rich's Padding and Styled (most of a drill's
        paint, measured); a cell of one line that fits gives the same segments, styled
        the same way, without them. Anything else goes the widget's own way.
        """
        key = (row_index, column_index, base_style, cursor, hover, in_range,
               self._show_hover_cursor, self._update_count, self._pseudo_class_state)
        if key in self._cell_render_cache:
            return self._cell_render_cache[key]
        line = self._cell_line(row_index, column_index, base_style, width, cursor, hover,
                               in_range)
        if line is None:
            return super()._render_cell(row_index, column_index, base_style, width, cursor,
                                        hover, in_range)
        self._cell_render_cache[key] = [line]
        return [line]

    def _cell_line(self, row_index: int, column_index: int, base_style: Style, width: int,
                   cursor: bool, hover: bool, in_range: bool) -> list[Segment] | None:
        if row_index < 0 or column_index < 0 or width < CELL_X_PADDING:
            return None  # headers and labels are few: the widget's way
        datum = self.get_cell_at(Coordinate(row_index, column_index))
        if not isinstance(datum, str) or not self.render_markup:
            return None
        cell = _markup(datum, self.app.console)
        inner = width - CELL_X_PADDING  # one cell of padding each side, as the widget has
        if cell is None or cell[0] > inner:
            return None
        used, pieces = cell
        fixed = row_index < self.fixed_rows or column_index < self.fixed_columns
        component, post = self._get_styles_to_render_cell(
            False, False, fixed, hover, cursor, in_range, self.show_cursor,
            self._show_hover_cursor, self.cursor_type == "range",
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css")
        base = base_style + Style.from_meta({"row": row_index, "column": column_index})
        pre = base + component

        def styled(style: Style | None) -> Style | None:  # as rich's Styled applies them
            inner_style = pre + style if pre else style
            if not post:
                return inner_style
            return inner_style + post if inner_style else post

        padding = styled(Style.null())
        segments = [Segment(" ", padding)]
        segments += [Segment(text, styled(style)) for text, style, _ in pieces]
        if used < inner:
            segments.append(Segment(" " * (inner - used), padding))
        segments.append(Segment(" ", padding))
        return segments


class DrillTable(Guarded, Vertical):
    """Hosts the table of the current view; posts what the user picks or sorts."""

    DEFAULT_CSS = """
    DrillTable { height: 1fr; }
    DrillTable DataTable { height: 1fr; max-height: 100%; }
    """

    class RowChosen(Message):
        """The user chose a row (Enter or a click): drill into it or open it."""

        def __init__(self, row: int) -> None:
            self.row = row
            super().__init__()

    class ColumnSortRequested(Message):
        """The user asked to sort by a column (a header click)."""

        def __init__(self, column: int) -> None:
            self.column = column
            super().__init__()

    def __init__(self, *, home_goes_up: Callable[[], bool] | None = None) -> None:
        super().__init__()
        self.home_goes_up = home_goes_up

    def compose(self) -> ComposeResult:
        table = ViewTable(data=pa.table({"": pa.array([], pa.string())}),
                          show_row_labels=False, zebra_stripes=True, null_rep="")
        table.home_goes_up = self.home_goes_up
        yield table

    @property
    def table(self) -> ViewTable:
        """The table."""
        return self.query_one(ViewTable)

    @property
    def cursor_row(self) -> int:
        """The row the cursor is on."""
        return self.table.cursor_row

    @property
    def cursor_column(self) -> int:
        """The column the cursor is on."""
        return self.table.cursor_column

    def show(self, display: pa.Table, row: int = 0, column: int = 0, fixed: int = 0) -> None:
        """Show `display` (display strings) and put the cursor at (row, column); the first
        `fixed` columns stay in view while the rest scroll sideways."""
        self.table.replace(ArrowBackend(display), row, column, fixed)

    def show_long(self, rows: pa.Table, formatted: Callable[[pa.Table], pa.Table],
                  row: int = 0, column: int = 0, fixed: int = 0) -> None:
        """Show `rows`, formatted by `formatted` a block at a time as they come into view."""
        self.table.replace(BlockDisplay(rows.num_rows, rows.slice, formatted), row, column,
                           fixed)

    def show_paged(self, count: int, fetch: Callable[[int, int], pa.Table],
                   formatted: Callable[[pa.Table], pa.Table], widths: Sequence[int],
                   row: int = 0, column: int = 0, fixed: int = 0) -> None:
        """Show `count` rows fetched a block at a time as they come into view (BlockDisplay),
        in columns of `widths`."""
        self.table.replace(BlockDisplay(count, fetch, formatted, widths), row, column, fixed)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.post_message(self.RowChosen(event.coordinate.row))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.post_message(self.ColumnSortRequested(event.column_index))
