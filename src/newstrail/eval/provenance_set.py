"""Scoring newstrail's traces against a hand-written provenance set in the ``gold.json`` format.

The format is the one of ``../shared/data/provenance-dev/`` and of the team's private
set: ``articles`` (file, url, outlet, published, story), ``stories`` (origins, edges
with ``kind`` lists, mutations, related pairs, a ``laundering`` note) and declared
``boilerplate`` blocks. The headline figures follow the mapping rules of the shared
hook ``score_provenance.py`` exactly (predicted records map to gold by URL without
scheme and ``www.``, then by file name, then by id; a story's members are the
articles of the trace of its first unscored member), so both print the same numbers;
the rest (per-kind figures, laundering, boilerplate false links, misses) adds detail.

Everything here is pure except :func:`input_files`, which writes the ``.txt``
articles as one JSONL file of records (their URL and date live only in gold), and
:func:`run_set`, which analyzes a set into a fresh store in process and scores it.
``bench/provenance_set.py`` prints :func:`render`; the quality gates pin floors under it.

>>> gold = {"articles": {"a": {"file": "a.md", "url": "https://x.example/a", "story": "s"},
...                      "b": {"file": "b.md", "url": "https://y.example/b", "story": "s"}},
...         "stories": {"s": {"origins": ["a"], "edges": [{"from": "a", "to": "b", "kind": ["reuse"]}]}},
...         "boilerplate": []}
>>> trace = {"story": "1", "articles": [{"id": "p1"}, {"id": "p2"}], "origins": ["p1"],
...          "edges": [{"from": "p1", "to": "p2", "kinds": ["reuse"], "evidence": []}], "mutations": []}
>>> records = [{"id": "p1", "url": "http://www.x.example/a/"}, {"id": "p2", "url": "https://y.example/b"}]
>>> scores = score(gold, collect(gold, records, lambda pid: trace))
>>> scores["edges"]["precision"], scores["edges"]["recall"], scores["origins"]["accuracy"], scores["stories"]["f1"]
(1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from newstrail import api
from newstrail.core.errors import NewstrailError

EXTERNAL = "external:"
#: share of a gold mutation's ``to_text`` words a predicted mutation must contain (the hook's rule)
MUTATION_OVERLAP = 0.6
#: share of an evidence text's words that must lie in one declared boilerplate block
BOILERPLATE_OVERLAP = 0.8


def norm(text: Any) -> str:
    """Lower case, runs of anything but ``a-z0-9`` as one space (the hook's ``norm``)."""
    return re.sub(r"[^a-z0-9]+", " ", str(text).lower()).strip()


def unurl(url: Any) -> str:
    """A URL compared without scheme, ``www.`` and trailing slash: a tool may canonicalise them."""
    return norm(re.sub(r"^[a-z]+://(www\.)?", "", str(url).lower()).rstrip("/"))


def _tokens(text: Any) -> set[str]:
    return set(norm(text).split())


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _kind(name: str) -> str:
    """Edge kinds spelt one way: the tool's ``silent copy`` is gold's ``silent_copy``."""
    return name.replace(" ", "_").replace("-", "_")


def load_gold(set_dir: str) -> dict[str, Any]:
    with open(os.path.join(set_dir, "gold.json"), encoding="utf-8") as handle:
        gold: dict[str, Any] = json.load(handle)
    return gold


def input_files(gold: dict[str, Any], set_dir: str, workdir: str) -> list[str]:
    """The inputs to analyze: every non-``.txt`` file as it is, and the ``.txt`` articles
    as records in ``workdir/records.jsonl`` (first line the title; URL, date and outlet from gold)."""
    paths, records = [], []
    for aid, a in gold["articles"].items():
        path = os.path.join(set_dir, a["file"])
        if not path.endswith(".txt"):
            paths.append(path)
            continue
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n", 1)
        records.append({"id": aid, "url": a.get("url"), "title": lines[0].strip(), "text": lines[1] if len(lines) > 1 else "",
                        "published": a.get("published"), "outlet": a.get("outlet")})
    record_file = os.path.join(workdir, "records.jsonl")
    with open(record_file, "w", encoding="utf-8") as out:
        out.writelines(json.dumps(r) + "\n" for r in records)
    return [*paths, record_file]


def _field(record: dict[str, Any], *names: str) -> Any:
    for name in names:
        if record.get(name) not in (None, "", []):
            return record[name]
    return None


def map_to_gold(gold: dict[str, Any], records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Predicted article id -> gold id, by URL, then file name, then id (the hook's order)."""
    arts = gold["articles"]
    by_url = {unurl(a.get("url")): aid for aid, a in arts.items() if a.get("url")}
    to_gold: dict[str, str] = {}
    for record in records:
        pid = str(_field(record, "id"))
        url = unurl(_field(record, "url", "canonical_url") or "")
        if url in by_url:
            to_gold[pid] = by_url[url]
            continue
        src = str(_field(record, "path", "file", "source_path", "source") or "")
        for aid, a in arts.items():
            if src and os.path.basename(src) == os.path.basename(a["file"]):
                to_gold[pid] = aid
        if pid in arts:
            to_gold[pid] = pid
    return to_gold


@dataclass
class Predicted:
    """What the traces say, in gold ids."""

    to_gold: dict[str, str]
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # internal pair -> the trace's edge
    external: set[tuple[str, str]] = field(default_factory=set)  # (normalised outlet, gold id)
    story: dict[str, str] = field(default_factory=dict)
    origins: dict[str, set[str]] = field(default_factory=dict)
    mutations: list[dict[str, Any]] = field(default_factory=list)
    laundering: set[tuple[str, str]] = field(default_factory=set)  # (actually_from, article)
    shares_quote: set[tuple[str, str]] = field(default_factory=set)  # pairs joined only by a shared quotation
    unmapped: int = 0


def collect(gold: dict[str, Any], records: Iterable[dict[str, Any]], trace_of: Callable[[str], dict[str, Any] | None]) -> Predicted:
    """Read one trace per story, as the hook does: the trace of each article not yet seen in one."""
    to_gold = map_to_gold(gold, records)
    pred = Predicted(to_gold, unmapped=len(gold["articles"]) - len(set(to_gold.values())))
    done: set[str] = set()
    for pid, gid in to_gold.items():
        if gid in done:
            continue
        trace = trace_of(pid)
        if trace is None:
            continue
        members = [to_gold.get(str(x.get("id") if isinstance(x, dict) else x)) for x in trace.get("articles", [])]
        found = [m for m in members if m] or [gid]
        sid = str(trace.get("story"))
        for m in found:
            pred.story[m] = sid
            done.add(m)
        pred.origins[sid] = {to_gold.get(str(o.get("id") if isinstance(o, dict) else o), str(o)) for o in trace.get("origins", [])}
        for e in trace.get("edges", []):
            a, b = str(e.get("from")), str(e.get("to"))
            if b in to_gold and a in to_gold:
                pred.edges[(to_gold[a], to_gold[b])] = e
            elif b in to_gold and a.startswith(EXTERNAL):
                pred.external.add((norm(a[len(EXTERNAL):]), to_gold[b]))
        pred.mutations.extend(trace.get("mutations", []))
        for pair in trace.get("shares_quote", []):
            a, b = str(pair.get("a")), str(pair.get("b"))
            pred.shares_quote.add((to_gold.get(a, a), to_gold.get(b, b)))
        for item in trace.get("laundering", []):
            a, b = str(item.get("actually_from")), str(item.get("article"))
            pred.laundering.add((to_gold.get(a, a), to_gold.get(b, b)))
    return pred


def gold_edges(gold: dict[str, Any]) -> tuple[dict[tuple[str, str], list[str]], set[tuple[str, str]]]:
    """Internal gold edges with their kinds, and external ones as (normalised outlet, article)."""
    internal: dict[tuple[str, str], list[str]] = {}
    external: set[tuple[str, str]] = set()
    for story in gold["stories"].values():
        for e in story.get("edges", []):
            if e["from"].startswith(EXTERNAL):
                external.add((norm(e["from"][len(EXTERNAL):]), e["to"]))
            else:
                internal[(e["from"], e["to"])] = [_kind(k) for k in e.get("kind", [])]
    return internal, external


def laundering_cases(gold: dict[str, Any]) -> set[tuple[str, str]]:
    """The blog -> copier edges of stories with a ``laundering`` note: a silent copy into an
    article that also credits someone else (the README's rule: found despite the credit)."""
    cases = set()
    for story in gold["stories"].values():
        if not story.get("laundering"):
            continue
        edges = story.get("edges", [])
        for e in edges:
            credited = any(o["to"] == e["to"] and o["from"] != e["from"] and "attribution" in o.get("kind", []) for o in edges)
            if "silent_copy" in e.get("kind", []) and credited:
                cases.add((e["from"], e["to"]))
    return cases


def _pr(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, Any]:
    p, r = _ratio(tp_pred, n_pred), _ratio(tp_gold, n_gold)
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r else None
    return {"precision": p, "recall": r, "f1": f1, "predicted": n_pred, "gold": n_gold}


def score_edges(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    """Pairs overall and by kind: recall over gold edges of a kind, precision over predicted edges of a kind."""
    internal, external = gold_edges(gold)
    hits = set(pred.edges) & set(internal)
    out = _pr(len(hits), len(pred.edges), len(hits), len(internal))
    by_kind: dict[str, dict[str, Any]] = {}
    pred_kinds = {pair: {_kind(k) for k in e.get("kinds", [])} for pair, e in pred.edges.items()}
    for kind in sorted({k for ks in internal.values() for k in ks} | {k for ks in pred_kinds.values() for k in ks}):
        g = [pair for pair, ks in internal.items() if kind in ks]
        p = [pair for pair, ks in pred_kinds.items() if kind in ks]
        row = _pr(sum(1 for x in p if x in internal), len(p), sum(1 for x in g if x in pred.edges), len(g))
        # among gold edges of this kind that were found, how many the tool also labels with it
        row["labelled"] = _ratio(sum(1 for x in g if kind in pred_kinds.get(x, set())), sum(1 for x in g if x in pred.edges))
        by_kind[kind] = row
    out["by_kind"] = by_kind
    out["missed"] = sorted(set(internal) - set(pred.edges))
    out["extra"] = sorted(set(pred.edges) - set(internal))
    ext_hit = [(name, to) for name, to in sorted(external) if any(to == t2 and n2 and (name in n2 or n2 in name) for n2, t2 in pred.external)]
    out["external"] = {"recall": _ratio(len(ext_hit), len(external)) if external else 1.0, "gold": len(external),
                       "missed": sorted(external - set(ext_hit)), "predicted": sorted(pred.external)}
    return out


def score_origins(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    """A story's origins are right when the trace of its first origin names exactly gold's origins."""
    wrong = {}
    for sid, story in gold["stories"].items():
        first = story["origins"][0] if story.get("origins") else None
        psid = pred.story.get(first) if first else None
        got = pred.origins.get(psid, set()) if psid is not None else set()
        if psid is None or got != set(story["origins"]):
            wrong[sid] = {"gold": sorted(story.get("origins", [])), "predicted": sorted(got)}
    n = len(gold["stories"])
    return {"accuracy": (n - len(wrong)) / n if n else None, "wrong": wrong}


def score_stories(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    """Same-story pairs over all gold articles (distractors have no story and no pair)."""
    arts = gold["articles"]
    ids = sorted(arts)
    same_g = {(a, b) for a, b in itertools.combinations(ids, 2) if arts[a].get("story") and arts[a].get("story") == arts[b].get("story")}
    same_p = {(a, b) for a, b in itertools.combinations(ids, 2) if a in pred.story and pred.story.get(a) == pred.story.get(b)}
    p, r = _ratio(len(same_g & same_p), len(same_p)) or 0.0, _ratio(len(same_g & same_p), len(same_g)) or 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "split": sorted(same_g - same_p), "joined": sorted(same_p - same_g)}


def _words(text: str) -> set[str]:
    # words in any script: the hook's a-z0-9 rule, over JSON that escapes every other letter
    # ("G\u00fcvenlik"), cannot match a Turkish, Russian or Arabic sentence
    return set(re.findall(r"\w+", text.lower()))


def _mutation_match(want: dict[str, Any], got: dict[str, Any]) -> bool:
    words = _words(str(want.get("to_text", "")))
    return bool(words) and len(words & _words(json.dumps(got, ensure_ascii=False))) / len(words) >= MUTATION_OVERLAP


def score_mutations(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    """Recall over gold mutations (the hook's text-overlap rule), precision over predicted ones
    (one that matches no gold mutation is a false alarm: the negative-control story has none)."""
    wanted = [m for story in gold["stories"].values() for m in story.get("mutations", [])]
    found = [m for m in wanted if any(_mutation_match(m, p) for p in pred.mutations)]
    right = [p for p in pred.mutations if any(_mutation_match(m, p) for m in wanted)]
    out = _pr(len(right), len(pred.mutations), len(found), len(wanted))
    by_type = {}
    for kind in sorted({m.get("type", "?") for m in wanted} | {p.get("type", "?") for p in pred.mutations}):
        g = [m for m in wanted if m.get("type") == kind]
        p = [x for x in pred.mutations if x.get("type") == kind]
        by_type[kind] = _pr(sum(1 for x in p if x in right), len(p), sum(1 for m in g if m in found), len(g))
    out["by_type"] = by_type
    out["missed"] = [m for m in wanted if m not in found]
    out["false_alarms"] = [p for p in pred.mutations if p not in right]
    return out


def score_laundering(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    """Detected when the blog -> copier edge is drawn despite the credit; reported when the trace's
    ``laundering`` list names that pair."""
    cases = laundering_cases(gold)
    drawn = cases & set(pred.edges)
    out = _pr(len(pred.laundering & cases), len(pred.laundering), len(drawn), len(cases))
    out["reported_recall"] = _ratio(len(pred.laundering & cases), len(cases))
    out["missed"] = sorted(cases - drawn)
    return out


def score_related(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    """Gold's related pairs (same story, no edge): grouped together and left without an edge;
    and the trace's quotation-only pairs that gold calls edges (copies the trace did not draw)."""
    pairs = [(r["a"], r["b"]) for story in gold["stories"].values() for r in story.get("related", [])]
    grouped = [p for p in pairs if p[0] in pred.story and pred.story.get(p[0]) == pred.story.get(p[1])]
    linked = [p for p in pairs if p in pred.edges or p[::-1] in pred.edges]
    internal, _ = gold_edges(gold)
    quoted_edges = sorted(p for p in pred.shares_quote if p in internal or p[::-1] in internal)
    return {"gold": len(pairs), "grouped": _ratio(len(grouped), len(pairs)), "with_edge": sorted(linked),
            "shares_quote": len(pred.shares_quote), "shares_quote_gold_edges": quoted_edges}


def _is_boilerplate(text: str, blocks: list[set[str]]) -> bool:
    """Whether every paragraph of ``text`` lies in a declared block (a shared passage may
    run across several blocks: a newsletter prompt, then a footer, then a network footer)."""
    paragraphs = [_tokens(p) for p in re.split(r"\n\s*\n", text or "")]
    paragraphs = [words for words in paragraphs if words]
    return bool(paragraphs) and all(
        any(len(words & block) / len(words) >= BOILERPLATE_OVERLAP for block in blocks) for words in paragraphs)


def boilerplate_links(gold: dict[str, Any], pred: Predicted) -> list[tuple[str, str]]:
    """Predicted edges outside gold whose every piece of evidence lies in a boilerplate block
    declared for the target (shared passages, credit sentences, link anchors)."""
    blocks: dict[str, list[set[str]]] = defaultdict(list)
    for block in gold.get("boilerplate", []):
        for aid in block.get("articles", []):
            blocks[aid].append(_tokens(block.get("text", "")))
    internal, _ = gold_edges(gold)
    found = []
    for pair, edge in sorted(pred.edges.items()):
        if pair in internal or not blocks.get(pair[1]):
            continue
        texts = [ev.get("text") or ev.get("anchor") or "" for ev in edge.get("evidence", []) if ev.get("text") or ev.get("anchor")]
        if texts and all(_is_boilerplate(t, blocks[pair[1]]) for t in texts):
            found.append(pair)
    return found


def score_languages(gold: dict[str, Any], pred: Predicted) -> dict[str, dict[str, Any]]:
    """Per language of the later article (the one an edge points to): edges P/R, and the
    recall of its credits (gold ``attribution`` edges) and of its ``translation`` edges."""
    internal, _ = gold_edges(gold)
    lang = {pid: str(a.get("language") or "?").split("-")[0] for pid, a in gold["articles"].items()}
    out: dict[str, dict[str, Any]] = {}
    for code in sorted(set(lang.values())):
        g = {pair: kinds for pair, kinds in internal.items() if lang.get(pair[1]) == code}
        p = [pair for pair in pred.edges if lang.get(pair[1]) == code]
        row = _pr(sum(1 for x in p if x in internal), len(p), sum(1 for x in g if x in pred.edges), len(g))
        for kind in ("attribution", "translation"):
            wanted = [pair for pair, kinds in g.items() if kind in kinds]
            row[kind] = (sum(1 for x in wanted if x in pred.edges), len(wanted))
        out[code] = row
    return out


def score(gold: dict[str, Any], pred: Predicted) -> dict[str, Any]:
    return {"edges": score_edges(gold, pred), "origins": score_origins(gold, pred), "stories": score_stories(gold, pred),
            "mutations": score_mutations(gold, pred), "laundering": score_laundering(gold, pred),
            "related": score_related(gold, pred), "languages": score_languages(gold, pred),
            "boilerplate_links": boilerplate_links(gold, pred), "unmapped": pred.unmapped}


def _f(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def headline(scores: dict[str, Any]) -> str:
    """The hook's one line, figure for figure."""
    e = scores["edges"]
    unmapped = f", {scores['unmapped']} articles unmapped" if scores["unmapped"] else ""
    return (f"provenance: edges P={e['precision'] or 0.0:.2f} R={e['recall'] or 0.0:.2f} ({e['gold']} gold), "
            f"external R={e['external']['recall']:.2f}, origins {scores['origins']['accuracy'] or 0.0:.2f}, "
            f"stories F1={scores['stories']['f1']:.2f}, mutations R={scores['mutations']['recall'] or 0.0:.2f}{unmapped}")


def render(scores: dict[str, Any], detail: bool = False) -> str:
    """The headline, then per-kind figures; with ``detail`` every miss and false alarm."""
    e, m, s, lg = scores["edges"], scores["mutations"], scores["stories"], scores["laundering"]
    out = [headline(scores), ""]
    out.append(f"edges        P {_f(e['precision'])}  R {_f(e['recall'])}  F1 {_f(e['f1'])}  ({e['predicted']} predicted, {e['gold']} gold)")
    for kind, row in e["by_kind"].items():
        out.append(f"  {kind:<12} P {_f(row['precision'])}  R {_f(row['recall'])}  labelled {_f(row['labelled'])}  "
                   f"({row['predicted']} predicted, {row['gold']} gold)")
    out.append(f"external     R {_f(e['external']['recall'])}  ({e['external']['gold']} gold)")
    out.append(f"origins      {_f(scores['origins']['accuracy'])}")
    out.append(f"stories      pair P {_f(s['precision'])}  R {_f(s['recall'])}  F1 {_f(s['f1'])}")
    out.append(f"mutations    P {_f(m['precision'])}  R {_f(m['recall'])}  ({m['predicted']} predicted, {m['gold']} gold)")
    for kind, row in m["by_type"].items():
        out.append(f"  {kind:<12} P {_f(row['precision'])}  R {_f(row['recall'])}  ({row['predicted']} predicted, {row['gold']} gold)")
    out.append(f"laundering   edge drawn R {_f(lg['recall'])}  reported P {_f(lg['precision'])} R {_f(lg['reported_recall'])}  ({lg['gold']} gold)")
    rel = scores["related"]
    out.append(f"related      {rel['gold']} gold pairs: grouped {_f(rel['grouped'])}, {len(rel['with_edge'])} given an edge; "
               f"{rel['shares_quote']} quotation-only pair(s), {len(rel['shares_quote_gold_edges'])} of them gold edges")
    out.append(f"boilerplate  {len(scores['boilerplate_links'])} false link(s) made by declared boilerplate alone")
    languages = scores.get("languages", {})
    if len(languages) > 1:
        out.append("by language of the later article: edges P/R (predicted, gold); credits found; translations found")
        for code, row in languages.items():
            out.append(f"  {code:<4} P {_f(row['precision'])}  R {_f(row['recall'])}  ({row['predicted']}, {row['gold']})  "
                       f"credits {row['attribution'][0]}/{row['attribution'][1]}  translations {row['translation'][0]}/{row['translation'][1]}")
    if detail:
        out += _details(scores)
    return "\n".join(out) + "\n"


def _details(scores: dict[str, Any]) -> list[str]:
    e, m, s = scores["edges"], scores["mutations"], scores["stories"]
    out = ["", "missed edges:"] + [f"  {a} -> {b}" for a, b in e["missed"]]
    out += ["extra edges:"] + [f"  {a} -> {b}" for a, b in e["extra"]]
    out += ["missed external credits:"] + [f"  external:{a} -> {b}" for a, b in e["external"]["missed"]]
    out += ["wrong origins:"] + [f"  {sid}: gold {w['gold']} predicted {w['predicted']}" for sid, w in scores["origins"]["wrong"].items()]
    out += ["stories split apart:"] + [f"  {a} / {b}" for a, b in s["split"]]
    out += ["stories joined wrongly:"] + [f"  {a} / {b}" for a, b in s["joined"]]
    out += ["missed mutations:"] + [f"  {x.get('type')} {x.get('article')}: {x.get('to_text')}" for x in m["missed"]]
    out += ["mutation false alarms:"] + [
        f"  {x.get('type')} {x.get('edge', {}).get('from', '')} -> {x.get('edge', {}).get('to', x.get('article', ''))}: "
        f"{x.get('from_text')} => {x.get('to_text')}" for x in m["false_alarms"]]
    out += ["laundering edges missed:"] + [f"  {a} -> {b}" for a, b in scores["laundering"]["missed"]]
    out += ["related pairs given an edge:"] + [f"  {a} / {b}" for a, b in scores["related"]["with_edge"]]
    out += ["quotation-only pairs gold calls edges:"] + [f"  {a} / {b}" for a, b in scores["related"]["shares_quote_gold_edges"]]
    out += ["boilerplate links:"] + [f"  {a} -> {b}" for a, b in scores["boilerplate_links"]]
    return out


def run_in_process(paths: list[str], workdir: str) -> tuple[list[dict[str, Any]], Callable[[str], dict[str, Any] | None]]:
    """Analyze ``paths`` into a fresh store in ``workdir``: the records, and a trace reader."""
    settings = api.build_settings(None, (), db=os.path.join(workdir, "newstrail.db"))
    analysis = api.analyze(paths, settings)
    records = [analysis.record(o) for o in analysis if o.article is not None]

    def trace_of(pid: str) -> dict[str, Any] | None:
        try:
            return api.trace(settings, article=pid).to_dict()
        except NewstrailError:
            return None

    return records, trace_of


def run_set(set_dir: str, workdir: str) -> dict[str, Any]:
    """Analyze and trace a gold set in process, in a fresh store under ``workdir``, and score it."""
    gold = load_gold(set_dir)
    records, trace_of = run_in_process(input_files(gold, set_dir, workdir), workdir)
    return score(gold, collect(gold, records, trace_of))
