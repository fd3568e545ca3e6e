"""Redaction before anything leaves the console for publication or export:
personal names, phone numbers, ID card numbers and exact addresses.

Numbers are found by shape, not by a list: any run of seven or more digits
(ASCII or full-width, with spaces, dots, dashes or brackets between them)
is masked, which covers mobile and landline numbers written any way and the
18-character resident ID (17 digits and a check digit or X). Over-masking a
long order number is the price of never publishing a phone number.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "*"
_SEP = r"[\s\-‐‑–—－.．·()（）/+＋]"
# a digit run of length >= 7 with separators inside, and an ID's trailing X
_LONG_NUMBER = re.compile(rf"\d(?:{_SEP}*\d){{6,}}(?:{_SEP}*[Xx×Ｘｘ])?")
# house numbers and the rest of an exact address: 12号, 3栋2单元501室, 5号楼, 12弄
_CN_NUM = r"[0-9０-９一二三四五六七八九十百千零〇两]+"
_ADDRESS_TAIL = re.compile(
    rf"{_CN_NUM}\s*(?:号院|号楼|号|栋|幢|座|单元|楼|层|室|户|弄|组)"
    rf"(?:\s*-?\s*{_CN_NUM}\s*(?:号院|号楼|号|栋|幢|座|单元|楼|层|室|户|弄|组)?)*")
# "我叫张三", "姓名：李四", "联系人王五"
_SELF_NAMED = re.compile(r"(我叫|我是|本人|姓名[:：]?\s*|联系人[:：]?\s*|来电人[:：]?\s*)([\u4e00-\u9fff]{2,3})")
# 张先生, 李女士, 王师傅, 刘老师, 陈阿姨 -> 某先生
_TITLED = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])(?=先生|女士|小姐|师傅|老师|阿姨|大爷|大妈|同志)")
_NOT_NAMES = set("这那某该本贵我你他她其每各哪谁")


def mask_numbers(text: str) -> str:
    """Every long digit run (phone numbers, ID card numbers) masked, separators kept."""
    return _LONG_NUMBER.sub(lambda m: re.sub(r"[\dXx×Ｘｘ]", MASK, m.group(0)), text)


def mask_address(text: str) -> str:
    """House, building, unit and room numbers masked: 东大街12号3栋 -> 东大街**号*栋."""
    return _ADDRESS_TAIL.sub(lambda m: re.sub(_CN_NUM, lambda n: MASK * len(n.group(0)), m.group(0)), text)


def mask_names(text: str, names: Iterable[str] = ()) -> str:
    """Known names (the caller's) and names introduced in the text replaced by 某某."""
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len, reverse=True):
        text = text.replace(name, "某某")
        # the surname with a title (张先生) is the same person
    text = _SELF_NAMED.sub(lambda m: m.group(1) + "某某", text)
    return _TITLED.sub(lambda m: m.group(1) if m.group(1) in _NOT_NAMES else "某", text)


def redact(text: str, names: Iterable[str] = ()) -> str:
    """The publishable form of free text: names, phone and ID numbers, exact addresses removed."""
    if not text:
        return ""
    return mask_names(mask_address(mask_numbers(text)), names)


def public_address(district_name: str, address: str) -> str:
    """An address reduced to what may be published: the district and the road, no numbers."""
    road = mask_address(mask_numbers(address or ""))
    road = re.split(r"[\d*]", road, maxsplit=1)[0].strip()
    return f"{district_name}{road}" if road else district_name
