"""`--json` output is written without importing `json` (issue 17): `timeline.cli.common.dumps` must
write exactly what `json.dumps(data, ensure_ascii=False, indent=2)` writes, for any value."""

import json
import math
from enum import IntEnum, StrEnum

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.cli.common import dumps


def reference(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


# What the queries answer with: text keys; text (any code point, controls and quotes included),
# integers of any size, floats, booleans and None, nested.
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
answers = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(answers)
def test_the_same_text_as_json_dumps(data):
    assert dumps(data) == reference(data)


class Colour(StrEnum):
    RED = "red"


class Size(IntEnum):
    BIG = 3


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    scalars | st.sampled_from([math.nan, math.inf, -math.inf, Colour.RED, Size.BIG]),
    lambda inner: st.lists(inner, max_size=4).map(tuple) | st.lists(inner, max_size=4)
    | st.dictionaries(st.none() | st.booleans() | st.integers() | st.floats() | st.text(), inner, max_size=4),
    max_leaves=20,
))
def test_what_the_queries_never_make_is_written_as_json_dumps_writes_it(data):
    """Tuples, keys that are not text, subclasses, NaN and infinities: the same text too."""
    assert dumps(data) == reference(data)


def test_edge_cases_by_hand():
    for data in ({}, [], {"a": {}}, {"a": []}, [[[]]], "", "é\u2028\x00\"\\", 10**30, -0.0, 1e-7,
                 {"k": [1, {"x": None, "y": True}], "z": "«quoted»"}):
        assert dumps(data) == reference(data)


def test_refusals_are_json_dumps_own():
    """What json.dumps cannot write fails the same way (the command's error sentence names it)."""
    circular: list = []
    circular.append(circular)
    for data in ({"a": object()}, {(1, 2): "tuple key"}, circular):
        try:
            reference(data)
        except (TypeError, ValueError) as expected:
            try:
                dumps(data)
            except type(expected) as error:
                assert str(error) == str(expected)
            else:
                raise AssertionError(f"dumps wrote {data!r}")
