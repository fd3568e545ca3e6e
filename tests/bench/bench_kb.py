"""Knowledge search on 100,000 generated articles (about 500 characters each).

The articles are recombined from the shipped ones: a title from one article
and a qualifier, a body of sections from three others, so the vocabulary and
its frequencies are those of real hotline content. Figures:

- search latency p50 / p95 of KnowledgeService.search (segmentation, FTS5,
  snippets and answers included) over the caller-style relevance queries and
  longer case descriptions; baseline: a `LIKE '%word%'` scan of the same
  table for the same queries (every query word must appear, first 10 rows,
  no ranking: what a helpdesk without segmentation does);
- import rate (segmenting + writing article and index rows); baseline: the
  same rows written to a plain table without segmentation or index;
- index size (FTS5 tables); baseline: the article table itself.
"""
from __future__ import annotations

import json
import random
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from tests.bench.harness import Figure, percentile

ROOT = Path(__file__).resolve().parents[2]
QUALIFIERS = ["（市内）", "（常见问题）", "（办理指南）", "（政策解读）", "（区县版）", "（2026年版）",
              "（补充说明）", "（流程）"]


def generate(n: int, seed: int = 11):
    """`n` recombined articles (dicts in the import format)."""
    from console.knowledge import shipped_files
    from console.knowledge.articles import sections
    base = [json.loads(line) for f in shipped_files() for line in f.open(encoding="utf-8")]
    secs = [(h, t) for a in base for h, t in sections(a["body"]) if h]
    rnd = random.Random(seed)
    for i in range(n):
        a = rnd.choice(base)
        parts = [f"## {h}\n{t}" for h, t in (rnd.choice(secs) for _ in range(3))]
        body = "\n".join(parts)
        if len(body) > 520:
            body = body[:520]
        elif len(body) < 420:
            body += "\n" + "\n".join(f"## {h}\n{t}" for h, t in [rnd.choice(secs)])[: 500 - len(body)]
        yield {"id": f"GEN-{i:06d}", "title": a["title"] + rnd.choice(QUALIFIERS), "body": body,
               "category_code": a["category_code"], "department_code": a["department_code"],
               "tags": rnd.sample(a["tags"], k=min(3, len(a["tags"]))), "source": a["source"],
               "effective_date": a["effective_date"], "expiry_date": a["expiry_date"],
               "version": 1, "editor": a["editor"]}


def queries() -> list[str]:
    rel = [json.loads(line)["query"] for f in sorted((ROOT / "tests" / "data").glob("kb_relevance_*.jsonl"))
           for line in f.open(encoding="utf-8") if line.strip()]
    words = ["停车", "社保", "噪音", "5G基站", "12345", "ETC", "公积金", "物业费"]
    rnd = random.Random(5)
    # what the panel sends while the operator types a description: two remarks joined
    descriptions = [rnd.choice(rel) + "，" + rnd.choice(rel) + "，麻烦帮我查一下" for _ in range(30)]
    return rel + words + descriptions


def _gui_thread_cost(kb, qs) -> tuple[float, float, float]:
    """p95 of what the GUI thread does when results arrive (fill the list),
    against doing the search there too (the design the worker thread avoids)."""
    from PySide6.QtWidgets import QApplication

    from ui.knowledge_panel import KnowledgePanel
    app = QApplication.instance() or QApplication([])
    panel = KnowledgePanel(kb)
    panel.resize(440, 800)
    panel.show()
    app.processEvents()
    render, inline, cpu = [], [], []
    for q in qs:
        hits, duties = kb.search(q, 8), kb.search_responsibilities(q, 2)
        t, c = time.perf_counter(), time.thread_time()
        panel._show(hits, duties, q, 0.0)
        app.processEvents()
        render.append(time.perf_counter() - t)
        cpu.append(time.thread_time() - c)
        t = time.perf_counter()
        panel._show(kb.search(q, 8), kb.search_responsibilities(q, 2), q, 0.0)
        app.processEvents()
        inline.append(time.perf_counter() - t)
    panel.close()
    panel.deleteLater()
    app.processEvents()
    return percentile(render, 95) * 1000, percentile(inline, 95) * 1000, percentile(cpu, 95) * 1000


def run(ctx) -> list[Figure]:
    from console.knowledge import KnowledgeService
    from console.knowledge.articles import from_record
    from console.knowledge.segment import query_words, words
    from console.knowledge.store import load
    from models.db import open_database

    n = ctx.size(100_000, minimum=1000)
    db = open_database(ctx.workdir / "kb-bench.db")
    records = list(generate(n))
    articles = [from_record(r) for r in records]
    words("预热分词词典")  # load the dictionary outside the timed part

    t = time.perf_counter()
    counts = load(db, articles)
    import_s = time.perf_counter() - t
    assert counts.added == n

    with db.engine.begin() as conn:
        conn.execute(text("CREATE TABLE plain_copy (id TEXT PRIMARY KEY, title TEXT, body TEXT, tags TEXT)"))
    t = time.perf_counter()
    with db.engine.begin() as conn:
        for i in range(0, n, 500):
            conn.execute(text("INSERT INTO plain_copy VALUES (:id, :title, :body, :tags)"),
                         [{"id": a.id, "title": a.title, "body": a.body, "tags": " ".join(a.tags)}
                          for a in articles[i:i + 500]])
    plain_s = time.perf_counter() - t

    with db.engine.connect() as conn:
        sizes = dict(conn.execute(text("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")).all())
    fts_bytes = sum(v for k, v in sizes.items() if k.startswith("kb_fts"))
    table_bytes = sizes.get("kb_articles", 0) + sum(v for k, v in sizes.items() if k.startswith("sqlite_autoindex_kb"))

    kb = KnowledgeService(db, today=lambda: date(2026, 11, 27))
    qs = queries()
    for q in qs[:10]:  # warm the page cache the same way for both sides
        kb.search(q, 10)
    fts_times, cpu_times, like_times, empty = [], [], [], 0
    for _ in range(3):
        for q in qs:
            t, c = time.perf_counter(), time.thread_time()
            hits = kb.search(q, 10)
            fts_times.append(time.perf_counter() - t)
            cpu_times.append(time.thread_time() - c)
            empty += not hits
    with db.engine.connect() as conn:
        for _ in range(1):
            for q in qs:
                ws = query_words(q)[:4] or [q]
                where = " AND ".join(f"(title LIKE :w{i} OR body LIKE :w{i})" for i in range(len(ws)))
                t = time.perf_counter()
                conn.execute(text(f"SELECT doc FROM kb_articles WHERE {where} LIMIT 10"),
                             {f"w{i}": f"%{w}%" for i, w in enumerate(ws)}).all()
                like_times.append(time.perf_counter() - t)
    gui_ms, inline_ms, gui_cpu_ms = _gui_thread_cost(kb, qs)
    db.close()
    ms = 1000.0
    p50, p95 = percentile(fts_times, 50) * ms, percentile(fts_times, 95) * ms
    like50, like95 = percentile(like_times, 50) * ms, percentile(like_times, 95) * ms
    cpu50, cpu95 = percentile(cpu_times, 50) * ms, percentile(cpu_times, 95) * ms
    note = (f"{n} articles, {len(qs)} queries x3 ({empty} runs found nothing); CPU time of the searching "
            f"thread p50 {cpu50:.1f} ms, p95 {cpu95:.1f} ms (wall time includes waiting for a busy CPU)")
    return [
        Figure("kb search latency p50", p50, "ms", like50, "LIKE '%word%' scan p50", "", note,
               {"cpu_p50_ms": round(cpu50, 2)}),
        Figure("kb search latency p95", p95, "ms", like95, "LIKE '%word%' scan p95", "p95 < 15 ms", note,
               {"cpu_p95_ms": round(cpu95, 2)}),
        Figure("kb panel GUI-thread time per result update p95", gui_ms, "ms", inline_ms,
               "search on the GUI thread + same update, p95", "< 16 ms (one frame)",
               f"the panel searches on a worker thread; the GUI thread only fills and paints the list "
               f"(offscreen raster), once per finished search; CPU p95 {gui_cpu_ms:.1f} ms",
               {"gui_cpu_p95_ms": round(gui_cpu_ms, 2)}),
        Figure("kb import rate", n / import_s, "art/s", n / plain_s, "plain insert, no segmentation/index", "",
               f"{import_s:.1f} s for {n} articles"),
        Figure("kb index size", fts_bytes / 2**20, "MiB", table_bytes / 2**20, "article table itself", "",
               f"{fts_bytes / n:.0f} bytes per article"),
    ]
