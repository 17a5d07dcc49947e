"""The harder corpus's story members: same-outlet updates, retellings, official denials,
fact-checks and corrections, and the credit names real pages use (wire acronyms, old names).

A mixin of the generator's class (it uses ``rng``, ``claim_para``-style helpers, ``unique``,
``detail_para``, ``rewrite_detail``, ``make_node`` and ``_changed_number``). Each member joins
its story by an edge with a kind (``update``, ``retelling``, ``denial``, ``debunk``,
``correction``) or, when its text names and takes nothing, by a ``related`` pair. Text written
"in other words" shares no 12-word run with the rest of its story, so a related pair is never
also a reuse pair. Links are written as bare URLs through a marker that ``commit`` fills in.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from newstrail.eval.chains.sites import ACRONYMS, FACTCHECKERS, OLD_NAMES, PRESS_OFFICE
from newstrail.eval.chains.text import split_words
from newstrail.eval.chains.vocabulary import SHINGLE, WEEKDAYS

URL_MARK = "\x01"


def url_marker(position: int) -> str:
    """A placeholder for the URL of the story's ``position``-th article (filled in by ``commit``)."""
    return f"{URL_MARK}{position}{URL_MARK}"


def runs_of(text: str) -> set[tuple[str, ...]]:
    words = split_words(text)
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def story_runs(nodes: list) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for node in nodes:
        for p in node.paras:
            found |= runs_of(p["text"])
    return found


def _cap(text: str) -> str:
    return text[0].upper() + text[1:]


class HardStories:
    """Story members beyond copies; each returns (node, edge kinds or None, cue) or adds nothing."""

    rng: Any
    unique: Any
    detail_para: Any
    rewrite_detail: Any
    make_node: Any
    _changed_number: Any
    cite_name: Any
    staff: Any
    next_outlet: Any
    spare: int
    on: Any

    # ------------------------------------------------------------------ credit names

    def hard_name(self, outlet: str) -> tuple[str, bool]:
        """How a page names ``outlet``: a wire by its acronym, a renamed outlet now and then by its old name."""
        r = self.rng
        if not self.on("credits"):
            return self.cite_name(outlet)
        if outlet in ACRONYMS and r.random() < 0.6:
            return ACRONYMS[outlet], True
        if outlet in OLD_NAMES and r.random() < 0.4:
            return OLD_NAMES[outlet], True
        return self.cite_name(outlet)

    # ------------------------------------------------------------------ text in other words

    def retold_claim(self, f: dict, taken: set, prefix: str = "") -> dict:
        """The claim's figures in a sentence of another shape (no 12-word run of ``taken``)."""
        r = self.rng
        org, count, place, day = f["org"], f["count"]["text"], f["place"], f["weekday"]
        dist = f["dist_phrase"].replace("{D}", f["dist"]["text"])
        shapes = [
            f"{place} was counting the cost on {day} after {count} were affected, {org} figures show.",
            f"Officials from the {org} put the toll at {count} on {day}, {dist}.",
            f"By {day} evening {count} in and around {place} had been affected, the {org} said.",
            f"{_cap(dist)}, {count} were affected, according to a {day} tally by the {org}.",
        ]
        money = [f"Costs could reach {f['money']['text']}, officials in {f['region']} said.",
                 f"The {org} has put the bill at {f['money']['text']}."]

        def build() -> dict:
            shape = r.choice(shapes)
            if prefix and not shape.startswith(place):  # a place name keeps its capital after the prefix
                shape = shape[0].lower() + shape[1:]
            text = prefix + shape + " " + r.choice(money)
            return {"kind": "claim", "text": text, "cue": bool(prefix)}

        for _ in range(8):
            para = self.unique(build)
            if not runs_of(para["text"]) & taken:
                return para
        return {"kind": "claim", "text": prefix + shapes[1], "cue": bool(prefix)}

    def other_words(self, src: Any, f: dict, ctx: dict, taken: set, prefix: str = "") -> list[dict]:
        """A body about ``src``'s event that takes no passage from the story (``taken``)."""
        paras = [self.retold_claim(f, taken, prefix)]
        for p in src.paras:
            if p["kind"] in ("detail", "local") and "spec" in p and self.rng.random() < 0.6:
                rewritten = self.rewrite_detail(p)
                if not runs_of(rewritten["text"]) & taken:
                    paras.append(rewritten)
        used: set[int] = {s["t"] for p in paras if "spec" in p for s in p["spec"]}
        for _ in range(8):  # 180 words at least, as real follow-ups and fact-checks run
            if len(paras) >= 4 or sum(len(p["text"].split()) for p in paras) >= 200:
                break
            fresh = self.detail_para(ctx, used)
            if not runs_of(fresh["text"]) & taken:
                paras.append(fresh)
        return paras

    # ------------------------------------------------------------------ members

    def update(self, origin: Any, ctx: dict, taken: set, when: Any) -> tuple[Any, list[str] | None]:
        """The origin outlet's later update with new figures: credits itself (edge) or nothing (related)."""
        r = self.rng
        f = dict(origin.facts)
        f["count"] = self._changed_number(f, "count")["count"]
        f["weekday"] = r.choice(WEEKDAYS)
        self_credit = r.random() < 0.5
        prefix = f"As {self.cite_name(origin.outlet)[0]} reported earlier on {origin.facts['weekday']}, " if self_credit else ""
        paras = self.other_words(origin, f, ctx, taken, prefix)
        if self_credit:
            keep = [p for p in origin.paras if p["kind"] in ("detail", "local")][:1]
            paras += [dict(p) for p in keep]
        node = self.make_node(origin.outlet, when, "update", f, origin.quote, paras, level=origin.title_level)
        kinds = ["attribution", "update"] + (["reuse"] if self_credit and len(paras) > 1 and paras[-1]["text"] in
                                              {p["text"] for p in origin.paras} else [])
        return node, (kinds if self_credit else None)

    def retelling(self, src: Any, outlet: str, ctx: dict, taken: set, when: Any) -> tuple[Any, list[str] | None, dict | None]:
        """Another outlet tells the event in its own words, crediting ``src`` (edge) or nobody (related)."""
        credited = self.rng.random() < 0.5
        cue = None
        prefix = ""
        if credited:
            name, alias = self.hard_name(src.outlet)
            cue = {"style": "according", "outlet": src.outlet, "name": name, "alias": alias}
            prefix = f"According to {name}, "
        paras = self.other_words(src, src.facts, ctx, taken, prefix)
        node = self.make_node(outlet, when, "retelling", src.facts, src.quote, paras, level=src.title_level)
        return node, (["attribution", "retelling"] if credited else None), cue

    def denial(self, target: Any, position: int, ctx: dict, taken: set, when: Any) -> tuple[Any, list[str] | None, dict | None]:
        """The organisation's statement rejecting the claim: names and links ``target`` (edge) or no outlet (related)."""
        r = self.rng
        f = target.facts
        org, count, day, place = f["org"], f["count"]["text"], r.choice(WEEKDAYS), f["place"]
        lead = f"The {org} on {day} rejected reports that {count} had been affected in {place}, saying the figure was wrong."
        named = r.random() < 0.5
        cue = None
        if named:
            name, alias = self.hard_name(target.outlet)
            cue = {"style": "denial", "outlet": target.outlet, "name": name, "alias": alias}
            second = f"A report by {name} ({url_marker(position)}) misread early data from {place}, said a spokesperson for the {org}."
        else:
            second = f"Claims about {place} online misread early data, said a spokesperson for the {org} on {day}."
        paras = [{"kind": "claim", "text": lead, "cue": False}, {"kind": "cue", "text": second, "cue": named}]
        paras += self.other_words(target, f, ctx, taken)[1:]
        node = self.make_node(PRESS_OFFICE, when, "denial", f, target.quote, paras, level=0)
        return node, (["attribution", "hyperlink", "denial"] if named else None), cue

    def debunk(self, targets: list[tuple[Any, int]], ctx: dict, taken: set, when: Any) -> tuple[Any, list[dict]]:
        """A fact-check of the claim naming and linking several of the story's articles (one edge each)."""
        r = self.rng
        f = targets[-1][0].facts
        dist = f["dist_phrase"].replace("{D}", f["dist"]["text"])
        rating = r.choice(["False", "Misleading", "Unproven", "Exaggerated"])
        names, cues = [], []
        for node, position in targets:
            name, alias = self.hard_name(node.outlet)
            names.append(f"{name} ({url_marker(position)})")
            cues.append({"style": "factcheck", "outlet": node.outlet, "name": name, "alias": alias})
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        paras = [
            {"kind": "claim", "text": f"Claim: {_cap(f['count']['text'])} were affected {dist}. Our rating: {rating}.", "cue": False},
            {"kind": "cue", "text": f"Versions of the {f['place']} claim appeared on {listed} from {f['weekday']}.", "cue": True},
        ]
        paras += self.other_words(targets[0][0], targets[0][0].facts, ctx, taken)
        node = self.make_node(r.choice(FACTCHECKERS), when, "debunk", f, targets[0][0].quote, paras, level=0)
        return node, cues

    def correction(self, target: Any, position: int, mutation: tuple[str, str], ctx: dict, taken: set,
                   when: Any) -> Any:
        """The outlet of a copy that changed a figure corrects it on its own site (an edge from the copy)."""
        wrong, right = mutation
        day = self.rng.choice(WEEKDAYS)
        paras = [{"kind": "cue", "text": f"Correction: an earlier version of this article ({url_marker(position)}), "
                                        f"published on {day}, said {wrong}. The correct figure is {right}. We apologise for the error.",
                  "cue": True}]
        paras += self.other_words(target, target.parent.facts if target.parent else target.facts, ctx, taken)
        return self.make_node(target.outlet, when, "correction", target.facts, target.quote, paras, level=0)

    def later(self, nodes: list, lo: int = 40, hi: int = 900) -> Any:
        return max(n.time for n in nodes) + timedelta(minutes=self.rng.randint(lo, hi))

    # ------------------------------------------------------------------ a story's extra members

    def add_members(self, built: dict, ctx: dict, used: set[str]) -> None:
        """Updates, retellings, denials, fact-checks and corrections for a story of 2+ articles.

        Each is later than every article before it, so every edge runs forward in time."""
        r = self.rng
        nodes: list = built["nodes"]
        if len(nodes) < 2:
            return
        origin = nodes[0]
        edges = built["edges"]
        built.setdefault("related", [])
        plan = [kind for kind, p in (("update", 0.3), ("retelling", 0.35), ("denial", 0.2), ("debunk", 0.2),
                                     ("correction", 0.35)) if r.random() < p]
        for kind in plan[: self.spare]:
            taken = story_runs(nodes)
            when = self.later(nodes)
            if kind == "update":
                node, kinds = self.update(origin, ctx, taken, when)
                cue = {"style": "self", "outlet": origin.outlet, "name": origin.outlet, "alias": False} if kinds else None
                self._join(built, origin, node, kinds, cue, "update with new figures")
            elif kind == "retelling":
                src = nodes[0] if r.random() < 0.6 else r.choice(nodes)
                node, kinds, cue = self.retelling(src, self.next_outlet(used), ctx, taken, when)
                self._join(built, src, node, kinds, cue, "retelling in other words")
            elif kind == "denial":
                target = r.choice(nodes)
                node, kinds, cue = self.denial(target, nodes.index(target), ctx, taken, when)
                self._join(built, target if kinds else origin, node, kinds, cue, "official denial naming no outlet")
            elif kind == "debunk":
                pool = [n for n in nodes if n.role not in ("update", "denial", "correction", "debunk")]
                chosen = r.sample(pool, min(len(pool), r.randint(2, 4)))
                chosen.sort(key=lambda n: n.time)
                node, cues = self.debunk([(n, nodes.index(n)) for n in chosen], ctx, taken, when)
                nodes.append(node)
                used.add(node.outlet)
                for target, cue in zip(chosen, cues):
                    edges.append({"from": target, "to": node, "kinds": ["attribution", "hyperlink", "debunk"], "cue": cue})
            else:
                numbered = [m for m in built["mutations"] if m["type"] == "number" and m["to"].role != "correction"]
                if not numbered:
                    continue
                m = r.choice(numbered)
                node = self.correction(m["to"], nodes.index(m["to"]), (m["to_text"], m["from_text"]), ctx, taken, when)
                cue = {"style": "self", "outlet": m["to"].outlet, "name": "this site", "alias": False}
                self._join(built, m["to"], node, ["attribution", "hyperlink", "correction"], cue, "")

    def _join(self, built: dict, parent: Any, node: Any, kinds: list[str] | None, cue: dict | None, why: str) -> None:
        built["nodes"].append(node)
        if kinds:
            built["edges"].append({"from": parent, "to": node, "kinds": kinds, "cue": cue})
        else:
            built["related"].append({"a": parent, "b": node, "why": why})

    def byline_credit(self, node: Any, dateline: str, name: str) -> None:
        """A wire copy that drops the agency from the dateline and credits it in a byline line."""
        first = node.paras[0]
        if first["text"].startswith(dateline):
            node.paras[0] = dict(first, text=dateline.replace(f"({name}) ", "") + first["text"][len(dateline):])
        node.paras.append({"kind": "cue", "text": f"Reporting by {name}; editing by {self.rng.choice(self.staff[node.outlet])}",
                           "cue": True})
