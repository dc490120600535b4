"""Measuring the extractor: recall and precision of its candidates against a journalist's records.

A candidate matches a gold record when the actor is the same (name or alias, "the" and the kind
of apostrophe aside), the date is the same partial date (both empty counts: the article does not
date it), and the kind *or* the stance agrees. Matching is one-to-one, best matches first.

    python -m timeline.extract.evaluation tests/articles     # the table in README.md ("Measured quality")
    python -m timeline.extract.evaluation tests/articles ../shared/seeds/2025-05-16-starmer-albania-return-hubs.txt seeds
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from events.text import normalise


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


def _names(line: dict[str, Any]) -> set[str]:
    names = [line.get("actor") or "", *(line.get("actor_aliases") or [])]
    return {re.sub(r"^the ", "", normalise(n).replace("’", "'")) for n in names if n}


def agreement(candidate: dict[str, Any], gold: dict[str, Any]) -> int:
    """0: no match; 1: actor, date and kind or stance; 2: actor, date, kind and stance."""
    if not (_names(candidate) & _names(gold)):
        return 0
    if (candidate.get("date") or None) != (gold.get("date") or None):
        return 0
    same = (candidate.get("kind") == gold.get("kind")) + (candidate.get("stance") == gold.get("stance"))
    return same if same else 0


def score(name: str, candidates: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    pairs = sorted(
        ((agreement(c, g), i, j) for i, c in enumerate(candidates) for j, g in enumerate(gold)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    used_c: set[int] = set()
    used_g: set[int] = set()
    for value, i, j in pairs:
        if value and i not in used_c and j not in used_g:
            used_c.add(i)
            used_g.add(j)
    return Score(
        name, len(gold), len(candidates), len(used_g),
        missed=[g for j, g in enumerate(gold) if j not in used_g],
        extra=[c for i, c in enumerate(candidates) if i not in used_c],
    )


def total(scores: list[Score]) -> Score:
    return Score("overall", sum(s.gold for s in scores), sum(s.candidates for s in scores), sum(s.matched for s in scores))


# -- the evaluation set ---------------------------------------------------------------------------


def published_of(path: Path) -> date:
    return date.fromisoformat(path.name[:10])


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gazetteer_for(article: Path):
    from timeline.extract.gazetteer import Gazetteer

    store = article.with_suffix(".store.json")
    if store.exists():
        data = json.loads(store.read_text(encoding="utf-8"))
        return Gazetteer.from_lists(data["actors"], data["topics"], origin=store.name)
    return Gazetteer()


def evaluate_article(article: Path, gold: list[dict[str, Any]], gazetteer: Any = None) -> Score:
    from timeline.extract.extractor import extract

    found = extract(
        article.read_text(encoding="utf-8"), published=published_of(article),
        gazetteer=gazetteer if gazetteer is not None else gazetteer_for(article),
    )
    return score(article.stem, [c.to_line() for c in found], gold)


def evaluate_folder(folder: Path) -> list[Score]:
    """Every `DATE-name.txt` with a `DATE-name.gold.jsonl` beside it (and maybe `.store.json`)."""
    scores = []
    for article in sorted(folder.glob("*.txt")):
        gold_path = article.with_suffix(".gold.jsonl")
        if gold_path.exists():
            scores.append(evaluate_article(article, read_jsonl(gold_path)))
    return scores


def seed_gold(seed_lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The journalist's seed records with their relative dates resolved ("Monday" → 2025-05-12)."""
    from timeline.dates import parse_date

    gold = []
    for line in seed_lines:
        base = parse_date(line["relative_to"]).value.start if line.get("relative_to") else None
        gold.append({**line, "date": str(parse_date(line["date"], relative_to=base).value)})
    return gold


def table(scores: list[Score]) -> str:
    rows = ["| article | gold | candidates | matched | recall | precision |", "|---|---:|---:|---:|---:|---:|"]
    for s in [*scores, total(scores)]:
        rows.append(f"| {s.name} | {s.gold} | {s.candidates} | {s.matched} | {s.recall:.2f} | {s.precision:.2f} |")
    return "\n".join(rows)


def evaluate_seed(article: Path, seed_folder: Path) -> list[Score]:
    """The seed article against the journalist's seed records: with the seeded store, and with none."""
    import tempfile

    from timeline.extract.gazetteer import Gazetteer
    from timeline.seeding import load_seeds
    from timeline.service import Timeline

    gold = seed_gold([line for path in sorted(seed_folder.glob("*.jsonl")) if path.name != "topics.jsonl"
                      for line in read_jsonl(path)])
    with tempfile.TemporaryDirectory() as folder:
        store = Timeline(str(Path(folder) / "seeded.sqlite"))
        try:
            load_seeds(store, seed_folder)
            seeded = Gazetteer.from_connection(store.reader())
        finally:
            store.close()
    with_store = evaluate_article(article, gold, seeded)
    without = evaluate_article(article, gold, Gazetteer())
    with_store.name, without.name = "seed article, seeded store", "seed article, no store"
    return [with_store, without]


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("tests/articles")
    scores = evaluate_folder(folder)
    print(table(scores))
    if len(argv) >= 3:  # ARTICLES SEED_ARTICLE SEED_FOLDER
        seed_scores = evaluate_seed(Path(argv[1]), Path(argv[2]))
        print()
        print(table(seed_scores).rsplit("\n", 1)[0])
        scores += seed_scores
    for s in scores:
        for g in s.missed:
            print(f"  missed  {s.name}: {g['actor']} {g['kind']} {g['stance']} {g.get('date')}", file=sys.stderr)
        for c in s.extra:
            print(f"  extra   {s.name}: {c['actor']} {c['kind']} {c['stance']} {c.get('date')}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
