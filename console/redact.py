"""Redaction before anything leaves the console for publication or export.

What goes: mobile and landline numbers, ID card and bank card numbers,
e-mail addresses, WeChat and QQ ids, vehicle plates, house, building, unit
and room numbers, the caller's name, a surname with a title (张先生,
司马先生) and other persons' names (console.person_names, from jieba's
part-of-speech tags). What stays: the matter itself, dates, amounts, bus
lines, street and place names.

Numbers are found by shape, not by a list: any run of seven or more digits
(ASCII or full-width, with spaces, dots, dashes or brackets between them)
is masked, which covers phone numbers written any way, the 18-character
resident ID (17 digits and a check digit or X) and bank cards. A date
(2026-11-24) or an amount with its unit (3000000元) is recognised first and
kept. Over-masking a long order number is the price of never publishing a
phone number.

`scrub` is the cheap, name-blind form for log records and error messages.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from .person_names import COMPOUND_SURNAMES, NAME_MASK, mask_persons, mask_surname_said, mask_titled

MASK = "*"
# request types never published at all: a report (举报) would expose who reported whom
UNPUBLISHABLE_TYPES = ("report",)
ID_MASK = "***"
_SEP = r"[\s\-‐‑–—－.．·()（）/+＋]"
# a digit run of length >= 7 with separators inside, and an ID's trailing X
_LONG = rf"\d(?:{_SEP}*\d){{6,}}(?:{_SEP}*[Xx×Ｘｘ])?"
_DATE = (r"(?:19|20|１９|２０)\d\d\s*[-/.年－／．]\s*\d{1,2}\s*[-/.月－／．]\s*\d{1,2}\s*[日号]?"
         r"(?:(?:\s*|T)\d{1,2}\s*[:：]\s*\d\d(?:\s*[:：]\s*\d\d(?:[.,]\d{1,6})?)?(?:Z|[+-]\d\d:?\d\d)?)?"
         # a span of years (2025—2026年度, 2023-2025年)
         r"|(?:19|20)\d\d\s*[—–\-~～至到]\s*(?:19|20)\d\d(?!\d)"
         # a case number (CD-A01-20261127-0004) is not personal and stays readable in logs
         r"|\b[A-Z]{2}-[A-Z0-9]{2,8}-\d{8}-\d{4,}\b")
_AMOUNT = (r"\d+(?:[.．]\d+)?\s*(?:元|块|万|亿|平方米|平方|平米|㎡|米|公里|千米|千克|公斤|吨|斤|余?户|余?人|余?次|辆|"
           r"个|天|小时|分钟|%|％)")
# dates and amounts are matched first and kept; what is left of a long digit run is masked
# a phone read out and typed in words: 一三九零八零一二三四五 (幺 is how 1 is said on the phone)
_LONG_IN_WORDS = r"[零〇一二三四五六七八九幺](?:[\s\-]*[零〇一二三四五六七八九幺]){6,}"
_NUMBERS = re.compile(rf"(?P<keep>{_DATE}|{_AMOUNT})|(?P<num>{_LONG})|(?P<words>{_LONG_IN_WORDS})")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9\-]+(?:\s*[.．]\s*[A-Za-z0-9\-]+)+")
_CHAT_ID = re.compile(r"(?i)(微信号?|微信id|wechat|weixin|vx|wx|v信|qq号?|扣扣号?|qq群)"
                      r"(\s*(?:号码|号|id)?\s*(?:[:：]|是|为)?\s*)"
                      r"([A-Za-z][A-Za-z0-9_\-]{4,19}|\d{5,12})(?![A-Za-z0-9_\-])")
_PLATE = re.compile(r"(?<![A-Za-z0-9])([京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼])"
                    r"([A-HJ-NP-Za-hj-np-z])\s*[·•・.\-]?\s*((?=[A-HJ-NP-Za-hj-np-z]*\d)[A-HJ-NP-Za-hj-np-z0-9]{5,6}"
                    r"|(?=[A-HJ-NP-Za-hj-np-z]*\d)[A-HJ-NP-Za-hj-np-z0-9]{4}[挂学警])(?![A-Za-z0-9])")
# house numbers and the rest of an exact address: 12号, 3栋2单元501室, 5号楼, 12弄
_CN_NUM = r"[0-9０-９一二三四五六七八九十百千零〇两]+"
_UNIT = r"(?:号院|号楼|号|栋|幢|座|单元|楼|层|室|弄|组)"
_ADDRESS_TAIL = re.compile(rf"{_CN_NUM}\s*{_UNIT}(?:\s*-?\s*{_CN_NUM}\s*{_UNIT}?)*")
_ORDINARY_FLOOR = re.compile(r"[一二三四五六七八九十百千零〇两]+\s*[楼层]")
# a number before 号 that is a date, a line or a document, not a door: 11月24号, 3号线, 5号文件
_NOT_ADDRESS_BEFORE = ("月", "第")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_NOT_ADDRESS_AFTER = ("线", "文", "令", "窗口", "公告", "台风", "机")


def mask_numbers(text: str) -> str:
    """Every long digit run (phone, ID card, bank card numbers) masked, separators kept;
    dates and amounts with their unit kept."""
    def one(m: re.Match) -> str:
        if m.group("keep"):
            return m.group(0)
        if m.group("words"):
            return re.sub(r"\S", MASK, m.group(0))
        return re.sub(r"[\dXx×Ｘｘ]", MASK, m.group(0))
    return _NUMBERS.sub(one, text)


def mask_contacts(text: str) -> str:
    """E-mail addresses, WeChat and QQ ids and vehicle plates masked (川A12345 -> 川A*****)."""
    text = _EMAIL.sub(ID_MASK, text)
    text = _CHAT_ID.sub(lambda m: m.group(1) + m.group(2) + ID_MASK, text)
    return _PLATE.sub(lambda m: m.string[m.start():m.start(3)] + MASK * len(m.group(3)), text)


def mask_address(text: str) -> str:
    """House, building, unit and room numbers masked: 东大街12号3栋 -> 东大街**号*栋."""
    def one(m: re.Match) -> str:
        before, after = text[max(0, m.start() - 1):m.start()], text[m.end():m.end() + 2]
        if before in _NOT_ADDRESS_BEFORE or after.startswith(_NOT_ADDRESS_AFTER):
            return m.group(0)
        if _ORDINARY_FLOOR.fullmatch(m.group(0)):
            return m.group(0)  # 二楼的窗户, 十五楼以上, 一层灰: a floor in words is no address
        return re.sub(_CN_NUM, lambda n: MASK * len(n.group(0)), m.group(0))
    return _ADDRESS_TAIL.sub(one, text)


def mask_names(text: str, names: Iterable[str] = ()) -> str:
    """Known names (the caller's) replaced by 某某, a surname with a title by 某, and every
    other person's name the tagger finds by 某某."""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, NAME_MASK)
    return mask_persons(mask_titled(mask_surname_said(text)))


def name_variants(name: str) -> set[str]:
    """The ways a caller's name shows up in free text: whole, without spaces, each
    part, and for a Chinese name the given name alone (李小明 -> 小明)."""
    name = (name or "").strip()
    out = {name, re.sub(r"\s+", "", name), *name.split()}
    joined = re.sub(r"\s+", "", name)
    if _CJK_NAME.match(joined) and len(joined) >= 3:
        out.add(joined[len(joined) - 2:] if joined[:2] in COMPOUND_SURNAMES and len(joined) >= 4 else joined[1:])
    return {v for v in out if len(v) >= 2}


def redact(text: str, names: Iterable[str] = (), *, caller_name: str = "") -> str:
    """The publishable form of free text: names, phone, ID and card numbers, e-mail and chat
    ids, plates and exact addresses removed. `names` are masked wherever they appear, and
    so is every form of `caller_name` (name_variants). Results are cached: the same text
    is redacted once."""
    if not text:
        return ""
    known = {n for n in names if n} | (name_variants(caller_name) if caller_name else set())
    return _redact(text, tuple(sorted(known)))


@lru_cache(maxsize=2048)
def _redact(text: str, names: tuple[str, ...]) -> str:
    return mask_names(mask_address(mask_numbers(mask_contacts(text))), names)


def public_text(text: str, *, names: Iterable[str] = (), places: Iterable[str] = ()) -> str:
    """What a case's free text may show the public (Open311, the public site): the caller's
    exact address (`places`) and every form of their name (`names`) removed, then `redact`
    (numbers, contacts, addresses and names the text itself introduces). Plain text: escape
    it for the page that shows it."""
    out = text or ""
    for place in sorted({p.strip() for p in places if p and len(p.strip()) >= 2}, key=len, reverse=True):
        out = out.replace(place, "***")
    variants: set[str] = set()
    for n in names:
        variants |= name_variants(n)
    return redact(out, variants)


def scrub(text: str) -> str:
    """Personal data a log line or an error message can carry without knowing whose it is:
    phone, ID and card numbers, e-mail and chat ids, plates."""
    if not text:
        return text
    return mask_numbers(mask_contacts(text))


def public_address(district_name: str, address: str) -> str:
    """An address reduced to what may be published: the district and the road, no numbers."""
    road = mask_address(mask_numbers(address or ""))
    road = re.split(r"[\d*]", road, maxsplit=1)[0].strip()
    return f"{district_name}{road}" if road else district_name
