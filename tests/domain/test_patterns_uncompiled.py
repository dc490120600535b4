"""Two patterns the read path no longer compiles at start-up (issue 17) are tested as they were:
the character test of `timeline.dates.edtf_characters` and the YYYY-MM-DD shortcut of
`events.dates._l0_groups` must answer exactly what the regular expressions answer."""

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from events.dates import _L0, PartialDate, _l0_groups
from timeline.dates import edtf_characters

EDTF_CHARS = re.compile(r"[\dX?~%./\-]+")
L0 = re.compile(_L0)
# ASCII digits, other decimal digits (Arabic-Indic, Devanagari, fullwidth), digits that are not
# decimal (superscript two, circled one), the EDTF signs and a few letters and spaces.
ALPHABET = "0123456789٠١٢٣४५６７²①X?~%./-– aTZ:+"


def test_every_digit_and_the_first_code_points_alone_and_beside_a_digit():
    # Every character that any of `str.isdecimal`, `isdigit`, `isnumeric` takes, anywhere in Unicode, and
    # every code point below U+3000 (signs, spaces, letters of the scripts near Latin): the shortcut's
    # answer can only differ from the pattern's on a digit or one of the EDTF signs.
    points = [p for p in range(sys.maxunicode + 1) if p < 0x3000 or chr(p).isnumeric()]
    for point in points:
        ch = chr(point)
        for text in (ch, f"2024{ch}", f"{ch}-01"):
            assert edtf_characters(text) == bool(EDTF_CHARS.fullmatch(text)), (hex(point), text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=14))
def test_edtf_characters_is_the_pattern(text):
    assert edtf_characters(text) == bool(EDTF_CHARS.fullmatch(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=12) | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"))
def test_the_day_shortcut_gives_the_pattern_groups(text):
    match = L0.fullmatch(text)
    assert _l0_groups(text) == (match.groups() if match else None)


def test_days_in_other_digits_parse_as_before():
    """The shortcut takes any decimal digit, as `\\d` did: the same day, or the same refusal."""
    other, ascii_digits = PartialDate.parse("٢٠٢٤-٠٧-٠١"), PartialDate.parse("2024-07-01")
    assert (other.start, other.end, other.precision) == (ascii_digits.start, ascii_digits.end, ascii_digits.precision)
    for bad in ("2024-13-01", "2024-02-30", "0000-01-01"):
        try:
            PartialDate.parse(bad)
        except ValueError as error:
            assert bad in str(error)
        else:
            raise AssertionError(bad)
