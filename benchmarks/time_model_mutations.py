"""Mutation checks of the time-model property test (docs/time.md, "Mutation checks").

Plants one rule bug at a time in timeline/queries/positions.py, runs
tests/application/test_time_model.py, and restores the file whatever happens. Each plant must make
the test fail; the script exits 1 if one survives.

    python benchmarks/time_model_mutations.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "timeline" / "queries" / "positions.py"
TEST = "tests/application/test_time_model.py"

PLANTS = [
    ("changes walk records by period start", 'POSITION_ORDER = "end, seq"', 'POSITION_ORDER = "start, seq"'),
    ("changes break ties by record order reversed", 'POSITION_ORDER = "end, seq"', 'POSITION_ORDER = "end, seq DESC"'),
    ("certain computed with <= (a shared single day counts as disjoint)",
     '"certain": before["end"] < after["start"]', '"certain": before["end"] <= after["start"]'),
    ("position decides by period start instead of end",
     'where="end <= ?", params=(day,), order="end DESC, seq DESC", limit=1',
     'where="start <= ?", params=(day,), order="start DESC, seq DESC", limit=1'),
    ("position breaks ties by the earlier recorded",
     'where="end <= ?", params=(day,), order="end DESC, seq DESC", limit=1',
     'where="end <= ?", params=(day,), order="end DESC, seq ASC", limit=1'),
    ("uncertain_order misses a record that ends on the chosen one's first day",
     'where="end <= ? AND end >= ? AND uuid != ?"', 'where="end <= ? AND end > ? AND uuid != ?"'),
    ("uncertain_order lists records of the same stance too",
     "if rolled_stance(row, signs)[0] != stance]", "if rolled_stance(row, signs)[0] != stance or True]"),
    ("changes compare raw stances, not rolled ones (an inverse sub-topic not flipped)",
     "(was, flip_a), (now, flip_b) = rolled_stance(before, signs), rolled_stance(after, signs)",
     "(was, flip_a), (now, flip_b) = (before['stance'], 0), (after['stance'], 0)"),
]


def main() -> int:
    original = TARGET.read_text()
    survived = []
    try:
        for label, old, new in PLANTS:
            if original.count(old) != 1:
                print(f"cannot plant '{label}': the text to replace is not in {TARGET.name} exactly once")
                survived.append(label)
                continue
            TARGET.write_text(original.replace(old, new))
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", TEST],
                cwd=ROOT, capture_output=True, text=True, check=False,
            )
            caught = result.returncode != 0
            print(f"{'caught  ' if caught else 'SURVIVED'}  {label}")
            if not caught:
                survived.append(label)
    finally:
        TARGET.write_text(original)
    return 1 if survived else 0


if __name__ == "__main__":
    sys.exit(main())
