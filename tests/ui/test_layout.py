"""The screen at 80×24 and wider: values in view, the alert panel placed, the keys kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Footer, OptionList, Static
from textual_plotext import PlotextPlot

from console.column_sets import BY_KEY, COLUMN_SETS, TREND
from console.settings import settings_path
from console.ui.app import FpaConsole
from console.ui.widgets.alert_panel import AlertPanel
from console.ui.widgets.drill_table import DrillTable
from console.ui.widgets.footer import action_of
from console.ui.widgets.history_chart import HistoryChart, period_ticks
from console.ui.widgets.status_line import Breadcrumb, header_line
from tests.ui.conftest import plain_text, settle

INDICATORS = {"zh": ("县级方案%", "地市方案%", "会长空缺", "逾期未换届", "严重预警"),
              "en": ("Cnty plan%", "Pref. plan%", "No pres.", "Overdue", "Critical")}


def whole_columns(app: FpaConsole) -> list[str]:
    """The headers of the columns that show whole, without scrolling."""
    table = app.screen.query_one(DrillTable).table
    shown, used = [], 0
    for column in table.ordered_columns:
        used += column.render_width
        if used > table.scrollable_content_region.width:
            break
        shown.append(column.label.plain)
    return shown


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_80_columns_show_the_name_and_five_values(fixture_folder: Path, lang: str) -> None:
    app = FpaConsole(fixture_folder, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = whole_columns(app)
        assert shown[0] == ("单位名称" if lang == "zh" else "Unit")
        assert tuple(shown[1:6]) == INDICATORS[lang]
        await pilot.press("down", "enter")  # 湖北省: its prefectures
        await settle(pilot)
        assert tuple(whole_columns(app)[1:6]) == INDICATORS[lang]


async def test_a_county_shows_what_its_townships_have(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter", "down", "down", "enter")  # 湖北省 › 仙桃市
        await settle(pilot)
        assert "仙桃市" in str(app.screen.query_one(Breadcrumb).render())
        shown = whole_columns(app)
        assert shown[:3] == ["单位名称", "会长空缺", "逾期未换届"]  # no rate of counties
        assert "县级方案%" not in shown and len(shown) >= 5
        assert app.drill is not None and TREND not in app.drill.shown_keys  # no rate to draw
        await pilot.press("escape")  # 湖北省's prefectures have one
        await settle(pilot)
        assert TREND in app.drill.shown_keys


async def test_at_80_columns_the_alert_panel_folds_below_the_table(
        fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(AlertPanel)
        table = app.screen.query_one(DrillTable)
        assert panel.folded and panel.region.height == 1
        assert panel.region.y > table.region.y and panel.region.width == 80
        title = plain_text(panel.query_one("#alert-title").render(), 80)
        assert title.startswith("薄弱环节  ● ") and "a 展开" in title
        await pilot.press("a")  # into the panel: it opens, its rules take the focus
        await settle(pilot)
        assert not panel.folded and panel.region.height > 3
        assert panel.query_one(OptionList).has_focus
        await pilot.press("escape")  # back: folded again, the table has the focus
        await settle(pilot)
        assert panel.folded and table.table.has_focus
        await pilot.press("A")  # open it for good
        await settle(pilot)
        assert not panel.folded and table.table.has_focus
        await pilot.press("a", "escape")
        await settle(pilot)
        assert not panel.folded  # left open, as A set it
        await pilot.press("A")
        await settle(pilot)
        assert panel.folded


async def test_wide_the_alert_panel_stands_beside_and_hides(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        panel = app.screen.query_one(AlertPanel)
        table = app.screen.query_one(DrillTable)
        assert panel.region.x >= table.region.right and panel.region.height > 20
        await pilot.press("A")
        await settle(pilot)
        assert not panel.display and table.region.width == 140
        await pilot.press("a")  # into it: shown while the user is there
        await settle(pilot)
        assert panel.display and panel.query_one(OptionList).has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert not panel.display
        await pilot.resize_terminal(80, 24)  # narrow: folded below, whatever A said wide
        await settle(pilot)
        assert panel.display and panel.folded


async def test_the_panel_counts_never_wrap(fixture_folder: Path) -> None:
    app = FpaConsole(fixture_folder, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        options = app.screen.query_one(AlertPanel).query_one(OptionList)
        width = options.scrollable_content_region.width
        assert options.option_count > 3
        for index in range(options.option_count):
            lines = plain_text(options.get_option_at_index(index).prompt, width).splitlines()
            assert len(lines) == 1, lines  # the title cut with …, the count at the right
            assert lines[0].rstrip()[-1].isdigit()


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_footer_keeps_help_and_quit_and_cuts_no_key(fixture_folder: Path,
                                                              lang: str) -> None:
    app = FpaConsole(fixture_folder, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys in ((), ("a",)):  # the table's keys, then the panel's before them
            await pilot.press(*keys)
            await settle(pilot)
            footer = app.screen.query_one(Footer)
            shown = [w for w in footer.children if action_of(w)]
            assert [action_of(w) for w in shown[:2]] == ["help", "quit"]
            palette = next(w for w in shown if action_of(w) == "command_palette")
            for key in shown:
                if key is not palette:
                    assert key.region.right <= palette.region.x, action_of(key)


async def test_v_cycles_the_column_sets_and_remembers_the_choice(fixture_folder: Path
                                                                 ) -> None:
    app = FpaConsole(fixture_folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "列组 进度" in str(app.screen.query_one(Breadcrumb).render())
        table = app.screen.query_one(DrillTable).table
        labels = [c.label.plain for c in table.ordered_columns]
        assert labels[:4] == ["单位名称", "县级方案%", "地市方案%", "方案"]
        await pilot.press("down", "enter")  # kept across a drill
        await settle(pilot)
        assert "列组 进度" in str(app.screen.query_one(Breadcrumb).render())
        await pilot.press("left_square_bracket")  # and a period
        await settle(pilot)
        assert "列组 进度" in str(app.screen.query_one(Breadcrumb).render())
    assert '"progress"' in settings_path().read_text(encoding="utf-8")
    again = FpaConsole(fixture_folder)  # remembered between starts
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "列组 进度" in str(again.screen.query_one(Breadcrumb).render())
        for _ in COLUMN_SETS[1:]:
            await pilot.press("v")
            await settle(pilot)
        assert again.drill is not None and again.drill.columns == "overview"  # round
        assert again.drill.shown_keys[:2] == list(BY_KEY["overview"].keys(
            again.drill.shown_keys, ["province"]))[:2]


def test_the_header_keeps_scope_and_staleness_at_any_width() -> None:
    fresh = ("刷新于 2026-10-01 10:00，来源 https://fpa.example.org/pub", "刷新于 2026-10-01 10:00")
    for width in range(50, 200, 6):  # (49 cells: the least it says)
        line = header_line(width, "zh", "2021-12", 35, "/srv/fpa/a/very/long/data/folder",
                           fresh, True, "", "江西省")
        plain = Text.from_markup(line.replace("$warning", "red")).plain
        assert cell_len(plain) <= width, (width, plain)
        assert "报告期 2021-12" in plain and "范围 江西省" in plain and "数据已过期" in plain
    wide = Text.from_markup(header_line(200, "zh", "2021-12", 35, "/srv/fpa/data", fresh)
                            .replace("$warning", "red")).plain
    assert wide.startswith("计生协改革监测台") and "/srv/fpa/data" in wide and "来源" in wide


def test_the_x_axis_labels_as_many_periods_as_fit() -> None:
    periods = [f"{2019 + m // 12}-{m % 12 + 1:02d}" for m in range(1, 36)]
    assert period_ticks(periods, 70)[-1] == 34  # the last period always
    assert len(period_ticks(periods, 70)) <= 7 and len(period_ticks(periods, 140)) <= 14
    assert period_ticks(periods[:2], 70) == [0, 1] and period_ticks([], 70) == []


@pytest.mark.parametrize("size", [(80, 24), (140, 40)], ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_detail_charts_label_periods_and_count_from_zero(
        fixture_folder: Path, lang: str, size: tuple[int, int]) -> None:
    app = FpaConsole(fixture_folder, lang=lang)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("down", "d")  # 湖北省
        await settle(pilot)
        chart = app.screen.query_one(HistoryChart)
        rates = plain_text(chart.query_one("#rates-legend", Static).content, 200)
        assert ("县级方案出台率" if lang == "zh" else "County plan rate") in rates
        for plot_id in ("rates", "counts"):
            plot = chart.query_one(f"#{plot_id}", PlotextPlot)
            assert plot.region.right <= size[0]  # fits the screen, whatever the language
            drawn = plot.plt.build()
            assert "2021-10" in drawn and "2021-11" in drawn  # the periods label the axis
            assert "-0." not in drawn and "0┤" in drawn.replace(" ", "")  # from 0
        side_by_side = size[0] >= 120
        first, second = (chart.query_one(f"#{i}", PlotextPlot) for i in ("rates", "counts"))
        assert (second.region.x > first.region.x) == side_by_side
