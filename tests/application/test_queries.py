"""Read-side helpers that are easy to get subtly wrong."""

from events import PartialDate
from timeline import queries
from timeline.tracker import Tracker, free_record_id


def test_id_family_is_the_base_and_its_numbered_suffixes_only(db_path):
    line = Tracker(str(db_path))
    base = "2025-05-15-keir-starmer-statement"
    for rid in (base, f"{base}-2", f"{base}-10", f"{base}-x", f"{base}+1", f"{base}2", f"{base}-2-3"):
        line.add_record(actor="Keir Starmer", topic="t", kind="statement", stance="support",
                        date=PartialDate.parse("2025-05-15"), summary=rid, record_id=rid, new_actor=True, new_topic=True)
    conn = line.reader()
    assert sorted(row["id"] for row in queries.id_family(conn, base)) == sorted([base, f"{base}-10", f"{base}-2"])
    assert free_record_id(conn, base) == f"{base}-3"
    assert free_record_id(conn, base, {f"{base}-3"}) == f"{base}-4"
    assert free_record_id(conn, "2025-05-15-edi-rama-refusal") == "2025-05-15-edi-rama-refusal"
    line.close()
