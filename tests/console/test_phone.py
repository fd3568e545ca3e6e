"""Phone normalization: mainland mobiles and landlines, anything else refused clearly."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from console.phone import PhoneError, display, mask, normalize


@pytest.mark.parametrize("text,expected", [
    ("13800138000", "13800138000"),
    ("138 0013 8000", "13800138000"),
    ("138-0013-8000", "13800138000"),
    ("+86 138 0013 8000", "13800138000"),
    ("+8613800138000", "13800138000"),
    ("008613800138000", "13800138000"),
    ("8613800138000", "13800138000"),
    ("１３８００１３８０００", "13800138000"),  # full-width digits from a Chinese IME
    ("028-86001234", "02886001234"),
    ("(028) 8600 1234", "02886001234"),
    ("+86 28 8600 1234", "02886001234"),
    ("86001234", "02886001234"),  # a local number gets the city's area code
    ("010-62345678", "01062345678"),
    ("0755-12345678", "075512345678"),
    ("", None),
    ("   ", None),
    (None, None),
])
def test_accepted(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize("text,why", [
    ("12345", "too short"),
    ("1380013800", "11 digits"),
    ("138001380001", "11 digits"),
    ("+1 202 555 0100", "mainland"),
    ("abc", "only digits"),
    ("138-0013-80OO", "only digits"),
    ("10086", "too short"),
    ("2" * 41, "at most 40"),
    ("12012345678", "not a valid"),
])
def test_refused_with_a_reason(text, why):
    with pytest.raises(PhoneError, match=why):
        normalize(text)


def test_display_and_mask():
    assert display("13800138000") == "138 0013 8000"
    assert display("02886001234") == "028-8600 1234"
    assert display("075512345678") == "0755-1234 5678"
    assert mask("13800138000") == "138****8000"


MOBILE_PREFIXES = ["130", "133", "135", "138", "139", "150", "152", "158", "166", "176", "180", "186", "189", "199"]


@st.composite
def formatted_mobile(draw):
    number = draw(st.sampled_from(MOBILE_PREFIXES)) + draw(st.text("0123456789", min_size=8, max_size=8))
    sep = draw(st.sampled_from(["", " ", "-", "  "]))
    groups = [number[:3], number[3:7], number[7:]]
    text = sep.join(groups)
    prefix = draw(st.sampled_from(["", "+86 ", "+86", "0086", "86"]))
    return number, prefix + text


@given(formatted_mobile())
@settings(max_examples=300)
def test_any_formatting_of_a_mobile_normalizes_to_the_same_number(case):
    number, text = case
    assert normalize(text) == number


@given(st.text(max_size=60))
@settings(max_examples=500)
def test_random_input_never_raises_anything_but_phone_error(text):
    try:
        result = normalize(text)
    except PhoneError as exc:
        assert str(exc)
    else:
        assert result is None or (result.isdigit() and 10 <= len(result) <= 12)
