"""An outlet profile (:func:`newstrail.ratings.profile.outlet_profile`) as text."""

from __future__ import annotations

from typing import Any

from newstrail.report.ratings import format_fields


def render_profile(profile: dict[str, Any]) -> str:
    """The profile as text: ratings list by list, then each corpus figure with its meaning."""
    o = profile["outlet"]
    site = (o["hosts"] or [o["domain"]])[0]
    # one name is the masthead; several are often misread datelines, so the domain leads then
    title = (f"{o['names'][0]} ({site})" if site else o["names"][0]) if len(o["names"]) == 1 else (site or (o["names"] or [o["query"]])[0])
    lines = [title, "=" * len(title)]
    lines.append(f"  domain: {o['domain'] or '(none known)'}" + (f"   also: {', '.join(o['domains'][1:])}" if len(o["domains"]) > 1 else ""))
    if o["hosts"]:
        lines.append(f"  site on a shared platform: {', '.join(o['hosts'])}")
    if o["names"]:
        lines.append(f"  names in the corpus: {', '.join(o['names'])}")
    lines.append(f"  resolved as: {o['how']}")
    for r in o["renames"]:
        lines.append(f"  same outlet: {r['alias']} -> {r['domain']}" + (f" ({r['note']})" if r.get("note") else ""))
    lines += ["", "Ratings (each list as it gives them; nothing is averaged):"]
    if not profile["ratings"]:
        lines.append("  (no imported list rates it)")
    for r in profile["ratings"]:
        via = "" if r["via"] == "site" else f"  [{r['via']}]"
        lines.append(f"  {r['list']} ({r['date'] or 'undated'}) on {r['site']}: {format_fields(r['fields'])}{via}")
    if profile["lists_without_it"]:
        lines.append(f"  not rated by: {', '.join(profile['lists_without_it'])}")
    c = profile["corpus"]
    lines += ["", "What the corpus shows:"]

    def figure(name: str, key: str, unit: str = "") -> None:
        item = c[key]
        lines.append(f"  {name}: {item['value']}{unit}")
        lines.append(f"      {item['explain']}")

    figure("articles", "articles")
    for label, n in c["articles"]["by"].items():
        lines.append(f"        {n:>5}  {label}")
    figure("stories", "stories")
    figure("articles that took from others", "copies")
    lines += [f"        {e['articles']:>5}  from {e['outlet']}  ({_kinds(e['kinds'])})" for e in c["copies"]["from"]]
    figure("articles of others that took from it", "copied_by_others")
    lines += [f"        {e['articles']:>5}  by {e['outlet']}  ({_kinds(e['kinds'])})" for e in c["copied_by_others"]["by"]]
    figure("articles hiding their source", "hides_sources")
    lines += [f"        {e['articles']:>5}  silent copy of {e['outlet']}" for e in c["hides_sources"]["silent_copy"]]
    lines += [f"               {e['article']} credits {e['cites']} but its text comes from {e['actually_from_outlet']} ({e['actually_from']})"
              for e in c["hides_sources"]["laundering"]]
    figure("cross-posting neighbours", "cross_posting", " outlet(s)")
    lines += [f"        {e['edges']:>5}  edge(s) with {e['outlet']}  ({_kinds(e['kinds'])})" for e in c["cross_posting"]["neighbours"]]
    figure("shared-boilerplate neighbours", "shared_boilerplate", " outlet(s)")
    for e in c["shared_boilerplate"]["neighbours"]:
        lines.append(f"        {e['their_articles']:>5}  article(s) of {e['outlet']} share {e['blocks']} block(s) with {e['own_articles']} of its own")
        lines += [f"               {x['kind']}: \"{_short(x['text'])}\"" for x in e["examples"]]
    figure("cross-post lines", "cross_post_lines", " outlet(s)")
    lines += [f"        {e['articles']:>5}  {e['outlet']}: {e['how']}" for e in c["cross_post_lines"]["outlets"]]
    f = c["false_factchecks"]
    figure("articles matching false fact-checks", "false_factchecks")
    lines.append(f"        {f['claims']} claim(s); {f['matches']} fact-check match(es) stored in all"
                 + (f"; ratings: {_kinds(f['ratings'])}" if f["ratings"] else ""))
    return "\n".join(lines) + "\n"


def _kinds(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
