"""Redaction: no phone number or ID card number survives, whatever text it sits in."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from console.redact import mask_address, public_address, redact

MOBILE = st.builds(lambda p, rest: p + rest, st.sampled_from(["13", "15", "17", "18", "19", "14", "16"]),
                   st.text("0123456789", min_size=9, max_size=9))
LANDLINE = st.builds(lambda area, n: area + n, st.sampled_from(["028", "010", "0755", "021"]),
                     st.text("0123456789", min_size=7, max_size=8))
ID_CARD = st.builds(lambda body, check: body + check, st.text("0123456789", min_size=17, max_size=17),
                    st.sampled_from(list("0123456789Xx")))
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def written(draw, number):
    """A number the way people type it: plain, grouped with spaces or dashes, full-width, with +86."""
    digits = draw(number)
    style = draw(st.sampled_from(["plain", "space", "dash", "fullwidth", "prefix"]))
    if style == "space":
        return " ".join(digits[i:i + 4] for i in range(0, len(digits), 4))
    if style == "dash":
        return digits[:3] + "-" + digits[3:7] + "-" + digits[7:]
    if style == "fullwidth":
        return digits.translate(FULLWIDTH)
    if style == "prefix":
        return "+86 " + digits
    return digits


FILLER = st.text(st.sampled_from(list("市民反映小区楼下噪音扰民请尽快处理电话号码身份证是的，。：:() abcXY")),
                 max_size=25)


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


@settings(max_examples=300, deadline=None)
@given(before=FILLER, after=FILLER, number=st.one_of(written(MOBILE), written(LANDLINE), written(ID_CARD)))
def test_no_phone_or_id_number_survives(before, after, number):
    out = redact(before + number + after)
    # the filler has no digits, so any digit left would be a piece of the number
    assert digits_of(out) == "", out


@settings(max_examples=100, deadline=None)
@given(numbers=st.lists(written(MOBILE), min_size=2, max_size=4), glue=FILLER)
def test_several_numbers_in_one_text(numbers, glue):
    out = redact(glue.join(numbers))
    for n in numbers:
        assert digits_of(n)[-8:] not in digits_of(out)


def test_names_addresses_and_what_stays():
    text = "我叫王小明，住在东大街12号3栋2单元501室，张先生说噪音很大，联系电话13812345678，身份证51010419900101123X。"
    out = redact(text, names=["王小明"])
    assert "王小明" not in out and "张先生" not in out and "某先生" in out
    assert "13812345678" not in out and "123X" not in out
    assert "东大街" in out and "12号" not in out and "501室" not in out
    assert "噪音很大" in out  # the matter itself stays readable
    assert redact("2026年11月24日反映的问题") == "2026年11月24日反映的问题"  # dates are not phone numbers
    assert mask_address("人民南路四段27号") == "人民南路四段**号"
    assert public_address("锦江区", "东大街12号") == "锦江区东大街"
    assert public_address("锦江区", "") == "锦江区"


EMAIL = st.builds(lambda user, host, tld, at: f"{user}{at}{host}.{tld}",
                  st.from_regex(r"[a-z][a-z0-9._\-]{2,12}", fullmatch=True),
                  st.from_regex(r"[a-z0-9]{2,10}", fullmatch=True), st.sampled_from(["com", "cn", "com.cn", "net"]),
                  st.sampled_from(["@", "＠"]))
PLATE = st.builds(lambda prov, city, sep, tail: prov + city + sep + tail,
                  st.sampled_from(list("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼")),
                  st.sampled_from(list("ABCDEFGHJKLMNPQRSTUVWXYZ")), st.sampled_from(["", "·", " ", "-"]),
                  st.from_regex(r"[A-HJ-NP-Z0-9]{5,6}", fullmatch=True).filter(lambda t: any(c.isdigit() for c in t)))


@settings(max_examples=200, deadline=None)
@given(before=FILLER, after=FILLER, address=EMAIL)
def test_no_email_survives(before, after, address):
    out = redact(before + " " + address + " " + after)
    user, host = re.split("[@＠]", address)
    assert user not in out and host not in out, out


@settings(max_examples=200, deadline=None)
@given(before=FILLER, after=FILLER, plate=PLATE)
def test_no_plate_survives(before, after, plate):
    tail = re.sub(r"^..[·\s\-]?", "", plate)
    out = redact(before + "车牌" + plate + "，" + after)
    assert tail not in out, out
