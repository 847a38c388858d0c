"""fpa-console: 计生协改革监测台, the headless core and the Textual console."""

import os

# polars allocates through its own jemalloc, which by default keeps what a query freed for
# 10 s: the widths of a flattened view of every village (~460,000 rows) then stayed ~150 MB
# in the console for good. Freed pages go back at once instead (read by jemalloc when
# polars loads, so set here, before any module imports polars; a user's own setting wins).
os.environ.setdefault("_RJEM_MALLOC_CONF",
                      "background_thread:true,dirty_decay_ms:0,muzzy_decay_ms:0")
