"""The md export: an article aid in Markdown, with every value escaped so no name becomes markup."""

from __future__ import annotations

from timeline.exporting.snapshot import Snapshot, human_date, open_ended, safe_url


# Characters that start inline markup anywhere in a line (our text never begins a line).
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]~|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


# A change whose records lie (one or both) on an inverse sub-topic: their stances were counted the other way.
FLIPPED = "; flipped: a stance on an inverse sub-topic counts the other way"


def md_text(text: str | None) -> str:
    """Plain text made safe inside a Markdown paragraph: no markup, no HTML, one line."""
    return " ".join((text or "").split()).translate(_MD_SPECIAL)


def _md_link(text: str, url: str | None) -> str:
    link = safe_url(url)
    if not link:
        return md_text(text)
    target = link.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{md_text(text)}]({target})"


def _code(text: str) -> str:
    return text.replace("`", "")


def to_md(snap: Snapshot) -> str:
    """A Markdown article aid: changes of position first, then one section per actor."""
    out = [f"# {md_text(snap.heading)}", "", f"_{md_text(snap.scope())}_", ""]
    out += ["## Changes of position", ""]
    if not snap.changes:
        out.append("No change of position in this selection.")
    for c in snap.changes:
        grade = "U-turn" if c["grade"] == "full" else "half change"
        if c.get("certain") is False:
            grade += "; order uncertain: the two records share days, so either may be the later"
        if open_ended(c["date"]):  # `2024-07/..`, and `2024-07/` (an end left empty, read as open)
            grade += "; its period never ends, so it is in force on no day: position lists it as only possible"
        out.append(f"- **{md_text(human_date(c['date']))}**, {md_text(c['actor'])} on {md_text(c['topic'])}: "
                   f"{c['from']} → **{c['to']}** ({grade}{FLIPPED if c.get('flipped') else ''}; "
                   f"record `{c['record_id'].replace('`', '')}`)")
    out.append("")
    replies: dict[str, list[dict]] = {}  # record id → the records in this export that answer it
    for r in snap.records:
        if r.get("responds_to"):
            replies.setdefault(r["responds_to"], []).append(r)
    by_id = {r["id"]: r for r in snap.records}
    for actor in snap.actors:
        out += [f"## {md_text(actor['name'])}", ""]
        facts = [actor["kind"]]
        if actor["aliases"]:
            facts.append("also " + ", ".join(actor["aliases"]))
        facts += [f"{role['role']} ({role['on']})" if role["on"] else role["role"] for role in actor["roles"]]
        out += [f"_{md_text('; '.join(facts))}_", ""]
        mine = [r for r in snap.records if r["actor"] == actor["name"]]
        if not mine:
            out += ["No records in this selection.", ""]
        for r in mine:
            when = human_date(r["date"]) + ("" if r["precision"] == "day" else f" ({r['precision']})")
            bullet = f"- **{md_text(when)}** · {md_text(r['topic'])} · {r['kind']} · **{r['stance']}**: {md_text(r['summary'])}"
            # Quote and source on a second line of the same item (a backslash is a hard line break).
            second = [f"*“{md_text(r['quote'])}”*"] if r["quote"] else []
            if r["source"] or r["source_url"]:
                second.append(f"Source: {_md_link(r['source'] or r['source_url'], r['source_url'])}")
            if r.get("target"):
                second.append(f"Addressed to {md_text(r['target'])}")
            if r.get("responds_to"):
                answered = by_id.get(r["responds_to"])
                who = f"{md_text(answered['actor'])}, {md_text(human_date(answered['date']))}, " if answered else ""
                second.append(f"Responds to {who}`{_code(r['responds_to'])}`")
            if r["id"] in replies:
                second.append("Replies: " + "; ".join(
                    f"{md_text(reply['actor'])} ({reply['kind']}, {reply['stance']}, `{_code(reply['id'])}`)"
                    for reply in replies[r["id"]]))
            out.append(bullet + ("\\" if second else ""))
            if second:
                out.append("  " + " — ".join(second))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
