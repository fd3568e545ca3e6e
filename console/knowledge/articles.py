"""Articles as plain data: validation of incoming records, the stable id,
the answer text an operator reads out, and the JSON form of export."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .segment import normalize

FIELDS = ("id", "title", "body", "category_code", "department_code", "tags", "source",
          "effective_date", "expiry_date", "version", "editor", "answer")
MAX_TITLE = 200
MAX_BODY = 100_000
ANSWER_CHARS = 400
# Sections that describe who asks or repeat questions, not what to tell them.
_SKIP_SECTIONS = ("适用情形", "常见问题", "适用对象", "适用范围")


class ArticleError(ValueError):
    """An incoming record can't be an article; the message says which field and why."""


@dataclass(frozen=True)
class Article:
    """One knowledge article, as imported, stored and exported."""

    id: str
    title: str
    body: str
    category_code: str | None = None
    department_code: str | None = None
    tags: tuple[str, ...] = ()
    source: str = ""
    effective_date: date | None = None
    expiry_date: date | None = None
    version: int = 1
    editor: str = ""
    answer: str = ""  # explicit answer; empty means derived from the body (see answer_text)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def is_expired(self, today: date) -> bool:
        return self.expiry_date is not None and self.expiry_date < today

    def content_key(self) -> tuple:
        """Everything but the version: equal keys mean a re-import changes nothing."""
        return (self.title, self.body, self.category_code, self.department_code, self.tags, self.source,
                self.effective_date, self.expiry_date, self.editor, self.answer)

    def to_json(self) -> dict:
        """The export form; `import` reads it back to an equal article."""
        d = {"id": self.id, "title": self.title, "body": self.body, "category_code": self.category_code,
             "department_code": self.department_code, "tags": list(self.tags), "source": self.source,
             "effective_date": self.effective_date.isoformat() if self.effective_date else None,
             "expiry_date": self.expiry_date.isoformat() if self.expiry_date else None,
             "version": self.version, "editor": self.editor}
        if self.answer:
            d["answer"] = self.answer
        return d


def stable_id(title: str) -> str:
    """An id for a record that has none: from its normalized title, so
    importing the same article again finds the same row."""
    key = re.sub(r"\s+", "", normalize(title))
    return "KB-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10].upper()


def from_record(data: object) -> Article:
    """Validate a JSON object / front-matter mapping into an Article.

    Raises ArticleError naming the field. Unknown keys are kept aside in
    `extra` (reported by the importer) rather than failing the article.
    """
    if not isinstance(data, dict):
        raise ArticleError("an article is a JSON object with at least a title and a body")
    title = _text(data, "title", required=True, limit=MAX_TITLE)
    body = _text(data, "body", required=True, limit=MAX_BODY)
    raw_id = data.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        art_id = stable_id(title)
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        art_id = str(raw_id).strip()
        if len(art_id) > 64:
            raise ArticleError("id: at most 64 characters")
    else:
        raise ArticleError("id: must be text")
    tags = data.get("tags") or []
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,，、;；\s]+", tags) if t]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ArticleError("tags: must be a list of words (or one comma-separated string)")
    version = data.get("version", 1)
    if version is None:
        version = 1
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ArticleError(f"version: must be a whole number of at least 1, not {version!r}")
    eff, exp = _date(data, "effective_date"), _date(data, "expiry_date")
    if eff and exp and exp < eff:
        raise ArticleError(f"expiry_date {exp} is before effective_date {eff}")
    extra = {k: v for k, v in data.items() if k not in FIELDS}
    return Article(
        id=art_id, title=title, body=body,
        category_code=_code(data, "category_code"), department_code=_code(data, "department_code"),
        tags=tuple(t.strip() for t in tags if t.strip()), source=_text(data, "source"),
        effective_date=eff, expiry_date=exp, version=version, editor=_text(data, "editor", limit=64),
        answer=_text(data, "answer", limit=MAX_BODY), extra=extra)


def _text(data: dict, key: str, required: bool = False, limit: int | None = None) -> str:
    value = data.get(key)
    if value is None:
        if required:
            raise ArticleError(f"{key}: missing")
        return ""
    if not isinstance(value, str):
        raise ArticleError(f"{key}: must be text, not {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise ArticleError(f"{key}: empty")
    if limit and len(value) > limit:
        raise ArticleError(f"{key}: at most {limit} characters (has {len(value)})")
    return value


def _code(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise ArticleError(f"{key}: must be a code such as \"0701\" or \"HOUSING\"")
    return str(value).strip() or None


def _date(data: dict, key: str) -> date | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, date):  # YAML front matter gives dates already parsed
        return value
    if not isinstance(value, str):
        raise ArticleError(f"{key}: must be a date like 2026-01-31")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ArticleError(f"{key}: {value!r} is not a date like 2026-01-31") from None


_MD_NOISE = re.compile(r"(\*\*|__|`|^#+\s*|^\s*[-*+]\s+|^\s*\d+\.\s+|\[([^\]]*)\]\([^)]*\))", re.M)


def plain(markdown: str) -> str:
    """Markdown to plain text: no headings marks, bullets, emphasis or link targets."""
    return _MD_NOISE.sub(lambda m: m.group(2) or "", markdown)


def sections(body: str) -> list[tuple[str, str]]:
    """(heading, text) pairs of a Markdown body; text before the first heading has heading ''."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in body.splitlines():
        m = re.match(r"^#{1,6}\s*(.+?)\s*$", line)
        if m:
            out.append((m.group(1), []))
        elif line.strip():
            out[-1][1].append(line)
    return [(h, "\n".join(lines)) for h, lines in out if lines]


@lru_cache(maxsize=1024)
def answer_text(article: Article) -> str:
    """What the operator inserts into the reply: the explicit answer, or the
    body's sections that say what to do (not who asks, not the FAQ), as plain
    text, cut at a sentence end near ANSWER_CHARS, with the source."""
    if article.answer:
        return article.answer
    parts = []
    for heading, text in sections(article.body):
        if heading and any(skip in heading for skip in _SKIP_SECTIONS):
            continue
        lines = [plain(line).strip().rstrip("；;。") for line in text.splitlines()]
        lines = [ln for ln in lines if ln]
        if lines:
            parts.append((f"{heading}：" if heading else "") + "；".join(lines) + "。")
    text = "".join(parts) or plain(article.body).strip()
    if len(text) > ANSWER_CHARS:
        cut = max(text.rfind("。", 0, ANSWER_CHARS), text.rfind("；", 0, ANSWER_CHARS))
        text = text[: cut + 1] if cut > ANSWER_CHARS // 2 else text[:ANSWER_CHARS] + "…"
    if article.source:
        text += f"（依据：{article.source}）"
    return text
