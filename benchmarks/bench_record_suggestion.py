"""find_record's "did you mean" on 100k readable ids: the old full difflib scan vs the index."""
import difflib, random, sqlite3, time
from timeline.queries.records import close_record_id
random.seed(1)
conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE records(uuid TEXT PRIMARY KEY, id TEXT)")
conn.execute("CREATE UNIQUE INDEX idx_records_id ON records(id)")
actors = [f"actor-{i}" for i in range(300)]
ids = []
for i in range(100_000):
    d = f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    base = f"{d}-{random.choice(actors)}-{random.choice(['statement','decision','proposal'])}"
    ids.append(base if base not in ids[-50:] else f"{base}-{i}")
ids = list(dict.fromkeys(ids))
conn.executemany("INSERT INTO records VALUES (?, ?)", ((str(i), x) for i, x in enumerate(ids)))
queries = [x[:15] + "x" + x[16:] for x in random.sample(ids, 20)] + [x + "z" for x in random.sample(ids, 20)] + ["nothing-like-this"] * 5
def old(q):
    near = difflib.get_close_matches(q, [r[0] for r in conn.execute("SELECT id FROM records")], n=1, cutoff=0.8)
    return near[0] if near else None
for name, f in (("old (difflib over every id)", old), ("new (id index)", lambda q: close_record_id(conn, q))):
    t = time.perf_counter(); res = [f(q) for q in queries]; el = (time.perf_counter() - t) / len(queries)
    print(f"{name}: {el*1000:.1f} ms a lookup over {len(ids):,} ids; suggestions {sum(r is not None for r in res)}/{len(queries)}")
    if name.startswith("old"): olds = res
    else: print("same suggestion as before:", sum(a == b for a, b in zip(olds, res)), "of", len(queries), "; differing but still close:", sum(a != b and b is not None for a, b in zip(olds, res)))
