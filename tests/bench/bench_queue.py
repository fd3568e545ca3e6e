"""Queue on a big profile: show() to first painted page, filter, jump to the end, sort, peak memory.

Each time has as baseline the bare SQL query for the same page (sqlite3, the
same file, measured in the same run). The profile is `ctx.demo_profile`
(1,000,000 cases at scale 1), or the folder in $HOTLINE_BENCH_QUEUE_PROFILE
(e.g. one made by `main.py demo --cases 1000000`), which saves the ~15 min
it takes to generate.
"""
from __future__ import annotations

import os
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from tests.bench.harness import Figure

ROWS = 100
REPEAT = 5


def _median(fn, repeat: int = REPEAT, setup=None) -> float:
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(ctx) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from console.profile import open_profile
    from console.queue_filter import QueueFilter

    folder = os.environ.get("HOTLINE_BENCH_QUEUE_PROFILE")
    folder = Path(folder) if folder else ctx.demo_profile(ctx.size(1_000_000, 2000))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    profile = open_profile(folder)
    actor = profile.actor()
    base_rss = _rss_mb()
    raw = sqlite3.connect(str(profile.db.path))

    def bare(sql: str, params=()) -> None:
        raw.execute(sql, params).fetchall()

    from ui.queue_panel import QueuePanel
    from ui.services import build_services
    services = build_services(profile, actor)
    panel = QueuePanel(services.queue, services.names, None, None, services.categories, services.districts,
                       services.departments)
    panel.resize(1000, 700)
    n_total = services.queue.count(QueueFilter(view="all")).n
    m = _measure(app, panel, bare)
    peak = _rss_mb()
    pages = panel.model.loaded_pages()
    panel.close()
    panel.deleteLater()  # gone while the QApplication still exists, not during interpreter shutdown
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # the timed closures live in _measure, so this drops the last Python reference to the panel
    del panel
    import gc
    gc.collect()  # collect cycles holding Qt wrappers now, while the QApplication still exists
    raw.close()
    profile.close()
    note = f"{n_total:,} cases; All open shows {m['shown']:,}"
    last_row = m["last_row"]
    return [
        Figure("queue: show() to first painted page", m["t_first"] * 1000, "ms", m["b_first"] * 1000,
               "bare SQL for the same page", "< 150 ms", note),
        Figure("queue: apply a filter (district, open cases)", m["t_filter"] * 1000, "ms", m["b_filter"] * 1000,
               "bare SQL count + page", "< 150 ms", note),
        Figure("queue: jump to the last row (all cases)", m["t_end"] * 1000, "ms", m["b_end"] * 1000,
               "bare SQL for the last page", "< 300 ms", f"last row {last_row.number if last_row else '-'}"),
        Figure("queue: sort all cases by deadline", m["t_sort"] * 1000, "ms", m["b_sort"] * 1000,
               "bare SQL for the same page", "", note),
        Figure("queue: peak memory (RSS)", peak, "MB", base_rss, "RSS before the queue was built", "< 500 MB",
               f"{pages} pages of {ROWS} rows held"),
    ]


def _measure(app, panel, bare) -> dict:
    """Time each step on `panel`; the closures that hold the panel end with this call."""
    from PySide6.QtCore import Qt

    from console.queue import _COLUMNS, OPEN_SQL
    from console.queue_filter import QueueFilter
    from ui.queue_model import COLUMNS

    def paint() -> None:
        app.processEvents()
        panel.table.viewport().grab()  # paints the visible rows: every data() call the screen needs

    # 1. show() to the first painted page of the default view (All open, newest first)
    def leave() -> None:
        panel.hide()
        panel.model.set_filter(QueueFilter(view="all"))  # leave the view so start() really reloads
        app.processEvents()

    def first_page() -> None:
        panel.show()
        panel.start("all_open", "created", True)
        paint()
    t_first = _median(first_page, setup=leave)
    b_first = _median(lambda: bare(f"SELECT {_COLUMNS} FROM cases INDEXED BY ix_cases_open_created WHERE {OPEN_SQL} "
                                   f"ORDER BY created_at DESC, rowid DESC LIMIT {ROWS}"))
    shown = panel.model.rowCount()

    # 2. apply a filter (district, in the open cases)
    def unfiltered() -> None:
        panel.district_combo.setCurrentIndex(0)
        paint()

    def apply_filter() -> None:
        panel.district_combo.setCurrentIndex(panel.district_combo.findData("JJ"))
        paint()
    t_filter = _median(apply_filter, setup=unfiltered)
    b_filter = _median(lambda: (bare(f"SELECT count(*) FROM cases WHERE {OPEN_SQL} AND district_code = 'JJ'"),
                                bare(f"SELECT {_COLUMNS} FROM cases WHERE {OPEN_SQL} AND district_code = 'JJ' "
                                     f"ORDER BY +created_at DESC, rowid DESC LIMIT {ROWS}")))
    panel.district_combo.setCurrentIndex(0)

    # 3. jump to the last row of All cases (1,000,000 rows)
    panel.show_filter(QueueFilter(view="all"))
    paint()

    def back_to_top() -> None:
        panel.model.reload()  # drop the loaded pages: the end is read from the database each time
        panel.table.scrollToTop()
        paint()

    def jump_end() -> None:
        panel.table.scrollToBottom()
        paint()
    t_end = _median(jump_end, setup=back_to_top)
    last_row = panel.model.row_at(panel.model.rowCount() - 1)
    b_end = _median(lambda: bare(f"SELECT {_COLUMNS} FROM cases ORDER BY created_at ASC, rowid ASC LIMIT {ROWS}"))

    # 4. sort All cases by deadline (click on the header)
    deadline_col = COLUMNS.index("deadline")

    def sort_deadline() -> None:  # two clicks on the header: ascending, then descending
        panel.table.sortByColumn(deadline_col, Qt.SortOrder.AscendingOrder)
        paint()
        panel.table.sortByColumn(deadline_col, Qt.SortOrder.DescendingOrder)
        paint()
    t_sort = _median(sort_deadline) / 2
    b_sort = _median(lambda: bare(f"SELECT {_COLUMNS} FROM cases INDEXED BY ix_cases_deadline "
                                  f"ORDER BY deadline DESC, rowid DESC LIMIT {ROWS}"))
    return {"t_first": t_first, "b_first": b_first, "shown": shown, "t_filter": t_filter, "b_filter": b_filter,
            "t_end": t_end, "b_end": b_end, "last_row": last_row, "t_sort": t_sort, "b_sort": b_sort}
