"""`timeline serve` end to end: a real server in a subprocess, fetched with urllib.

The `.json` twins must equal the CLI's `--json` output byte for byte (with `known_at` given, so
both answer the same question); bad input is a 4xx with the CLI's sentence; user text stays text.
"""

from __future__ import annotations

import json
import time
from urllib.parse import quote, urlencode

import pytest

from tests.conftest import SEEDS, Cli
from tests.serving import serving

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A seeded SQLite store with a hostile actor and summary, served for the whole module."""
    folder = tmp_path_factory.mktemp("serve")
    cli = Cli(folder / "timeline.sqlite")
    cli("seed", str(SEEDS))
    cli("add", HOSTILE, "--new-actor", "--topic", "return-hubs", "--kind", "statement", "--stance", "oppose",
        "--on", "2025-05-16", "--summary", "[red]x & <b>bold</b>", "--url", "javascript:alert(1)", "--id", "evil-1")
    cli("correct", "starmer-further-details", "--summary", "Declined to name the countries.", "--reason", "shorter")
    with serving(cli.db, cwd=folder) as server:
        yield cli, server


def cli_text(cli: Cli, *args: str) -> str:
    return cli(*args, "--json").stdout


@pytest.mark.parametrize("question", [
    {"actor": "Keir Starmer", "topic": "return-hubs", "on": "2025-05-14"},
    {"actor": "Keir Starmer", "topic": "return-hubs", "on": "2025-05-16"},
    {"actor": "Sir Keir", "topic": "offshoring", "on": "14 May 2025"},
    {"actor": "Edi Rama", "on": "2025-06"},
])
def test_position_json_equals_the_cli(store, question):
    cli, server = store
    known_at = cli.json("history", "starmer-further-details")[-1]["recorded_at"]  # a fixed record time
    status, body = server.get("/position.json?" + urlencode({**question, "known_at": known_at}))
    args = ["position", question["actor"], "--on", question["on"], "--known-at", known_at]
    if "topic" in question:
        args += ["--topic", question["topic"]]
    assert status == 200
    assert body == cli_text(cli, *args)


def test_actor_record_and_search_twins(store):
    cli, server = store
    known_at = cli.json("history", "starmer-further-details")[-1]["recorded_at"]
    status, body = server.get(f"/actor/{quote('Keir Starmer')}.json?topic=offshoring&known_at={quote(known_at)}")
    assert status == 200 and body == cli_text(cli, "show", "Keir Starmer", "--topic", "offshoring", "--known-at", known_at)
    pasted = known_at  # pasted into a URL as printed: the query string reads its "+" as a space
    assert server.get(f"/actor/{quote('Keir Starmer')}.json?topic=offshoring&known_at={pasted}")[1] == body
    status, body = server.get("/record/starmer-further-details.json")
    assert status == 200 and body == cli_text(cli, "history", "starmer-further-details")
    assert [v["event"] for v in json.loads(body)] == ["StatementMade", "Corrected"]
    status, body = server.get("/search.json?q=Tirana&topic=return-hubs")
    assert status == 200 and body == cli_text(cli, "search", "Tirana", "--topic", "return-hubs")  # the same index
    found = json.loads(body)
    assert found["query"] == "Tirana" and found["results"]
    assert all("tirana" in json.dumps(hit).lower() for hit in found["results"])
    status, error = server.json("/search.json?" + urlencode({"q": "AND OR ("}))
    sentence = cli("search", "AND OR (", code=2).stderr.strip().removeprefix("Error: ")
    assert status == 400 and error == {"error": sentence}


def test_pages_answer_the_story(store):
    cli, server = store
    status, page = server.get("/position?actor=Keir+Starmer&topic=offshoring&on=2025-05-16")
    answer = server.json("/position.json?actor=Keir+Starmer&topic=offshoring&on=2025-05-16")[1]
    assert status == 200 and answer["stance"] == "support" and 'tl-support">support' in page
    assert f'href="/record/{answer["record"]["id"]}"' in page
    status, page = server.get("/")
    assert status == 200 and "Keir Starmer" in page and "return-hubs" in page and 'action="/search"' in page
    status, page = server.get(f"/actor/{quote('Keir Starmer')}")
    assert status == 200 and "U-turn" in page and "offshoring" in page  # the roll-up's U-turn, without ?topic
    status, page = server.get(f"/actor/{quote('Keir Starmer')}?topic=offshoring")  # rolled up: the U-turn
    assert status == 200 and "U-turn" in page and "/record/starmer-return-hubs-tirana" in page
    status, page = server.get(f"/actor/{quote('Keir Starmer')}/timeline.html")
    assert status == 200 and 'content="timeline export --format html"' in page  # the export's own page
    status, page = server.get("/record/starmer-further-details")
    assert status == 200 and "shorter" in page and "Corrected" in page


@pytest.mark.parametrize(("path", "args", "code"), [
    ("/position.json?actor=Nobody+At+All&on=2025-05-16", ["position", "Nobody At All", "--on", "2025-05-16"], 404),
    ("/position.json?actor=Keir+Starmer&on=the+twelfth+of+never", ["position", "Keir Starmer", "--on", "the twelfth of never"], 400),
    ("/position.json?actor=Keir+Starmer&topic=no-such-topic", ["position", "Keir Starmer", "--topic", "no-such-topic"], 404),
    ("/record/no-such-record.json", ["history", "no-such-record"], 404),
])
def test_bad_input_is_a_4xx_with_the_clis_sentence(store, path, args, code):
    cli, server = store
    sentence = cli(*args, code=None).stderr.strip().splitlines()[-1].removeprefix("Error: ")
    status, answer = server.json(path)
    assert status == code and answer == {"error": sentence}
    status, page = server.get(path.replace(".json", "", 1))
    assert status == code and "Traceback" not in page
    assert sentence.replace("'", "&#39;") in page


def test_missing_parameters_are_400_not_500(store):
    _, server = store
    for path in ("/position.json", "/position.json?actor=", "/stances.json", "/search.json"):
        status, answer = server.json(path)
        assert status == 400 and "Missing parameter" in answer["error"], path


def test_hostile_text_stays_text(store):
    _, server = store
    for path in ("/", f"/actor/{quote(HOSTILE, safe='')}", "/record/evil-1", "/search?q=%5Bred%5D",
                 f"/position?actor={quote(HOSTILE)}&topic=return-hubs&on=2025-05-16", f"/position?actor={quote(HOSTILE + 'x')}"):
        status, page = server.get(path)
        assert status < 500, path
        assert HOSTILE not in page and "<b>bold</b>" not in page, path
        assert 'href="javascript:' not in page, path
    status, page = server.get("/record/evil-1")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "[red]x &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def test_datasette_browsing_and_facets_stay(store):
    _, server = store
    status, table = server.json("/timeline/record_list.json?_facet=actor&_facet=stance&_shape=objects")
    assert status == 200
    facets = {name: {item["value"]: item["count"] for item in facet["results"]} for name, facet in table["facet_results"].items()}
    assert facets["actor"]["Keir Starmer"] == 6 and facets["stance"]["support"] >= 1
    status, body = server.get("/timeline/record_list.csv?actor=Edi+Rama")
    assert status == 200 and body.count("rama") >= 2


def test_stances_equals_the_cli(store):
    cli, server = store
    known_at = cli.json("history", "starmer-further-details")[-1]["recorded_at"]
    status, body = server.get(f"/stances.json?topic=return-hubs&on=2025-05-16&known_at={quote(known_at)}")
    assert status == 200 and body == cli_text(cli, "stances", "--topic", "return-hubs", "--on", "2025-05-16", "--known-at", known_at)
    status, page = server.get("/stances?topic=return-hubs&on=2025-05-16")
    assert status == 200 and "Edi Rama" in page and "Keir Starmer" in page


def test_a_colleagues_add_shows_on_the_next_page_load_and_the_server_writes_no_event(cli, tmp_path):
    cli("seed", str(SEEDS))
    with serving(cli.db, "--no-sql", cwd=tmp_path) as server:
        before = cli.event_count()
        assert server.get("/record/colleague-1.json")[0] == 404
        cli("add", "Edi Rama", "--topic", "return-hubs", "--kind", "statement", "--stance", "oppose",
            "--on", "2025-05-17", "--summary", "Said it again.", "--id", "colleague-1")
        deadline = time.monotonic() + 5
        while server.get("/record/colleague-1.json")[0] != 200:
            assert time.monotonic() < deadline, "the new record did not show within 5 s"
            time.sleep(0.2)
        for path in ("/", "/position?actor=Edi+Rama", "/timeline/record_list", "/record/colleague-1"):
            assert server.get(path)[0] == 200
        assert cli.event_count() == before + 1  # only the colleague's event: serving wrote none
        assert server.get("/timeline.json?sql=select+1")[0] == 403  # --no-sql


def test_another_host_than_localhost_warns_that_there_is_no_authentication(tmp_path):
    cli = Cli(tmp_path / "timeline.sqlite")
    cli("seed", str(SEEDS))
    with serving(cli.db, cwd=tmp_path, host="127.0.0.2") as server:
        assert server.get("/")[0] == 200
    assert "no authentication" in server.process.stderr.read()


def test_serving_a_missing_store_is_one_sentence(cli, tmp_path):
    result = cli("serve", "--port", "1", code=1)
    assert "Traceback" not in result.stderr and result.stderr.startswith("Error:")


def test_a_port_in_use_is_one_sentence_and_no_serving_banner(cli):
    import socket

    cli("seed", str(SEEDS))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("serve", "--port", str(port), code=1)
    assert result.stderr.strip() == f"Error: port {port} on 127.0.0.1 is already in use (another server?); choose another with --port"
    assert "Serving" not in result.stdout + result.stderr


def test_the_position_page_says_when_an_inverse_sub_topic_flipped_the_stance(cli, tmp_path):
    cli("topic", "add", "nuclear")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    cli("add", "Green Party", "--new-actor", "--topic", "nuclear-phaseout", "--kind", "proposal", "--stance", "support",
        "--on", "2024-01-01", "--summary", "Proposes the phase-out")
    cli("add", "Green Party", "--topic", "nuclear", "--kind", "statement", "--stance", "support",
        "--on", "2023-01-01", "--summary", "Backs nuclear")  # so that every topic's answer has a nuclear row
    with serving(cli.db, cwd=tmp_path) as server:
        for query in ("actor=Green+Party&topic=nuclear&on=2024-06-01", "actor=Green+Party&on=2024-06-01"):
            status, page = server.get("/position?" + query)
            assert status == 200
            assert "(flipped: support on nuclear-phaseout, an inverse sub-topic, counts as oppose here)" in page, query


def test_actor_and_stances_pages_carry_what_changes_and_stances_say(cli, tmp_path):
    cli("topic", "add", "nuclear")
    cli("topic", "add", "nuclear-phaseout", "--parent", "nuclear", "--inverse")
    add = ["--kind", "statement", "--summary", "s"]
    cli("add", "Green Party", "--new-actor", "--topic", "nuclear", "--stance", "oppose", "--on", "2023-01-01", *add)
    cli("add", "Green Party", "--topic", "nuclear-phaseout", "--stance", "oppose", "--on", "2024-01-01", *add)  # flipped: support
    cli("add", "Green Party", "--topic", "nuclear", "--stance", "oppose", "--on", "2024-07/..", *add)  # open end
    with serving(cli.db, cwd=tmp_path) as server:
        status, page = server.get("/actor/Green%20Party?topic=nuclear")
        assert status == 200 and "(flipped: an inverse sub-topic)" in page and "(open end: in force on no day)" in page
        status, page = server.get("/stances?topic=nuclear&on=2024-03-01")
        assert status == 200 and "(flipped: oppose on nuclear-phaseout, an inverse sub-topic, counts as support here)" in page


def test_search_and_stances_pages_name_their_command_too(store):
    cli, server = store
    status, page = server.get("/search?q=gimmick")
    assert status == 200 and "on the command line: <code>timeline search gimmick --json</code>" in page
    status, page = server.get("/stances?topic=return-hubs&on=2025-05-16")
    assert status == 200 and "<code>timeline stances --topic return-hubs --on 2025-05-16 --known-at " in page


@pytest.mark.parametrize("page, twin", [
    ("/position?actor=the+Prime+Minister&topic=return-hubs&on=2025-05-16", "/position.json?actor=the+Prime+Minister&topic=return-hubs&on=2025-05-16"),
    ("/stances?topic=offshoring&on=2025-05-16", "/stances.json?topic=offshoring&on=2025-05-16"),
    ("/actor/the%20Prime%20Minister?topic=offshoring", "/actor/the%20Prime%20Minister.json?topic=offshoring"),
], ids=["position-by-office", "stances", "actor-by-office"])
def test_the_command_a_page_names_prints_its_json(store, page, twin):
    """The page's "on the command line" is the same question: by the name the reader used (an
    office keeps its `via`) and at the answer's known_at, so it prints the page's JSON byte for byte."""
    import html
    import re
    import shlex

    cli, server = store
    status, body = server.get(page)
    command = html.unescape(re.search(r"on the command line: <code>(.*?) --json</code>", body).group(1))
    words = shlex.split(command)
    assert words[0] == "timeline"
    known_at = words[words.index("--known-at") + 1]
    status, expected = server.get(twin + "&known_at=" + quote(known_at))
    assert status == 200
    import html as markup
    link = markup.unescape(re.search(r'As JSON: <a href="([^"]+)"', body).group(1))  # the page's own twin link
    assert server.get(link) == (200, expected)
    printed = cli_text(cli, *words[1:])
    assert printed == expected
    if "position" in page or "actor" in page:
        assert json.loads(printed)["via"] is not None  # asked by office, answered as its holder
