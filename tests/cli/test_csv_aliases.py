"""The csv aliases cell round-trips every alias exactly: `;` inside an alias is written `\\;` and a
backslash `\\\\`, import undoes both, and a cell written before the escape reads as it did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import Cli


def aliases(store: Cli) -> dict[str, list[str]]:
    return {a["name"]: a["aliases"] for a in store.json("actors")}


def round_trip(cli: Cli, tmp_path) -> Cli:
    path = tmp_path / "out.csv"
    path.write_bytes(cli("export", "--format", "csv").stdout_bytes)
    copy = Cli(tmp_path / "copy.sqlite")
    copy("import", str(path))
    return copy


def test_an_alias_holding_a_semicolon_comes_back_whole(cli, tmp_path):
    """The reviewer's case: "Y; the boss" came back as two aliases, `Y` and `the boss`."""
    cli("actor", "add", "Yan Y", "--alias", "Y; the boss", "--alias", "Yanni")
    # an actor with records (its aliases ride on the record rows) and one without (an actor row)
    cli("actor", "add", "Zed", "--alias", r"back\slash;", "--alias", r"ends in \\", "--alias", r"a \; b")
    cli("add", "Zed", "--topic", "tax", "--kind", "statement", "--stance", "support", "--on", "2025-01-01",
        "--summary", "For it", "--new-topic")
    exported = cli("export", "--format", "csv").stdout
    assert r"Y\; the boss; Yanni" in exported
    copy = round_trip(cli, tmp_path)
    assert aliases(copy) == aliases(cli) == {
        "Yan Y": ["Y; the boss", "Yanni"], "Zed": [r"back\slash;", r"ends in \\", r"a \; b"],
    }


def test_a_cell_written_before_the_escape_reads_as_it_did(cli, tmp_path):
    """Older exports joined aliases with "; " and escaped nothing: a lone backslash stays itself."""
    path = tmp_path / "old.csv"
    path.write_text("actor,topic,kind,stance,date,summary,actor_aliases\n"
                    "Eve,tax,statement,support,2025-01-01,For it,E; Evie;C:\\eve\n", encoding="utf-8")
    cli("import", str(path))
    assert aliases(cli)["Eve"] == ["E", "Evie", "C:\\eve"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("ab \\;'="), min_size=1).map(str.strip).filter(bool), max_size=4))
def test_the_cell_and_its_reading_are_exact_inverses(names):
    from timeline.exporting.data import aliases_cell
    from timeline.importing.rows import split_aliases

    assert split_aliases(aliases_cell(names)) == names
