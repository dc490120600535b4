"""A name used before (renamed away, merged, an alias since removed) registered again: actor ids
derive from the name, so the new actor takes the next free id of that name (events/actors.py)
instead of clashing with the old one for 30 seconds; `actor add` resolves a name as every command
does (an old name is an alias: it names the renamed actor); and a plan the store refuses while no
one else writes is not tried again."""

from __future__ import annotations

import threading
import time
from contextlib import nullcontext

import pytest

from events.actors import actor_id
from events.dates import PartialDate
from timeline import retry
from timeline.errors import DomainError
from timeline.tracker import Tracker


@pytest.fixture
def quick(monkeypatch):
    """A spin ends after 3 seconds (it took 30) so that a regression fails fast."""
    monkeypatch.setattr(retry, "RETRY_SECONDS", 3.0)


def timed(cli, *args, code=0):
    started = time.monotonic()
    result = cli(*args, code=code)
    assert time.monotonic() - started < 2.5, f"{args} took {time.monotonic() - started:.1f} s"
    return result


def test_the_old_name_after_a_rename_names_the_renamed_actor(cli, quick) -> None:
    cli("actor", "add", "Old Name")
    cli("actor", "rename", "Old Name", "New Name")
    result = timed(cli, "actor", "add", "Old Name", "--new-actor")
    assert result.stdout == "Already registered: New Name.\n"
    assert "Note: 'Old Name' is an alias of New Name, so this command changes New Name" in result.stderr
    assert [a["name"] for a in cli.json("actors")] == ["New Name"]


def test_a_name_that_no_longer_answers_is_registered_again_with_a_fresh_id(cli, quick) -> None:
    cli("actor", "add", "Old Name")
    cli("actor", "rename", "Old Name", "New Name")
    cli("actor", "alias", "New Name", "--remove", "Old Name")
    assert timed(cli, "actor", "add", "Old Name").stdout == "Registered Old Name.\n"
    actors = {a["name"]: a for a in cli.json("actors")}
    assert set(actors) == {"Old Name", "New Name"}
    cli("add", "Old Name", "-t", "tax", "--new-topic", "-k", "statement", "-s", "support", "--on", "2024-01-01", "--summary", "s")
    assert cli.json("position", "Old Name", "--topic", "tax")["stance"] == "support"
    assert cli.json("position", "New Name", "--topic", "tax")["stance"] is None
    # a third time: the third generation's id, for `add` and `office term` as for `actor add`
    cli("actor", "rename", "Old Name", "Newer Name")
    cli("actor", "alias", "Newer Name", "--remove", "Old Name")
    timed(cli, "add", "Old Name", "-t", "tax", "-k", "statement", "-s", "oppose", "--on", "2024-02-01", "--summary", "t")
    cli("actor", "rename", "Old Name", "Newest Name")
    cli("actor", "alias", "Newest Name", "--remove", "Old Name")
    timed(cli, "office", "term", "Harbour Master", "Old Name", "--from", "2020-01-01")
    assert sorted(a["name"] for a in cli.json("actors")) == ["New Name", "Newer Name", "Newest Name", "Old Name"]


def test_a_merged_duplicates_name_names_its_survivor(cli, quick) -> None:
    cli("actor", "add", "Keir Starmer")
    cli("actor", "add", "K. Starmer", "--new-actor")
    cli("actor", "merge", "K. Starmer", "--into", "Keir Starmer", "--reason", "same")
    result = timed(cli, "actor", "add", "K. Starmer", "--new-actor", "--alias", "Sir Keir")
    assert result.stdout == "Already registered: Keir Starmer with alias Sir Keir.\n"
    assert "'K. Starmer' was merged into Keir Starmer" in result.stderr


def test_actor_add_resolves_an_old_name_as_add_does(cli, quick) -> None:
    cli("actor", "add", "Marta Ķēniņa")
    cli("actor", "rename", "Marta Ķēniņa", "Marta Ķēniņa-Bērziņa")
    result = timed(cli, "actor", "add", "Marta Ķēniņa", "--alias", "MK")
    assert result.stdout == "Already registered: Marta Ķēniņa-Bērziņa with alias MK.\n"
    assert "did you mean" not in result.stderr
    cli("add", "MK", "-t", "tax", "--new-topic", "-k", "statement", "-s", "support", "--on", "2024-01-01", "--summary", "s")
    assert cli.json("position", "Marta Ķēniņa-Bērziņa", "--topic", "tax")["stance"] == "support"
    # the hint of a close name, followed, makes a new actor at once
    close = cli("actor", "add", "Marta Kenina", code=1)
    assert "did you mean 'Marta Ķēniņa-Bērziņa'? (use --new-actor to create it)" in close.stderr
    assert timed(cli, "actor", "add", "Marta Kenina", "--new-actor").stdout == "Registered Marta Kenina.\n"


def test_an_alias_of_several_actors_is_ambiguous_unless_new_actor(cli) -> None:
    cli("actor", "add", "Ann Able", "--alias", "the chair")
    cli("actor", "add", "Bob Baker", "--alias", "the chair")
    assert "'the chair' is ambiguous: it may mean Ann Able, Bob Baker" in cli("actor", "add", "the chair", code=1).stderr
    assert cli("actor", "add", "the chair", "--new-actor").stdout == "Registered the chair.\n"


def test_two_creators_of_a_name_used_before_still_clash(tmp_path, monkeypatch) -> None:
    """Without the lock (as a bulk import that takes none), both plan the same fresh id: the second
    save is refused, and its command plans again and finds the name registered."""
    store = str(tmp_path / "t.sqlite")
    setup = Tracker(store)
    setup.add_actor("Old Name")
    setup.rename_actor("Old Name", "New Name")
    setup.change_aliases("New Name", remove=["Old Name"])
    setup.close()
    monkeypatch.setattr(Tracker, "writers_lock", lambda self, **_: nullcontext())
    first, second = Tracker(store, view=tmp_path / "v1.sqlite"), Tracker(store, view=tmp_path / "v2.sqlite")
    second.reader()
    real_save, outcome = first.save, {}

    def save(*items):
        first.save = real_save
        thread = threading.Thread(target=lambda: outcome.setdefault("second", second.add_actor("Old Name")))
        thread.start()
        thread.join(30)
        real_save(*items)

    first.save = save
    assert first.add_actor("Old Name")["created"] is False  # the second saved first; this one found it
    assert outcome["second"]["created"] is True
    assert first.reader().execute("SELECT COUNT(*) FROM actors WHERE name='Old Name'").fetchone()[0] == 1


def test_a_plan_the_store_refuses_while_no_one_writes_is_not_tried_again(tmp_path, quick) -> None:
    """The old rule (the name's first id, whatever the store holds) made `actor add` spin for 30
    seconds after a rename; any such deterministic clash now ends at once, saying what clashed."""
    from events.actors import Actor

    tracker = Tracker(str(tmp_path / "t.sqlite"))
    tracker.add_actor("Old Name")
    tracker.rename_actor("Old Name", "New Name")
    started = time.monotonic()
    with pytest.raises(DomainError) as raised:
        tracker.commit(lambda conn: ([Actor.register("Old Name")], None))
    assert time.monotonic() - started < 1
    assert str(raised.value) == ("nothing was written: the new actor 'Old Name' would take the id of another actor in "
                                 "the store (now called New Name), so trying again would fail the same way")
    assert Actor.register("Old Name").id == actor_id("Old Name")  # the first generation's id is every old store's
    tracker.close()


def test_a_record_for_a_new_actor_dated_any_day(tmp_path) -> None:
    """`add` with an unknown name passes the store's ids too (its record lands under a fresh id)."""
    tracker = Tracker(str(tmp_path / "t.sqlite"))
    tracker.add_actor("Old Name")
    tracker.rename_actor("Old Name", "New Name")
    tracker.change_aliases("New Name", remove=["Old Name"])
    record = tracker.add_record(actor="Old Name", topic="tax", kind="statement", stance="support",
                                date=PartialDate.parse("2024-01-01"), summary="s", new_topic=True)
    assert record["actor"] == "Old Name"
    tracker.close()
