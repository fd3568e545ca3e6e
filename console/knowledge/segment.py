"""Chinese word segmentation for the index and for queries.

SQLite's tokenizers do not split Chinese: unicode61 would make one token of a
whole sentence and trigram cannot find two-character words. So the text is
segmented here with jieba (the `rjieba` Rust port) and stored as words
separated by spaces; unicode61 then only splits on those spaces. Queries go
through the same function, so a word is spelt the same on both sides.

`cut_for_search` also emits the shorter words inside a long one
(社保卡 -> 社保, 社保卡), which is what lets "社保" find "社保卡挂失".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from resources import resource_path

KB_RESOURCES = resource_path("kb")

# Only letters and digits reach the index (unicode61's own token characters):
# punctuation, emoji and FTS syntax characters are separators on both sides.
_WORD_CHARS = re.compile(r"[^\W_]+", re.UNICODE)
# Split a jieba token where Chinese meets Latin letters or digits (5G基站 ->
# 5g, 基站), so "5G" alone still finds it.
_SCRIPT_RUNS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+")

# Words that carry no topic in a caller's sentence. Kept out of queries so a
# long description does not OR in half the index.
STOPWORDS = frozenset("""
的 了 吗 呢 吧 啊 呀 哦 嘛 么 是 在 有 和 与 及 或 就 都 也 还 又 我 你 他 她 它 我们 你们 他们 这 那 这个 那个
这边 那边 这里 那里 什么 怎么 怎么办 怎样 咋 咋办 啥 哪 哪里 哪儿 为什么 如何 能 能不能 可以 可不可以 要 想 会 让
给 被 把 对 到 从 向 去 来 说 问 一下 一个 个 些 一些 没有 不 没 很 太 好 多 吗 请问 请 麻烦 您 你好 喂 然后 已经 现在
今天 昨天 明天 情况 问题 事 事情 一直 还是 但是 因为 所以 如果 自己 人家 家里 那个 就是 这样 那样 上 下 里 中
""".split())


def normalize(text: str) -> str:
    """NFKC (full-width ＥＴＣ１２３ -> ETC123) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def _pieces(token: str) -> list[str]:
    out = []
    for word in _WORD_CHARS.findall(token):
        out.extend(_SCRIPT_RUNS.findall(word))
    return out


def words(text: str) -> list[str]:
    """All index words of `text`, in order (with jieba's sub-words of long words)."""
    if not text:
        return []
    import rjieba  # here, not at module level: loading its dictionary takes ~0.5 s, and
    # opening a profile imports this package without segmenting anything

    out: list[str] = []
    for tok in rjieba.cut_for_search(normalize(text)):
        out.extend(_pieces(tok))
    return out


@lru_cache(maxsize=2048)
def index_text(text: str) -> str:
    """The form stored in FTS5: the words joined by spaces (cached: every new
    profile indexes the same shipped articles)."""
    return " ".join(words(text))


def query_words(text: str, limit: int = 32) -> list[str]:
    """The distinct topic words of a query, in first-seen order, at most `limit`.

    Stopwords are dropped unless nothing else is left. A long text (an
    operator pasting a whole description) is cut to its first 2,000
    characters: the topic is in the first sentences, and the FTS expression
    must stay small enough to answer while the operator types.
    """
    seen: dict[str, None] = {}
    for w in words(text[:2000]):
        seen.setdefault(w, None)
    found = list(seen)
    topical = [w for w in found if w not in STOPWORDS]
    return (topical or found)[:limit]
