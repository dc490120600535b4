"""The house rules of the layout (docs/architecture.md): no module over 400 lines, no import circle,
a pure events/. Checked by benchmarks/house.py; this test keeps them from regressing."""

import importlib.util

from tests.conftest import ROOT


def _house():
    spec = importlib.util.spec_from_file_location("house", ROOT / "benchmarks" / "house.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_long_module_no_circle_and_a_pure_domain():
    assert _house().problems() == []


def test_the_check_sees_a_circle():
    house = _house()
    assert house.circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
