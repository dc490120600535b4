"""Scoring `timeline extract` against gold records: the development set of real news, and the written fixtures.

Real news (benchmarks/extract_set/: dev, seen, seen2, seen3, seen4, seen5, seen6, seen7 and seen8 are development
material; a blind held-out part, e.g. `blind6/` with its sources in `blind6_sources.jsonl`, is scored once at the end
with `--part blind6`; the rules for gold records are in docs/extract.md):
a candidate *matches* a gold record when the actor is one the gold record accepts (its name, aliases
or `accept` list; "the" and the kind of apostrophe aside), the candidate's evidence overlaps one of
the gold record's evidence passages in the article, and the kind or the stance agrees. Matching is
one-to-one, best pairs first (agreeing kind, stance and date count). Then:

- core recall: matched core gold records / core gold records;
- precision: matched candidates / candidates (a second candidate for one act counts against it);
- date accuracy: matched candidates whose date is the gold date (both null included) / matched;
- topic agreement: matched candidates whose topic is the gold topic when the gold topic is a store
  topic, and is not a store topic (a proposed new one) when the gold topic is new;
- misattributions: candidates whose evidence overlaps a gold act but whose actor is none of the
  actors that act accepts.

The written fixtures (tests/articles) keep the older, looser rule their test was built on: actor and
date the same, and the kind or the stance.

    python benchmarks/extract_score.py                  # dev part, with the seed store loaded
    python benchmarks/extract_score.py --seen           # the first held-out part, scored once before (issue 18)
    python benchmarks/extract_score.py --seen2          # the second held-out part, scored once before (issue 18)
    python benchmarks/extract_score.py --seen3          # the third held-out part (formerly fresh/), scored once before
    python benchmarks/extract_score.py --seen4          # the fourth held-out part (formerly blind/), scored once before
    python benchmarks/extract_score.py --seen5          # the fifth held-out part (formerly blind2/), scored once before
    python benchmarks/extract_score.py --seen6          # the sixth held-out part (formerly blind3/), scored once before
    python benchmarks/extract_score.py --seen7          # the seventh held-out part (formerly blind4/), scored once before
    python benchmarks/extract_score.py --seen8          # the eighth held-out part (formerly blind5/), scored once before
    python benchmarks/extract_score.py --all            # dev, seen, seen2, ..., seen8, one table each and all together
    python benchmarks/extract_score.py --part seen8     # any folder by name; a blind held-out one (blind6): only at the end
    python benchmarks/extract_score.py --no-store --details
    python benchmarks/extract_score.py --fixtures       # the written unit fixtures
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SET = Path(__file__).resolve().parent / "extract_set"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from events.text import normalise  # noqa: E402 - after the path is set, for a plain `python benchmarks/…`


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def published_of(path: Path) -> date:
    return date.fromisoformat(path.name[:10])


def _names(line: dict[str, Any], *keys: str) -> set[str]:
    names = [line.get("actor") or ""]
    for key in keys:
        names += list(line.get(key) or [])
    return {re.sub(r"^the ", "", normalise(n).replace("’", "'")) for n in names if n}


# -- the written fixtures: the older rule -----------------------------------------------------------


@dataclass
class Score:
    name: str
    gold: int
    candidates: int
    matched: int
    missed: list[dict[str, Any]] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.candidates if self.candidates else 1.0


def agreement(candidate: dict[str, Any], gold: dict[str, Any]) -> int:
    """0: no match; 1: actor, date and kind or stance; 2: actor, date, kind and stance."""
    if not (_names(candidate, "actor_aliases") & _names(gold, "actor_aliases")):
        return 0
    if (candidate.get("date") or None) != (gold.get("date") or None):
        return 0
    same = (candidate.get("kind") == gold.get("kind")) + (candidate.get("stance") == gold.get("stance"))
    return same if same else 0


def _pairs(values: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    used_c: set[int] = set()
    used_g: set[int] = set()
    chosen = []
    for value, i, j in sorted(values, key=lambda p: (-p[0], p[1], p[2])):
        if value and i not in used_c and j not in used_g:
            used_c.add(i)
            used_g.add(j)
            chosen.append((i, j))
    return chosen


def score(name: str, candidates: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    pairs = _pairs([(agreement(c, g), i, j) for i, c in enumerate(candidates) for j, g in enumerate(gold)])
    used_c = {i for i, _ in pairs}
    used_g = {j for _, j in pairs}
    return Score(
        name, len(gold), len(candidates), len(used_g),
        missed=[g for j, g in enumerate(gold) if j not in used_g],
        extra=[c for i, c in enumerate(candidates) if i not in used_c],
    )


def total(scores: list[Score]) -> Score:
    return Score("overall", sum(s.gold for s in scores), sum(s.candidates for s in scores), sum(s.matched for s in scores))


def table(scores: list[Score]) -> str:
    rows = ["| article | gold | candidates | matched | recall | precision |", "|---|---:|---:|---:|---:|---:|"]
    for s in [*scores, total(scores)]:
        rows.append(f"| {s.name} | {s.gold} | {s.candidates} | {s.matched} | {s.recall:.2f} | {s.precision:.2f} |")
    return "\n".join(rows)


def fixture_gazetteer(article: Path):
    from timeline.extract.gazetteer import Gazetteer

    store = article.with_suffix(".store.json")
    if store.exists():
        data = json.loads(store.read_text(encoding="utf-8"))
        return Gazetteer.from_lists(data["actors"], data["topics"], origin=store.name)
    return Gazetteer()


def extract_lines(article: Path, gazetteer: Any) -> list[dict[str, Any]]:
    from timeline.extract.extractor import extract

    found = extract(article.read_text(encoding="utf-8"), published=published_of(article), gazetteer=gazetteer)
    return [c.to_line() for c in found]


def evaluate_folder(folder: Path) -> list[Score]:
    """Every `DATE-name.txt` with a `DATE-name.gold.jsonl` beside it (and maybe `.store.json`)."""
    scores = []
    for article in sorted(folder.glob("*.txt")):
        gold_path = article.with_suffix(".gold.jsonl")
        if gold_path.exists():
            scores.append(score(article.stem, extract_lines(article, fixture_gazetteer(article)), read_jsonl(gold_path)))
    return scores


def seed_gold(seed_lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The journalist's seed records with their relative dates resolved ("Monday" → 2025-05-12)."""
    from timeline.dates import parse_date

    gold = []
    for line in seed_lines:
        base = parse_date(line["relative_to"]).value.start if line.get("relative_to") else None
        gold.append({**line, "date": str(parse_date(line["date"], relative_to=base).value)})
    return gold


# -- real news: the stricter rule -----------------------------------------------------------------


@dataclass
class RealScore:
    name: str
    core: int = 0
    core_found: int = 0
    gold: int = 0
    candidates: int = 0
    matched: int = 0
    dated_right: int = 0
    topic_right: int = 0
    misattributed: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: RealScore) -> None:
        for key in ("core", "core_found", "gold", "candidates", "matched", "dated_right", "topic_right", "misattributed"):
            setattr(self, key, getattr(self, key) + getattr(other, key))

    @staticmethod
    def ratio(a: int, b: int) -> str:
        return f"{a / b:.2f}" if b else "–"

    def row(self) -> str:
        r = self.ratio
        return (f"| {self.name} | {self.core_found}/{self.core} | {r(self.core_found, self.core)} | "
                f"{self.matched}/{self.candidates} | {r(self.matched, self.candidates)} | "
                f"{r(self.dated_right, self.matched)} | {r(self.topic_right, self.matched)} | {self.misattributed} |")


HEADER = ("| article | core found | core recall | candidates right | precision | date accuracy | topic agreement | "
          "misattributed |\n|---|---:|---:|---:|---:|---:|---:|---:|")


def _spans(text: str, passages: list[str]) -> list[tuple[int, int]]:
    spans = []
    for passage in passages:
        at = text.find(passage)
        if at < 0:
            raise ValueError(f"gold evidence not in the article: {passage[:60]!r}")
        spans.append((at, at + len(passage)))
    return spans


def _candidate_span(text: str, candidate: dict[str, Any]) -> tuple[int, int]:
    extra = candidate.get("extra") or {}
    span = (extra.get("evidence_span") or {}).get("evidence") if isinstance(extra.get("evidence_span"), dict) else None
    if span:
        return span[0], span[1]
    evidence = extra.get("evidence") or ""
    at = text.find(evidence)
    return (at, at + len(evidence)) if at >= 0 else (-1, -1)


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


def score_real(name: str, text: str, candidates: list[dict[str, Any]], gold: list[dict[str, Any]],
               store_topics: set[str]) -> RealScore:
    gold_spans = [_spans(text, g["evidence"]) for g in gold]
    cand_spans = [_candidate_span(text, c) for c in candidates]
    accepted = [_names(g, "actor_aliases", "accept") for g in gold]
    values = []
    for i, c in enumerate(candidates):
        names = _names(c, "actor_aliases")
        for j, g in enumerate(gold):
            if not (names & accepted[j]) or not _overlaps(cand_spans[i], gold_spans[j]):
                continue
            kind, stance = c.get("kind") == g["kind"], c.get("stance") == g["stance"]
            if kind or stance:
                values.append((1 + kind + stance + ((c.get("date") or None) == g.get("date")), i, j))
    pairs = _pairs(values)
    result = RealScore(name, core=sum(1 for g in gold if g.get("core")), gold=len(gold), candidates=len(candidates),
                       matched=len(pairs))
    for i, j in pairs:
        c, g = candidates[i], gold[j]
        result.core_found += bool(g.get("core"))
        if (c.get("date") or None) == g.get("date"):
            result.dated_right += 1
        else:
            result.notes.append(f"date   {c['actor']}: {c.get('date')} for {g.get('date')} ({g['summary'][:50]})")
        if (c.get("topic") == g["topic"]) if g["topic"] in store_topics else (c.get("topic") not in store_topics):
            result.topic_right += 1
        else:
            result.notes.append(f"topic  {c['actor']}: {c.get('topic')} for {g['topic']}")
    matched_c = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for i, c in enumerate(candidates):
        if i in matched_c:
            continue
        touching = [j for j in range(len(gold)) if _overlaps(cand_spans[i], gold_spans[j])]
        names = _names(c, "actor_aliases")
        if touching and not any(names & accepted[j] for j in touching):
            result.misattributed += 1
            result.notes.append(f"WRONG  {c['actor']} {c['kind']} {c['stance']} {c.get('date')}: {c['extra']['evidence'][:70]}")
        else:
            why = "again " if touching else "extra "
            result.notes.append(f"{why} {c['actor']} {c['kind']} {c['stance']} {c.get('date')}: {c['extra']['evidence'][:70]}")
    for j, g in enumerate(gold):
        if j not in matched_g:
            mark = "MISSED" if g.get("core") else "missed"
            result.notes.append(f"{mark} {g['actor']} {g['kind']} {g['stance']} {g.get('date')}: {g['summary'][:60]}")
    return result


def seed_store_lists() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The seed store's actors, topics and offices, through the CLI (`timeline seed` into a temporary database)."""
    exe = [sys.executable, "-c", "from timeline.cli import app; app()"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "seeded.sqlite")
        subprocess.run([*exe, "--db", db, "seed"], check=True, capture_output=True, cwd=ROOT)
        actors = json.loads(subprocess.run([*exe, "--db", db, "actors", "--json"], check=True, capture_output=True, cwd=ROOT).stdout)
        topics = json.loads(subprocess.run([*exe, "--db", db, "topics", "--json"], check=True, capture_output=True, cwd=ROOT).stdout)
        offices = json.loads(subprocess.run([*exe, "--db", db, "offices", "--json"], check=True, capture_output=True, cwd=ROOT).stdout)
    if isinstance(actors, dict):
        actors = actors.get("actors", [])
    if isinstance(topics, dict):
        topics = topics.get("topics", [])
    return actors, topics, offices


DEVELOPMENT = ["dev", "seen", "seen2", "seen3", "seen4", "seen5", "seen6", "seen7", "seen8"]  # tuned on; a blind held-out part: --part blind6


def evaluate_real(part: str, actors: list[dict[str, Any]], topics: list[dict[str, Any]], *,
                  store: bool = True, offices: list[dict[str, Any]] | None = None) -> list[RealScore]:
    from timeline.extract.gazetteer import Gazetteer

    gazetteer = Gazetteer.from_lists(actors, topics, origin="seed store" if store else "no store", offices=offices)
    store_topics = {t["slug"] for t in topics}
    scores = []
    for article in sorted((SET / part).glob("*.txt")):
        text = article.read_text(encoding="utf-8")
        lines = extract_lines(article, gazetteer)
        scores.append(score_real(article.stem, text, lines, read_jsonl(article.with_suffix(".gold.jsonl")), store_topics))
    return scores


def real_table(scores: list[RealScore]) -> str:
    overall = RealScore("overall")
    for s in scores:
        overall.add(s)
    return "\n".join([HEADER, *(s.row() for s in scores), overall.row()])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seen", action="store_true", help="score the first held-out part (seen once before)")
    parser.add_argument("--seen2", action="store_true", help="score the second held-out part (seen once before)")
    parser.add_argument("--seen3", action="store_true", help="score the third held-out part (formerly fresh/, seen once before)")
    parser.add_argument("--seen4", action="store_true", help="score the fourth held-out part (formerly blind/, seen once before)")
    parser.add_argument("--seen5", action="store_true", help="score the fifth held-out part (formerly blind2/, seen once before)")
    parser.add_argument("--seen6", action="store_true", help="score the sixth held-out part (formerly blind3/, seen once before)")
    parser.add_argument("--seen7", action="store_true", help="score the seventh held-out part (formerly blind4/, seen once before)")
    parser.add_argument("--seen8", action="store_true", help="score the eighth held-out part (formerly blind5/, seen once before)")
    parser.add_argument("--all", action="store_true", help="score every development part, each and together")
    parser.add_argument("--part", help="score another folder of benchmarks/extract_set (a blind held-out part: only at the end)")
    parser.add_argument("--no-store", action="store_true", help="extract without the seed store")
    parser.add_argument("--details", action="store_true", help="list every miss, extra and misattribution")
    parser.add_argument("--fixtures", action="store_true", help="score the written fixtures in tests/articles")
    args = parser.parse_args(argv)
    if args.fixtures:
        scores = evaluate_folder(ROOT / "tests" / "articles")
        print(table(scores))
        return 0
    flagged = [p for p in ("seen8", "seen7", "seen6", "seen5", "seen4", "seen3", "seen2", "seen") if getattr(args, p)]
    parts = DEVELOPMENT if args.all else [args.part or (flagged[0] if flagged else "dev")]
    missing = [p for p in parts if not (SET / p).is_dir() or not any((SET / p).glob("*.txt"))]
    if missing:
        print(f"No articles in benchmarks/extract_set/{missing[0]}.", file=sys.stderr)
        return 2
    actors, topics, offices = seed_store_lists() if not args.no_store else ([], [], [])
    totals: list[RealScore] = []
    for part in parts:
        scores = evaluate_real(part, actors, topics, store=not args.no_store, offices=offices)
        totals.append(RealScore(part))
        for s in scores:
            totals[-1].add(s)
        if len(parts) > 1:
            print(f"\n{part}\n")
        print(real_table(scores))
        if args.details:
            for s in scores:
                for note in s.notes:
                    print(f"  {s.name[:34]:34} {note}", file=sys.stderr)
    if len(parts) > 1:
        print("\nall development parts\n")
        print(real_table(totals).replace("| article |", "| part |"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
