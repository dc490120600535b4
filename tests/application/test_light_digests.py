"""The read path's digests and text checks, made without loading OpenSSL (`hashlib`) or compiling
the Unicode patterns at import (issue 17): the same digests as `hashlib`'s, so a view made before
keeps its place and its marks, and the same characters refused as the patterns always refused."""

import hashlib
import sys

import pytest

from events.text import check_name, check_text
from timeline.readmodel.place import shared_view_path
from timeline.readmodel.view import _Row, _mark


def test_the_mark_is_hashlibs_blake2b():
    row = _Row("0b4c7c1e-8d7d-4c55-9a1b-2f5e1c0d9a77", 3, "events.records:Record.StatementMade", b'{"quote":"x"}', 42)
    digest = hashlib.blake2b(b'{"quote":"x"}', digest_size=8).hexdigest()
    assert _mark(row) == f"42:{row.originator_id}:3:{row.topic}:{digest}"


@pytest.mark.parametrize("store", ["/srv/data/t.sqlite", "postgresql://db.example:5432/timeline?options=-csearch_path%3Dteam"])
def test_the_shared_view_path_is_hashlibs_sha256(store, monkeypatch, tmp_path):
    from timeline.store import store_identity

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    digest = hashlib.sha256(store_identity(store).encode()).hexdigest()[:24]
    assert shared_view_path(store) == tmp_path / "timeline" / "views" / f"{digest}.view.sqlite"


BIDI = {0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C}


def test_the_patterns_refuse_exactly_the_control_and_bidi_characters():
    for code in [*range(0x0, 0x3000), 0xFEFF, 0x1F600, sys.maxunicode]:
        char = chr(code)
        bad = code < 0x20 or 0x7F <= code <= 0x9F or code in BIDI
        if not char.isspace():  # a name's whitespace is folded to one space before the check
            with pytest.raises(ValueError) if bad else _nothing():
                check_name(f"a{char}b", "name")
        text_bad = bad and code not in (0x09, 0x0A, 0x0D)
        with pytest.raises(ValueError) if text_bad else _nothing():
            check_text(f"a{char}b", "quote")


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
