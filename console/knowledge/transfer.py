"""Import (JSON Lines, or a folder of Markdown files with front matter) and
export (JSON Lines) of articles.

A bad record never stops the rest: it is reported with its line number (or
file name) and the reason, and every good record is loaded.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter

from models.db import Database

from . import store
from .articles import Article, ArticleError, from_record


@dataclass(frozen=True)
class ImportProblem:
    """One record that was not imported: where it is and why."""

    where: str  # "articles.jsonl:12" or "folder/parking.md"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportReport:
    """The outcome of an import."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.added + self.updated + self.unchanged

    def to_json(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "problems": [{"where": p.where, "message": p.message} for p in self.problems],
                "warnings": [{"where": p.where, "message": p.message} for p in self.warnings]}


class ImportSourceError(Exception):
    """The path to import is not a JSON Lines file or a folder of Markdown files."""


def read_jsonl(path: Path, report: ImportReport) -> Iterator[Article]:
    """Articles of a JSON Lines file; bad lines go to `report.problems` with their number."""
    try:
        fh = open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise ImportSourceError(f"cannot read {path}: {exc.strerror}") from None
    with fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError:
                report.problems.append(
                    ImportProblem(f"{path.name}:{lineno + 1}", "not UTF-8 text; stopped reading here")
                )
                return
            if not line:
                return
            lineno += 1
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                report.problems.append(ImportProblem(where, f"not valid JSON ({exc.msg} at column {exc.colno})"))
                continue
            art = _article(data, where, report)
            if art is not None:
                yield art


def read_markdown_folder(folder: Path, report: ImportReport) -> Iterator[Article]:
    """Articles of the *.md files under `folder` (front matter holds the fields, the text is the body)."""
    files = sorted(p for p in folder.rglob("*.md") if p.is_file())
    if not files:
        raise ImportSourceError(f"{folder} holds no .md files")
    for path in files:
        where = str(path.relative_to(folder))
        try:
            post = frontmatter.loads(path.read_text("utf-8-sig"))
        except UnicodeDecodeError:
            report.problems.append(ImportProblem(where, "not UTF-8 text"))
            continue
        except Exception as exc:  # the YAML parser raises many types; all mean "bad front matter"
            report.problems.append(ImportProblem(where, f"front matter can't be read: {exc}"))
            continue
        data = dict(post.metadata)
        data["body"] = post.content
        if not data.get("title"):
            data["title"] = _first_heading(post.content) or path.stem
        art = _article(data, where, report)
        if art is not None:
            yield art


def _first_heading(body: str) -> str:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def _article(data, where: str, report: ImportReport) -> Article | None:
    try:
        art = from_record(data)
    except ArticleError as exc:
        report.problems.append(ImportProblem(where, str(exc)))
        return None
    if art.extra:
        report.warnings.append(ImportProblem(where, "ignored unknown fields: " + ", ".join(sorted(art.extra))))
    return art


def import_path(db: Database, path: Path | str, progress: Callable[[int], None] | None = None) -> ImportReport:
    """Import a JSON Lines file or a folder of Markdown files into the profile.

    Re-importing an article (same id, or same title when it has no id)
    updates it and bumps its version; an identical one is left unchanged.
    Raises ImportSourceError when the path itself can't be used.
    """
    path = Path(path)
    report = ImportReport()
    if path.is_dir():
        records = read_markdown_folder(path, report)
    elif path.is_file():
        records = read_jsonl(path, report)
    else:
        raise ImportSourceError(f"{path} does not exist")

    def counted():
        for n, art in enumerate(records, 1):
            if progress and n % 1000 == 0:
                progress(n)
            yield art

    counts = store.load(db, counted())
    report.added, report.updated, report.unchanged = counts.added, counts.updated, counts.unchanged
    return report


def export_jsonl(db: Database, path: Path | str) -> int:
    """Write every article as JSON Lines (ordered by id); returns the count.

    Written to a temporary file first and renamed, so a failed export never
    leaves half a file where a good one was.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    n = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        for art in store.all_articles(db):
            fh.write(json.dumps(art.to_json(), ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)
    return n
