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
    "summary": ("本级合计", "This node"),
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


def tr(key: str, lang: str, **values: object) -> str:
    """The text `key` in 'zh' or 'en', with {placeholders} filled."""
    zh, en = TEXT[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def binding_text(description: str, lang: str) -> str:
    """A binding's description (written in English in the code) in the console's language."""
    return BINDING_TEXT.get(description, description) if lang == "zh" else description
