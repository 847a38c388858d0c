"""Every text the console shows that is not a column label (those live in the schema)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "title": ("计生协改革监测台", "FPA reform monitor"),
    "period": ("报告期", "Period"),
    "periods": ("期", "periods"),
    "source": ("数据", "Data"),
    "loading": ("加载中…", "Loading…"),
    "checking_files": ("正在检查快照文件 {done}/{total} …",
                       "Checking snapshot files {done}/{total} …"),
    "summary": ("本级合计（各级）", "This node, all levels"),
    "rows": ("行", "rows"),
    "alerts": ("薄弱环节", "Weak links"),
    "no_alerts": ("未发现问题", "No weak links"),
    "no_unit_listed": ("列表中没有单位", "No unit in the list"),
    "alerts_pending": ("预警计算中 …", "Working out the alerts …"),
    "at_top": ("已在最上层", "Already at the top"),
    "latest_period": ("已是最新一期", "This is the latest period"),
    "first_period_shown": ("已是最早一期", "This is the first period"),
    "nothing_matches": ("没有单位符合 {chips}（x 清除筛选）",
                        "No unit matches {chips} (x clears the filters)"),
    "column_set": ("列组 {name}", "{name} columns"),
    "rule_count": ("{rules} 项", "{rules} rules"),
    "one_rule": ("{rules} 项", "{rules} rule"),
    "alerts_open": ("a 展开", "a opens"),
    "worst": ("最多", "most"),
    "skipped": ("已跳过无效文件", "Skipped bad file"),
    "no_data_title": ("没有可用的数据", "No data to show"),
    "no_data_body": (
        "数据目录 {folder} 中没有可用的快照文件。\n\n"
        "可以：\n"
        "  • 生成演示数据： fpa-console demo --out {folder}\n"
        "  • 指定数据目录： fpa-console --data 目录  （或设置 FPA_DATA）\n"
        "  • 从发布源刷新数据（见 README）\n\n"
        "按 q 退出。",
        "The data folder {folder} holds no usable snapshot files.\n\n"
        "You can:\n"
        "  • generate the demo data:  fpa-console demo --out {folder}\n"
        "  • point at another folder: fpa-console --data DIR  (or set FPA_DATA)\n"
        "  • refresh from a publishing source (see the README)\n\n"
        "Press q to quit.",
    ),
    "pick_period": ("选择报告期", "Pick a period"),
    "help_title": ("按键说明", "Keys"),
    "legend": ("标记说明", "Marks"),
    "chart_rates": ("方案出台率 %", "Plan rates %"),
    "chart_counts": ("薄弱环节（单位数）", "Weak links (units)"),
    "chart_deadline": ("截止 {period}", "deadline {period}"),
    "help_close": ("按 Esc 或 ? 关闭", "Esc or ? closes this"),
    "detail_title": ("单位详情", "Unit detail"),
    "history": ("历史变化", "History"),
    "not_applicable": ("不适用", "n/a"),
    "jump_to": ("跳转到", "Go to"),
    "no_children": ("无下级单位", "no units below"),
    "sorted_by": ("排序", "sorted by"),
    "ascending": ("升序", "ascending"),
    "descending": ("降序", "descending"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "error": ("出错", "Error"),
    "failed": ("出错：{reason}（详情见 {log}）", "Failed: {reason} (details in {log})"),
    "failed_unlogged": ("出错：{reason}（日志无法写入）",
                        "Failed: {reason} (the log could not be written)"),
    "filter_hint": ("名称或拼音首字母，或条件如 县级方案出台率<40% 会长配备到位=否（回车确定）",
                    "a name or pinyin initials, or conditions like counties_plan_rate<40% "
                    "(Enter applies)"),
    "pick_level": ("展开到层级", "Show every unit of a level"),
    "children": ("下级单位（默认）", "Children (default)"),
    "export_exists": ("{name} 已存在", "{name} exists"),
    "export_rename": ("另存为 {name}", "Save as {name}"),
    "export_replace": ("覆盖", "Replace it"),
    "export_cancel": ("取消", "Cancel"),
    "export_as": ("导出当前视图", "Export the view"),
    "export_hint": ("回车导出；扩展名决定格式（csv、xlsx、parquet）；Esc 取消",
                    "Enter exports; the extension sets the format (csv, xlsx, parquet); "
                    "Esc cancels"),
    "export_bad_format": ("文件扩展名须为 .csv、.xlsx 或 .parquet",
                          "the file must end in .csv, .xlsx or .parquet"),
    "exported": ("已导出", "Exported"),
    "export_failed": ("导出失败", "Export failed"),
    "shown_of": ("显示 {shown}/{total} 行", "{shown} of {total} rows"),
    "refreshing": ("刷新中：{files} 个文件，{size}", "Refreshing: {files} files, {size}"),
    "refreshed": ("已刷新", "Refreshed"),
    "refresh_failed": ("刷新失败", "Refresh failed"),
    "refresh_running": ("已在刷新", "A refresh is already running"),
    "working_out": ("正在计算 {period} 的汇总 …", "Working out {period}: rollups …"),
    "up_to_date": ("数据已是最新", "up to date"),
    "new_periods": ("新增 {count} 期：{periods}", "{count} new periods: {periods}"),
    "updated_periods": ("更新 {count} 期：{periods}", "{count} updated periods: {periods}"),
    "never_refreshed": ("未刷新过", "never refreshed"),
    "refreshed_from": ("刷新于 {when}，来源 {source}", "refreshed {when} from {source}"),
    "refreshed_at": ("刷新于 {when}", "refreshed {when}"),
    "stale": ("数据已过期", "stale"),
    "scope": ("范围", "Scope"),
    "comparing": ("对比 {period}", "compared with {period}"),
    "compare_with": ("对比的基准期", "Compare with"),
    "previous_period": ("上一期", "the previous period"),
    "first_period": ("基期（{period}）", "the first period ({period})"),
    "deadline_title": ("改革方案截止期限", "The reform plan deadline"),
    "deadline_days": ("截止日期 {deadline}；报告期 {period} 末距截止还有 {days} 天",
                      "Deadline {deadline}: {days} days after the end of {period}"),
    "deadline_level": ("未出台 {without}/{total}　近三期月均出台 {pace}　预计全部出台 {projected}",
                       "{without} of {total} without a plan · pace {pace} a month · "
                       "all issued by {projected}"),
    "deadline_laggards": ("进度最慢的下级单位", "Furthest behind"),
    "trend": ("趋势", "Trend"),
    "search_units": ("按名称或拼音首字母查找", "Search by name or pinyin initials"),
    "unit_alerts": ("预警", "Alerts"),
    "rules_skipped": ("已跳过无效规则", "Skipped bad rule"),
}

BINDING_TEXT: dict[str, str] = {
    "Quit": "退出",
    "Help": "帮助",
    "Drill down": "下钻",
    "Up": "上一级",
    "National": "全国",
    "Previous period": "上一期",
    "Next period": "下一期",
    "Pick period": "选期",
    "Sort": "排序",
    "Detail": "详情",
    "Close": "关闭",
    "Commands": "命令",
    "Alerts": "预警",
    "Search": "查找",
    "Go to unit": "转到",
    "Filter": "筛选",
    "Level": "层级",
    "Clear filters": "清除筛选",
    "Export": "导出",
    "Export as": "导出为",
    "Filter by rule": "按规则筛选",
    "Refresh": "刷新",
    "Compare": "对比",
    "Deadline": "截止期限",
    "Alert panel": "预警面板",
    "Columns": "列组",
    "Previous columns": "上一列组",
}


HELP_GROUPS: dict[str, tuple[str, str]] = {
    "move": ("移动与下钻", "Moving and drilling"),
    "periods": ("报告期", "Periods"),
    "view": ("视图与筛选", "What the table shows"),
    "alerts": ("薄弱环节", "Weak links"),
    "out": ("详情、导出与数据", "Detail, export and data"),
    "general": ("通用", "General"),
}
"""The groups of the help, in order."""

KEY_HELP: dict[str, tuple[str, str, str]] = {
    "Up": ("move", "返回上一级，光标回到原来的单位", "up one level, the cursor back on the unit"),
    "National": ("move", "直接回到全国（或范围的最上层）",
                 "straight back to the nation (or the top of the scope)"),
    "Go to unit": ("move", "主视图转到该单位", "show this unit in the main view"),
    "Previous period": ("periods", "上一期（下钻路径和筛选保留）",
                        "the period before (the path and filters kept)"),
    "Next period": ("periods", "下一期", "the period after"),
    "Pick period": ("periods", "从列表中选择任一报告期", "pick any period from a list"),
    "Compare": ("periods", "与上一期、基期或任一期对比（再按：停止）",
                "compare with the previous, the first or any period (again: stop)"),
    "Sort": ("view", "按光标所在列排序：升序、降序、恢复",
             "sort by the column under the cursor: up, down, as it was"),
    "Columns": ("view", "下一组列（概览、进度、组织、人员、活力、全部），下次启动仍记得",
                "the next column set (overview, progress, …, all), remembered"),
    "Previous columns": ("view", "上一组列", "the column set before"),
    "Filter": ("view", "筛选：名称、拼音首字母，或条件如 县级方案出台率<40",
               "filter: a name, pinyin initials, or a condition like counties_plan_rate<40"),
    "Search": ("view", "按名称或拼音首字母查找", "search by name or pinyin initials"),
    "Level": ("view", "展开到某一层级：省内所有县、县内所有村……",
              "every unit of a lower level: the counties of a province …"),
    "Clear filters": ("view", "清除所有筛选和层级展开", "clear every filter and the level switch"),
    "Alerts": ("alerts",
               "进入薄弱环节面板（再按：回到表格）；面板中 Enter 列出规则的单位，f 按规则筛选",
               "into the weak-links panel (again: back); there Enter lists a rule's units, "
               "f filters the table by it"),
    "Alert panel": ("alerts", "窄屏时保持面板展开；宽屏时隐藏或显示面板",
                    "keep the panel open below (narrow) or hide it (wide)"),
    "Filter by rule": ("alerts", "只看有单位违反该规则的下级，并显示违规单位数",
                       "keep the rows with units breaking the rule, with how many"),
    "Back to the table": ("alerts", "回到表格", "back to the table"),
    "Detail": ("out", "单位详情：全部指标、历史和预警",
               "the unit's detail: every indicator, its history, its alerts"),
    "Deadline": ("out", "截止期限：各层级未出台方案的单位、进度和预计完成日期",
                 "the plan deadline: who still lacks a plan, the pace, the projection"),
    "Export": ("out", "把当前视图（所见的列）导出为 CSV", "export the view as shown to CSV"),
    "Export as": ("out", "选择导出路径和格式（csv、xlsx、parquet）",
                  "choose the path and format (csv, xlsx, parquet)"),
    "Refresh": ("out", "后台从发布源刷新数据", "refresh the data from the source"),
    "Help": ("general", "本帮助", "this help"),
    "Commands": ("general", "命令面板：所有操作，按名称或拼音首字母跳转到单位",
                 "command palette: every action, a jump to any unit"),
    "Close": ("general", "关闭", "close"),
    "Quit": ("general", "退出", "quit"),
}
"""Per key (by its binding's English description): its help group and one sentence."""

LEGEND: tuple[tuple[tuple[str, str], str, str], ...] = (
    (("● ▲ ·", "● ▲ ·"), "薄弱环节：严重、一般、提示", "weak links: critical, warning, info"),
    (("✓ ✗", "✓ ✗"), "是、否（红色的“否”是改革的问题）", "yes, no (a red no is a weak link)"),
    (("▲ ▼", "▲ ▼"), "对比模式：比基期高、低；绿色更好，红色更差，灰色无好坏",
     "compare mode: up or down since the baseline; green better, red worse, grey neither"),
    (("＋新 ×撤并", "+new ×closed"), "对比模式：基期后新设、已撤并的单位",
     "compare mode: units new since the baseline, closed since"),
    (("▁▃▅█", "▁▃▅█"), "趋势：最近 12 期的比率（{first}–{last}）",
     "trend: the rate over the last 12 periods ({first}–{last})"),
)
"""The marks the drill screen shows, and what each means."""


def tr(key: str, lang: str, **values: object) -> str:
    """The text `key` in 'zh' or 'en', with {placeholders} filled."""
    zh, en = TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def binding_text(description: str, lang: str) -> str:
    """A binding's description (written in English in the code) in the console's language."""
    return BINDING_TEXT.get(description, description) if lang == "zh" else description


def in_english(description: str) -> str:
    """A binding's description as the code writes it (binding_text the other way)."""
    return _ENGLISH.get(description, description)


_ENGLISH = {zh: en for en, zh in BINDING_TEXT.items()}


def key_sentence(description: str, lang: str) -> str:
    """What the key of a binding (by its description, in either language) does."""
    _, zh, en = KEY_HELP[in_english(description)]
    return zh if lang == "zh" else en
