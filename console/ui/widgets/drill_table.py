"""The drill table: one row per child of the current node, in display strings.

textual-fastdatatable holds immutable data, so a new view mounts a new table inside this
host; the host keeps the cursor where the screen asks for it.
"""

from __future__ import annotations

import pyarrow as pa
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual_fastdatatable import ArrowBackend, DataTable

FIXED_COLUMNS = 2  # unit code and name stay in view while the rest scroll sideways


class DrillTable(Vertical):
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

    def compose(self) -> ComposeResult:
        yield DataTable(data=pa.table({"": pa.array([], pa.string())}), show_row_labels=False)

    @property
    def table(self) -> DataTable:
        """The table now shown."""
        return self.query_one(DataTable)

    @property
    def cursor_row(self) -> int:
        """The row the cursor is on."""
        return self.table.cursor_row

    @property
    def cursor_column(self) -> int:
        """The column the cursor is on."""
        return self.table.cursor_column

    async def show(self, display: pa.Table, row: int = 0, column: int = 0) -> None:
        """Replace the table with `display` and put the cursor at (row, column)."""
        had_focus = self.table.has_focus or self.screen.focused is None
        new = DataTable(
            backend=ArrowBackend(display),
            show_row_labels=False,
            fixed_columns=FIXED_COLUMNS if display.num_columns > FIXED_COLUMNS else 0,
            zebra_stripes=True,
            null_rep="",
        )
        await self.table.remove()
        await self.mount(new)
        if display.num_rows:
            new.move_cursor(row=min(row, display.num_rows - 1),
                            column=min(column, display.num_columns - 1))
        if had_focus:
            new.focus()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        event.stop()
        self.post_message(self.RowChosen(event.coordinate.row))

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        self.post_message(self.ColumnSortRequested(event.column_index))
