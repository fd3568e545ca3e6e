"""`kb import|search|export`: the knowledge base from the command line."""
from __future__ import annotations

import sys
from pathlib import Path

from ..knowledge import ImportSourceError, KnowledgeService, export_jsonl, import_path
from . import CliError, add_data_dir, add_json, positive_int, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("kb", help="import, search and export knowledge articles")
    ksub = p.add_subparsers(dest="kb_command", metavar="ACTION", required=True)

    imp = ksub.add_parser("import", help="import a JSON Lines file or a folder of Markdown files with front matter")
    add_data_dir(imp)
    add_json(imp)
    imp.add_argument("path", type=Path, help="articles.jsonl, or a folder of .md files")
    imp.set_defaults(handler=cmd_import)

    se = ksub.add_parser("search", help="ranked articles for a query")
    add_data_dir(se)
    add_json(se)
    se.add_argument("query", help="any text, e.g. 小区门口乱停车")
    se.add_argument("--limit", type=positive_int, default=10, help="at most N results (default 10)")
    se.add_argument("--duties", action="store_true", help="search the departments' responsibility lists instead")
    se.set_defaults(handler=cmd_search)

    ex = ksub.add_parser("export", help="write every article as JSON Lines (import reads it back unchanged)")
    add_data_dir(ex)
    ex.add_argument("path", type=Path, help="file to write")
    ex.set_defaults(handler=cmd_export)


def cmd_import(args) -> int:
    prof = profile_from(args)
    try:
        report = import_path(prof.db, args.path)
    except ImportSourceError as exc:
        raise CliError(str(exc)) from None
    finally:
        prof.close()
    if args.json:
        print_json(report.to_json())
    else:
        print(f"imported {args.path}: {report.added} added, {report.updated} updated, "
              f"{report.unchanged} unchanged, {len(report.problems)} not imported")
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for p in report.problems:
        print(f"not imported: {p}", file=sys.stderr)
    return 1 if report.problems else 0


def cmd_search(args) -> int:
    prof = profile_from(args)
    try:
        service = KnowledgeService(prof.db)
        if args.duties:
            duties = service.search_responsibilities(args.query, args.limit)
        else:
            hits = service.search(args.query, args.limit)
    finally:
        prof.close()
    if args.duties:
        for d in duties:
            if args.json:
                print_json({"department_code": d.department_code, "department_name": d.department_name,
                            "line": d.line, "snippet": d.snippet, "score": round(d.score, 4)})
            else:
                print(f"{d.department_code:<14} {d.department_name}  {d.snippet}")
        return 0
    for h in hits:
        if args.json:
            print_json({"id": h.id, "title": h.title, "score": round(h.score, 4), "snippet": h.snippet,
                        "expired": h.expired})
        else:
            mark = " [expired]" if h.expired else ""
            print(f"{h.id:<14} {h.score:7.2f}  {h.title}{mark}\n               {h.snippet}")
    return 0


def cmd_export(args) -> int:
    prof = profile_from(args)
    try:
        n = export_jsonl(prof.db, args.path)
    except OSError as exc:
        raise CliError(f"cannot write {args.path}: {exc.strerror}") from None
    finally:
        prof.close()
    print(f"exported {n} articles to {args.path}", file=sys.stderr)
    return 0
