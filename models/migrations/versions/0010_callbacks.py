"""callbacks: three satisfaction levels, unreached tries, review, the 1-hour progress contact

Revision ID: 0010_callbacks
Revises: 0009_kb_words

- cases: satisfaction (satisfied / basically_satisfied / dissatisfied; the older
  yes/no `satisfied` maps onto satisfied / dissatisfied), callback_attempts,
  contact_deadline and contacted_at (the progress contact of an urgent case),
  extension_requested (a pending request: only that can be approved).
- rollups: three counters, basic_satisfied, unreachable and closed_no_callback;
  the older closes of replied cases are counted as closed without a callback.
- the event trigger again, counting the new actions (a frozen copy of what
  console/rollups.py generated when this was written: migrations never import
  live code).
- the queue's partial indexes over open cases again: `review` is an open state,
  and their WHERE text must be the queue's text.
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0010_callbacks"
down_revision = "0009_kb_words"
branch_labels = None
depends_on = None

OLD_METRICS = (
    "intake", "repeat_intake", "answered", "transferred", "merged", "dispatched", "returned",
    "signed", "signed_on_time", "replied", "replied_on_time", "reply_wmin", "callbacks", "satisfied",
    "resolved", "reopened", "supervised", "instr_city", "instr_district", "instr_township", "picks",
)
NEW_METRICS = ("basic_satisfied", "unreachable", "closed_no_callback")
METRICS = OLD_METRICS + NEW_METRICS
GRAINS = {
    "rollup_day": (),
    "rollup_day_district": ("district",),
    "rollup_day_category": ("category",),
    "rollup_day_department": ("department",),
    "rollup_day_district_category": ("district", "category"),
    "rollup_daily": ("district", "category", "department"),
}
OPERATOR_METRICS = ("intake", "answered", "dispatched", "handled", "handle_seconds", "callbacks")
COUNTED = ("receive", "answer", "transfer", "merge", "dispatch", "return", "accept", "reply", "callback", "reopen",
           "supervise", "instruct", "pick", "callback_unreached", "close", "close_without_callback",
           "review_reopen")
OLD_OPEN_SQL = ("state IN ('accepted', 'callback', 'dispatched', 'extended', 'received', 'reopened', 'replied', "
                "'returned')")
OPEN_SQL = ("state IN ('accepted', 'callback', 'dispatched', 'extended', 'received', 'reopened', 'replied', "
            "'returned', 'review')")
OPEN = {"ix_cases_open_created": "created_at", "ix_cases_open_deadline": "deadline",
        "ix_cases_open_number": "number", "ix_cases_open_state": "state", "ix_cases_open_type": "type",
        "ix_cases_open_urgency": "urgency", "ix_cases_open_category": "category_code",
        "ix_cases_open_district": "district_code", "ix_cases_open_caller": "caller_phone",
        "ix_cases_open_department": "lead_department", "ix_cases_open_operator": "operator_id, created_at"}
PERIODS = ((540, 720), (780, 1080))  # the shipped policy's working periods, in minutes of the day
_LEVEL = "json_extract(NEW.payload, '$.satisfaction')"


def _position(x: str) -> str:
    local = f"{x}, '+8 hours'"
    m = f"((julianday({local}) - julianday(date({local}))) * 1440.0)"
    into = " + ".join(f"max(0, min({m}, {end}) - {start})" for start, end in PERIODS)
    return (f"(SELECT w.cum + CASE WHEN w.day = date({local}) THEN {into} ELSE 0 END "
            f"FROM work_days w WHERE w.day >= date({local}) ORDER BY w.day LIMIT 1)")


def _daily() -> list[str]:
    k, js = "NEW.kind", "json_extract(NEW.payload, '$.%s')"
    satisfied = f"coalesce({_LEVEL} IN ('satisfied', 'basically_satisfied'), {js % 'satisfied'}, 0)"
    wmin = (f"CASE WHEN {k} = 'reply' AND c.dispatched_at IS NOT NULL THEN "
            f"{_position('NEW.at')} - {_position('c.dispatched_at')} ELSE 0 END")
    return [
        f"{k} = 'receive'", f"({k} = 'receive' AND c.repeat_caller)", f"{k} = 'answer'", f"{k} = 'transfer'",
        f"{k} = 'merge'", f"{k} = 'dispatch'", f"{k} = 'return'", f"{k} = 'accept'",
        f"({k} = 'accept' AND coalesce(NEW.at <= c.sign_deadline, 1))", f"{k} = 'reply'",
        f"({k} = 'reply' AND coalesce(NEW.at <= c.reply_deadline, 1))", wmin, f"{k} = 'callback'",
        f"({k} = 'callback' AND {satisfied})", f"({k} = 'callback' AND coalesce({js % 'resolved'}, 0))",
        f"{k} IN ('reopen', 'review_reopen')", f"{k} = 'supervise'",
        f"({k} = 'instruct' AND {js % 'level'} = 'city')", f"({k} = 'instruct' AND {js % 'level'} = 'district')",
        f"({k} = 'instruct' AND {js % 'level'} = 'township')", f"{k} = 'pick'",
        f"({k} = 'callback' AND coalesce({_LEVEL} = 'basically_satisfied', 0))",
        f"({k} = 'callback_unreached' AND NEW.to_state = 'closed')",
        f"({k} = 'close_without_callback' OR ({k} = 'close' AND NEW.from_state IN ('replied', 'callback')))",
    ]


def _upsert(keys, cols) -> str:
    return f"ON CONFLICT({', '.join(keys)}) DO UPDATE SET " + ", ".join(f"{c} = {c} + excluded.{c}" for c in cols)


def _trigger() -> str:
    dept = ("CASE WHEN NEW.kind IN ('receive', 'answer', 'transfer', 'merge') THEN '' WHEN NEW.kind = 'dispatch' "
            "THEN coalesce(json_extract(NEW.payload, '$.lead_department'), '') "
            "ELSE coalesce(c.lead_department, '') END")
    dims = {"district": "coalesce(c.district_code, '')", "category": "coalesce(c.category_code, '')",
            "department": dept}
    daily = ", ".join(_daily())
    grains = "\n".join(
        f"  INSERT INTO {t} ({', '.join(('day',) + keys + METRICS)})\n"
        f"  SELECT date(NEW.at, '+8 hours'), {''.join(dims[x] + ', ' for x in keys)}{daily}\n"
        f"  FROM cases c WHERE c.id = NEW.case_id\n  {_upsert(('day',) + keys, METRICS)};"
        for t, keys in GRAINS.items())
    first = "(NEW.kind IN ('answer', 'dispatch', 'transfer') AND NEW.from_state = 'received')"
    ops = ", ".join([
        "NEW.kind = 'receive'", "NEW.kind = 'answer'", "NEW.kind = 'dispatch'", first,
        f"CASE WHEN {first} THEN (julianday(NEW.at) - julianday(c.created_at)) * 86400.0 ELSE 0 END",
        "NEW.kind = 'callback'"])
    unsatisfied = (f"(NEW.kind = 'callback' AND NOT coalesce({_LEVEL} IN ('satisfied', 'basically_satisfied'), "
                   "json_extract(NEW.payload, '$.satisfied'), 1))")
    counted = ", ".join(f"'{k}'" for k in COUNTED)
    return f"""CREATE TRIGGER trg_rollup_event AFTER INSERT ON case_events WHEN NEW.kind IN ({counted})
BEGIN
{grains}
  INSERT INTO rollup_operator (day, operator, {', '.join(OPERATOR_METRICS)})
  SELECT date(NEW.at, '+8 hours'), NEW.actor, {ops}
  FROM cases c WHERE c.id = NEW.case_id AND NEW.kind IN ('receive', 'answer', 'dispatch', 'transfer', 'callback')
  {_upsert(('day', 'operator'), OPERATOR_METRICS)};
  INSERT INTO rollup_reasons (day, department, reason, n)
  SELECT date(NEW.at, '+8 hours'), coalesce(c.lead_department, ''), substr(trim(NEW.reason), 1, 200), 1
  FROM cases c WHERE c.id = NEW.case_id AND {unsatisfied}
  ON CONFLICT(day, department, reason) DO UPDATE SET n = n + 1;
END"""


def upgrade() -> None:
    # plain ADD COLUMN (no batch copy of the table)
    op.add_column("cases", sa.Column("satisfaction", sa.String(length=24), nullable=True))
    op.add_column("cases", sa.Column("callback_attempts", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("cases", sa.Column("contact_deadline", sa.DateTime(), nullable=True))
    op.add_column("cases", sa.Column("contacted_at", sa.DateTime(), nullable=True))
    op.add_column("cases", sa.Column("extension_requested", sa.String(length=16), nullable=True))
    op.create_index("ix_cases_merged_into", "cases", ["merged_into_id"],
                    sqlite_where=sa.text("merged_into_id IS NOT NULL"))
    op.create_index("ix_cases_contact_due", "cases", ["contact_deadline"],
                    sqlite_where=sa.text("contact_deadline IS NOT NULL"))
    op.execute("UPDATE cases SET satisfaction = CASE WHEN satisfied THEN 'satisfied' ELSE 'dissatisfied' END "
               "WHERE satisfied IS NOT NULL")
    conn = op.get_bind()
    added = False
    for table in GRAINS:
        have = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
        for m in NEW_METRICS:
            if m not in have:  # 0003b adds them to a profile it builds its rollups for (and counts them)
                op.add_column(table, sa.Column(m, sa.Integer(), nullable=False, server_default="0"))
                added = True
    if added:
        _count_old_closes(conn)
    # counts a killed bulk load parked are rows of the old length: pad them
    for pid, counts in conn.exec_driver_sql("SELECT id, counts FROM rollup_pending").fetchall():
        rows = [row + [0] * (4 + len(METRICS) - len(row)) for row in json.loads(counts)]
        conn.exec_driver_sql("UPDATE rollup_pending SET counts = ? WHERE id = ?", (json.dumps(rows), pid))
    op.execute("DROP TRIGGER IF EXISTS trg_rollup_event")
    op.execute(_trigger())
    _open_indexes(OPEN_SQL)


def _count_old_closes(conn) -> None:
    """The closes of replied cases so far were closes without a callback: count them, at every grain."""
    conn.exec_driver_sql(
        "CREATE TEMP TABLE closed_no_cb AS SELECT date(e.at, '+8 hours') AS day, coalesce(c.district_code, '') "
        "AS district, coalesce(c.category_code, '') AS category, coalesce(c.lead_department, '') AS department, "
        "count(*) AS n FROM case_events e JOIN cases c ON c.id = e.case_id "
        "WHERE e.kind = 'close' AND e.from_state IN ('replied', 'callback') GROUP BY 1, 2, 3, 4")
    for table, keys in GRAINS.items():
        cols = ", ".join(("day",) + keys)
        conn.exec_driver_sql(f"INSERT INTO {table} ({cols}, closed_no_callback) SELECT {cols}, sum(n) "
                             f"FROM temp.closed_no_cb WHERE true GROUP BY {cols} "
                             f"ON CONFLICT({cols}) DO UPDATE SET closed_no_callback = closed_no_callback + "
                             f"excluded.closed_no_callback")
    conn.exec_driver_sql("DROP TABLE temp.closed_no_cb")


def _open_indexes(where: str) -> None:
    for name, cols in OPEN.items():
        op.execute(f"DROP INDEX IF EXISTS {name}")
        op.execute(f"CREATE INDEX {name} ON cases ({cols}) WHERE {where}")


def downgrade() -> None:
    _open_indexes(OLD_OPEN_SQL)
    op.execute("DROP TRIGGER IF EXISTS trg_rollup_event")  # the next upgrade makes it again
    for table in GRAINS:
        with op.batch_alter_table(table) as batch:
            for m in NEW_METRICS:
                batch.drop_column(m)
    op.drop_index("ix_cases_contact_due", table_name="cases")
    op.drop_index("ix_cases_merged_into", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        for name in ("extension_requested", "contacted_at", "contact_deadline", "callback_attempts", "satisfaction"):
            batch.drop_column(name)
