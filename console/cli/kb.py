"""`kb import|search|export|lexicon|learned`: the knowledge base from the command line.

`kb lexicon` and `kb learned` are the team leads' review of the colloquial
lexicon and of the words learned from answered cases; changing either needs
a team lead's or an admin's login (`--operator LOGIN`).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..knowledge import ImportSourceError, KnowledgeService, export_jsonl, import_path, learning, lexicon
from ..knowledge.segment import normalize
from . import CliError, add_data_dir, add_json, positive_int, print_json, profile_from


def register(sub) -> None:
    p = sub.add_parser("kb", help="import, search and export knowledge articles; review the lexicon and learned words")
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

    _register_lexicon(ksub)
    _register_learned(ksub)


def _add_operator(p) -> None:
    # SUPPRESS: without it this default would replace a `main.py --operator X kb ...` given earlier
    p.add_argument("--operator", default=argparse.SUPPRESS, metavar="LOGIN",
                   help="act as this operator of the profile (a team lead or an admin to change anything)")


def _leaf(sub, name: str, help: str, handler, json: bool = False, operator: bool = False):
    p = sub.add_parser(name, help=help)
    add_data_dir(p)
    if json:
        add_json(p)
    if operator:
        _add_operator(p)
    p.set_defaults(handler=handler)
    return p


def _register_lexicon(ksub) -> None:
    p = ksub.add_parser("lexicon", help="the colloquial lexicon: what callers say -> the words articles use")
    lsub = p.add_subparsers(dest="lexicon_command", metavar="ACTION", required=True)
    ls = _leaf(lsub, "list", "entries in force (shipped, local and from the feed)", cmd_lexicon_list, json=True)
    ls.add_argument("--term", default=None, help="only terms containing this text")
    st = _leaf(lsub, "set", "add or change an entry (team lead or admin)", cmd_lexicon_set, operator=True)
    st.add_argument("term", help="what callers say, e.g. 黑车")
    st.add_argument("words", nargs="+", metavar="WORD", help="the words the articles use, e.g. 非法营运")
    rm = _leaf(lsub, "remove", "remove an entry, a shipped one too (team lead or admin)", cmd_lexicon_remove,
               operator=True)
    rm.add_argument("term")


def _register_learned(ksub) -> None:
    p = ksub.add_parser("learned", help="words the articles learned from answered cases")
    lsub = p.add_subparsers(dest="learned_command", metavar="ACTION", required=True)
    ls = _leaf(lsub, "list", "learned words with their weight now, strongest first", cmd_learned_list, json=True)
    ls.add_argument("--article", default=None, metavar="ID", help="only this article")
    fg = _leaf(lsub, "forget", "remove a learned word of an article, or all it learned (team lead or admin)",
               cmd_learned_forget, operator=True)
    fg.add_argument("article", metavar="ARTICLE", help="article id, e.g. KB-0114")
    fg.add_argument("word", nargs="?", default=None, help="the word (default: every word of the article)")


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


# -- the team leads' review ----------------------------------------------------------
def _editor(prof, args):
    """The acting operator; CliError unless a team lead or an admin."""
    login = getattr(args, "operator", None)
    try:
        actor = prof.actor(login)
    except LookupError as exc:
        raise CliError(str(exc)) from None
    if actor.role not in lexicon.EDITOR_ROLES:
        hint = "" if login else " (give --operator LOGIN)"
        raise CliError(f"{actor.login} is {actor.role}: only a team lead or an admin changes this{hint}")
    return actor


def cmd_lexicon_list(args) -> int:
    prof = profile_from(args)
    try:
        with prof.db.engine.connect() as conn:
            table = lexicon.entries(conn)
    finally:
        prof.close()
    part = normalize(args.term.strip()) if args.term else ""
    rows = [t for key, t in sorted(table.items()) if part in key]
    for t in rows:
        if args.json:
            print_json({"term": t.term, "targets": list(t.targets), "source": t.source, "kind": t.kind})
        else:
            print(f"{t.term}\t{','.join(t.targets)}\t{t.source}")
    if not rows and part:
        print(f"no lexicon entry holds {args.term!r}", file=sys.stderr)
        return 1
    return 0


def cmd_lexicon_set(args) -> int:
    prof = profile_from(args)
    try:
        actor = _editor(prof, args)
        with prof.db.engine.connect() as conn:
            before = lexicon.entries(conn).get(normalize(args.term.strip()))
        term = lexicon.set_term(prof.db, args.term, args.words, actor.login, actor.role)
    except lexicon.LexiconError as exc:
        raise CliError(str(exc)) from None
    finally:
        prof.close()
    was = f" (was {','.join(before.targets)}, {before.source})" if before else ""
    print(f"{term.term} -> {','.join(term.targets)}{was}")
    return 0


def cmd_lexicon_remove(args) -> int:
    prof = profile_from(args)
    try:
        actor = _editor(prof, args)
        removed = lexicon.remove_term(prof.db, args.term, actor.login, actor.role)
    except lexicon.LexiconError as exc:
        raise CliError(str(exc)) from None
    finally:
        prof.close()
    if not removed:
        print(f"no lexicon entry {args.term!r}", file=sys.stderr)
        return 1
    print(f"removed {normalize(args.term.strip())}")
    return 0


def cmd_learned_list(args) -> int:
    prof = profile_from(args)
    try:
        rows = learning.learned(prof.db, args.article)
        titles = _titles(prof.db, {a for a, _, _ in rows}) if not args.json else {}
    finally:
        prof.close()
    for article_id, word, weight in rows:
        if args.json:
            print_json({"article_id": article_id, "word": word, "weight": round(weight, 4)})
        else:
            print(f"{article_id:<14} {weight:6.2f}  {word}\t{titles.get(article_id, '')}")
    return 0


def cmd_learned_forget(args) -> int:
    prof = profile_from(args)
    try:
        actor = _editor(prof, args)
        n = learning.forget(prof.db, args.article, args.word, actor.role, actor.login)
    except lexicon.LexiconError as exc:
        raise CliError(str(exc)) from None
    finally:
        prof.close()
    what = f"{args.word!r} of {args.article}" if args.word else f"anything of {args.article}"
    if not n:
        print(f"nothing learned: {what}", file=sys.stderr)
        return 1
    print(f"forgot {n} word{'s' if n != 1 else ''} of {args.article}")
    return 0


def _titles(db, ids: set[str]) -> dict[str, str]:
    service = KnowledgeService(db)
    return {a: art.title for a in sorted(ids) if (art := service.get(a)) is not None}
