"""Synthetic but realistic records for benchmarks: hundreds of actors, dozens of topics, all kinds
and stances, mixed date precision, quotes of realistic length. Deterministic for a given seed."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

KINDS = ["statement", "decision", "proposal", "refusal", "reversal", "ruling", "agreement", "criticism"]
STANCES = ["support", "oppose", "neutral", "mixed"]
FIRST = ["Keir", "Edi", "Chris", "Yvette", "Rachel", "Giorgia", "Emmanuel", "Olaf", "Pedro", "Ursula",
         "Kemi", "Nigel", "Ed", "Angela", "Mark", "Petr", "Viktor", "Donald", "Jacinda", "Justin"]
LAST = ["Starmer", "Rama", "Philp", "Cooper", "Reeves", "Meloni", "Macron", "Scholz", "Sanchez", "von der Leyen",
        "Badenoch", "Farage", "Davey", "Merkel", "Rutte", "Fiala", "Orban", "Tusk", "Ardern", "Trudeau"]
SUBJECTS = ["return hubs", "the Rwanda scheme", "small boats", "net migration", "carbon tax", "rent controls",
            "defence spending", "the two-child cap", "fuel duty", "university fees", "NHS waiting lists",
            "energy bills", "rail nationalisation", "free ports", "the digital ID card"]
WORDS = ("we will not stand by while families struggle and the government has a duty to act on this "
         "issue now rather than later because the evidence is clear and the public expects results").split()


def generate(n: int, seed: int = 7):
    rng = random.Random(seed)
    actors = [f"{FIRST[i % len(FIRST)]} {LAST[(i * 7 + i // len(FIRST)) % len(LAST)]} {i // 40 or ''}".strip() for i in range(300)]
    topics = [f"topic-{i:02d}" for i in range(40)]
    for i in range(n):
        year = rng.randint(1995, 2025)
        roll = rng.random()
        if roll < 0.75:
            date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif roll < 0.93:
            date = f"{year}-{rng.randint(1, 12):02d}"
        else:
            date = f"{year}"
        quote = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))) if rng.random() < 0.7 else None
        yield {
            "id": f"bench-{i}",
            "actor": rng.choice(actors),
            "topic": rng.choice(topics),
            "kind": rng.choice(KINDS),
            "stance": rng.choice(STANCES),
            "date": date,
            "summary": f"{rng.choice(['Backed', 'Opposed', 'Questioned', 'Proposed', 'Criticised'])} {rng.choice(SUBJECTS)} in a {rng.choice(['speech', 'interview', 'vote', 'statement', 'debate'])}",
            "quote": quote,
            "source": f"Example Gazette, {date}",
            "source_url": f"https://news.example/{i}",
        }


def write(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for row in generate(n, seed):
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    write(Path(sys.argv[2] if len(sys.argv) > 2 else "records.jsonl"), int(sys.argv[1]))
