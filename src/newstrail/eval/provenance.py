"""Scoring provenance traces against a generated corpus's truth (bench-only code).

The functions are pure: they take the truth (:func:`newstrail.eval.chains.generate`'s
second value, the schema of ``src/newstrail/sample/truth.json``) and a list of trace
dicts (``Corpus.trace(story=...).to_dict()``): edge precision/recall, origin accuracy,
laundering, mutation recall per type, false alarms on equal unit conversions and
pairwise story purity/completeness/F1, related pairs (grouped, or wrongly given an edge)
and links made by boilerplate alone. ``bench/provenance.py`` runs and prints them.

>>> score_all({"articles": [], "edges": [], "origins": {}, "mutations": []}, [])["edges"]["recall"] is None
True
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

EXTERNAL = "external:"
MUTATION_TYPES = ("number", "actor", "hedge", "quote", "framing")
#: story members beyond copies (the harder generated corpus); an edge's class when its kinds hold one
MEMBER_KINDS = ("update", "retelling", "denial", "debunk", "correction")


# --------------------------------------------------------------------------- scoring (pure)


def _ratio(numerator: int, denominator: int) -> float | None:
    """``numerator / denominator``, or ``None`` when there is nothing to divide by."""
    return numerator / denominator if denominator else None


def is_external(node: str) -> bool:
    return isinstance(node, str) and node.startswith(EXTERNAL)


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", (text or "").lower()))


def _numbers(text: str) -> set[str]:
    return {m.rstrip(".,") for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text or "")}


def predicted_edges(traces: list[dict]) -> tuple[set[tuple[str, str]], int]:
    """Edges between record ids over all traces, and how many edges touching an external node were set aside."""
    edges: set[tuple[str, str]] = set()
    external = 0
    for trace in traces:
        for edge in trace.get("edges", []):
            if is_external(edge["from"]) or is_external(edge["to"]):
                external += 1
            else:
                edges.add((edge["from"], edge["to"]))
    return edges, external


def external_nodes(traces: list[dict]) -> set[str]:
    nodes: set[str] = set()
    for trace in traces:
        nodes.update(a["id"] for a in trace.get("articles", []) if is_external(a["id"]))
        for edge in trace.get("edges", []):
            nodes.update(n for n in (edge["from"], edge["to"]) if is_external(n))
    return nodes


def edge_class(edge: dict, laundered: set[str]) -> str:
    """How the truth edge was made: syndication, credited, silent, laundered, or a story member
    (update, retelling, denial, debunk, correction)."""
    member = [k for k in MEMBER_KINDS if k in edge["kinds"]]
    if member:
        return member[0]
    if "syndication" in edge["kinds"]:
        return "syndication"
    if edge["to"] in laundered:
        return "laundered"
    if "silent-copy" in edge["kinds"]:
        return "silent"
    return "credited"


def score_edges(truth: dict, traces: list[dict]) -> dict:
    """Precision and recall of (from, to) pairs between record ids; A->C where truth has A->B->C is false."""
    true = {(e["from"], e["to"]) for e in truth["edges"]}
    pred, external = predicted_edges(traces)
    tp = len(true & pred)
    laundered = {x["article"] for x in truth.get("laundering", [])}
    outlet = {a["id"]: a["outlet"] for a in truth["articles"]}
    by_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_cue: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in truth["edges"]:
        hit = (e["from"], e["to"]) in pred
        for bucket, key in ((by_class, edge_class(e, laundered)),
                            (by_cue, e.get("cue")), (by_cue, "alias" if e.get("cited_as") not in (None, outlet.get(e["from"])) else None)):
            if key:
                bucket[key][0] += hit
                bucket[key][1] += 1
    return {
        "tp": tp, "fp": len(pred - true), "fn": len(true - pred),
        "precision": _ratio(tp, len(pred)), "recall": _ratio(tp, len(true)),
        "external_edges": external, "external_nodes": len(external_nodes(traces)),
        "recall_by_class": {k: {"found": v[0], "total": v[1], "recall": _ratio(*v)} for k, v in sorted(by_class.items())},
        "recall_by_cue": {k: {"found": v[0], "total": v[1], "recall": _ratio(*v)} for k, v in sorted(by_cue.items())},
    }


def _trace_of(traces: list[dict]) -> dict[str, int]:
    """Record id -> index of the first trace that holds it."""
    where: dict[str, int] = {}
    for i, trace in enumerate(traces):
        for article in trace.get("articles", []):
            where.setdefault(article["id"], i)
    return where


def score_origins(truth: dict, traces: list[dict]) -> dict:
    """Of the truth stories with 2+ articles, the share whose predicted trace (the one holding
    the truth origin) lists that origin among its origins."""
    size = Counter(a["story"] for a in truth["articles"])
    where = _trace_of(traces)
    total = correct = 0
    for story, origins in truth["origins"].items():
        if size[story] < 2:
            continue
        total += 1
        origin = origins[0]
        i = where.get(origin)
        correct += i is not None and origin in traces[i].get("origins", [])
    return {"correct": correct, "total": total, "accuracy": _ratio(correct, total)}


def score_laundering(truth: dict, traces: list[dict]) -> dict:
    """A laundering finding matches when its article and actually_from match (the cited name is not compared)."""
    true = {(x["article"], x["actually_from"]) for x in truth.get("laundering", [])}
    pred = {(x["article"], x["actually_from"]) for t in traces for x in t.get("laundering", [])}
    tp = len(true & pred)
    return {"tp": tp, "fp": len(pred - true), "fn": len(true - pred),
            "precision": _ratio(tp, len(pred)), "recall": _ratio(tp, len(true))}


def _mutations_by_edge(traces: list[dict]) -> dict[tuple[str, str], list[dict]]:
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for trace in traces:
        for m in trace.get("mutations", []):
            edge = m.get("edge")
            if edge and edge.get("from") and edge.get("to"):
                found[(edge["from"], edge["to"])].append(m)
    return found


def _same_text(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return a == b or bool(a and b and (a in b or b in a))


def score_mutations(truth: dict, traces: list[dict]) -> dict:
    """Recall per type: a truth mutation is found when a predicted mutation on the same
    (from, to) edge has the same type; ``with_text`` also asks that the changed texts
    overlap. Precision counts predicted mutations on an edge whose (edge, type) is in the truth."""
    pred = _mutations_by_edge(traces)
    per_type: dict[str, dict] = {t: {"found": 0, "with_text": 0, "total": 0} for t in MUTATION_TYPES}
    for m in truth["mutations"]:
        row = per_type.setdefault(m["type"], {"found": 0, "with_text": 0, "total": 0})
        row["total"] += 1
        same = [p for p in pred.get((m["from"], m["to"]), []) if p.get("type") == m["type"]]
        row["found"] += bool(same)
        row["with_text"] += any(_same_text(p.get("to_text", ""), m["to_text"]) and
                                (not m["from_text"] or _same_text(p.get("from_text", ""), m["from_text"])) for p in same)
    for row in per_type.values():
        row["recall"] = _ratio(row["found"], row["total"])
        row["recall_with_text"] = _ratio(row["with_text"], row["total"])
    keys = {((m["from"], m["to"]), m["type"]) for m in truth["mutations"]}
    on_edges = [(edge, p.get("type")) for edge, ps in pred.items() for p in ps
                if not is_external(edge[0]) and not is_external(edge[1])]
    right = sum(k in keys for k in on_edges)
    found = sum(r["found"] for r in per_type.values())
    total = sum(r["total"] for r in per_type.values())
    return {"per_type": per_type, "found": found, "total": total, "recall": _ratio(found, total),
            "predicted_on_edges": len(on_edges), "precision": _ratio(right, len(on_edges))}


def score_equal_conversions(truth: dict, traces: list[dict]) -> dict:
    """False alarms: equal unit conversions ("32 km" -> "19.9 miles") reported as a number
    mutation on their edge, i.e. a predicted number mutation whose from_text holds the
    original figure and whose to_text holds the converted one."""
    pred = _mutations_by_edge(traces)
    alarms = 0
    for conv in truth.get("equal_conversions", []):
        before, after = _numbers(conv["from_text"]), _numbers(conv["to_text"])
        alarms += any(p.get("type") == "number" and before & _numbers(p.get("from_text", "")) and after & _numbers(p.get("to_text", ""))
                      for p in pred.get((conv["from"], conv["to"]), []))
    total = len(truth.get("equal_conversions", []))
    return {"false_alarms": alarms, "total": total, "rate": _ratio(alarms, total)}


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def score_stories(truth: dict, traces: list[dict]) -> dict:
    """Pairwise story purity (pairs put together that belong together) and completeness
    (pairs that belong together and were put together), over the truth's articles; an
    article no trace holds is a story of its own."""
    story = {a["id"]: a["story"] for a in truth["articles"]}
    where = _trace_of(traces)
    predicted = {i: where.get(i, f"alone:{i}") for i in story}
    both = Counter((predicted[i], story[i]) for i in story)
    same_pred = sum(_pairs(n) for n in Counter(predicted.values()).values())
    same_true = sum(_pairs(n) for n in Counter(story.values()).values())
    agree = sum(_pairs(n) for n in both.values())
    purity = _ratio(agree, same_pred) if same_pred else 1.0
    completeness = _ratio(agree, same_true) if same_true else 1.0
    f1 = 2 * purity * completeness / (purity + completeness) if purity and completeness else 0.0
    return {"purity": purity, "completeness": completeness, "pair_f1": f1,
            "predicted_stories": len(traces), "truth_stories": len(truth["origins"])}


def score_related(truth: dict, traces: list[dict]) -> dict:
    """Related pairs (same story, no edge: updates that name nothing, uncredited retellings,
    denials naming no outlet): how many were grouped in one trace, and how many got an edge
    (either way round), which is a false positive."""
    pairs = [(x["a"], x["b"]) for x in truth.get("related", [])]
    where = _trace_of(traces)
    pred, _ = predicted_edges(traces)
    grouped = sum(a in where and where.get(a) == where.get(b) for a, b in pairs)
    as_edges = sum((a, b) in pred or (b, a) in pred for a, b in pairs)
    return {"total": len(pairs), "grouped": grouped, "grouped_rate": _ratio(grouped, len(pairs)),
            "as_edges": as_edges}


def score_boilerplate(truth: dict, traces: list[dict]) -> dict:
    """Links made by boilerplate: predicted edges, and pairs put in one trace, between articles
    of different truth stories (or a distractor and anything) that share a declared boilerplate
    block (the generator keeps stories from sharing any other passage)."""
    story = {a["id"]: a["story"] for a in truth["articles"]}
    shared: dict[tuple[str, str], set[str]] = defaultdict(set)  # pair -> kinds of the blocks it shares
    for block in truth.get("boilerplate", []):
        ids = sorted(set(block["articles"]))
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if story.get(a) != story.get(b):
                    shared[(a, b)].add(block["kind"])
    pred, _ = predicted_edges(traces)
    false = [pair for pair in ((min(e), max(e)) for e in pred) if pair in shared]
    by_kind = Counter(kind for pair in false for kind in shared[pair])
    pairs = 0
    for trace in traces:
        ids = sorted(a["id"] for a in trace.get("articles", []) if a["id"] in story)
        pairs += sum((a, b) in shared for i, a in enumerate(ids) for b in ids[i + 1 :])
    return {"sharing_pairs": len(shared), "false_edges": len(false), "false_story_pairs": pairs,
            "false_edges_by_kind": dict(sorted(by_kind.items()))}


def score_all(truth: dict, traces: list[dict]) -> dict:
    return {
        "edges": score_edges(truth, traces),
        "origins": score_origins(truth, traces),
        "laundering": score_laundering(truth, traces),
        "mutations": score_mutations(truth, traces),
        "equal_conversions": score_equal_conversions(truth, traces),
        "stories": score_stories(truth, traces),
        "related": score_related(truth, traces),
        "boilerplate": score_boilerplate(truth, traces),
    }


def truth_as_traces(truth: dict) -> list[dict]:
    """The truth in the shape ``Corpus.trace(...).to_dict()`` returns: a perfect prediction."""
    stories: dict[str, dict] = {}
    story_of = {}
    for a in truth["articles"]:
        story_of[a["id"]] = a["story"]
        t = stories.setdefault(a["story"], {"story": a["story"], "articles": [], "edges": [], "origins": truth["origins"][a["story"]],
                                            "laundering": [], "mutations": []})
        t["articles"].append({"id": a["id"], "url": a.get("url"), "outlet": a["outlet"], "published": a["published"], "title": None})
    for e in truth["edges"]:
        stories[story_of[e["to"]]]["edges"].append({"from": e["from"], "to": e["to"], "kinds": e["kinds"], "evidence": [], "confidence": 1.0})
    for x in truth.get("laundering", []):
        stories[story_of[x["article"]]]["laundering"].append({k: x[k] for k in ("article", "cites", "actually_from")})
    for m in truth["mutations"]:
        stories[story_of[m["to"]]]["mutations"].append({"edge": {"from": m["from"], "to": m["to"]}, "type": m["type"],
                                                        "from_text": m["from_text"], "to_text": m["to_text"]})
    return list(stories.values())
