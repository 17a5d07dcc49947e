"""The chains generator: stories, copy chains, syndication, mutations and their truth."""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter, deque
from datetime import datetime, timedelta, timezone
from pathlib import Path
from collections.abc import Iterable
from typing import Any

from newstrail.eval.chains.hard import URL_MARK, HardStories
from newstrail.eval.chains.mutations import TOPIC_BY_KEY, Mutations
from newstrail.eval.chains.sites import ACRONYMS, HARD_KINDS, MASTHEAD_SITES, NESTED, OFFSETS, OLD_NAMES, site_boilerplate
from newstrail.eval.chains.text import Shingles, compile_template, fmt_money, render_template, round2, split_words
from newstrail.eval.chains.vocabulary import (
    ALL_OUTLETS, BASE_TIME, BUSINESSES, CLAIM_LEADS, CUE_STYLES, DETAILS, EVIDENCE, FIRST, HEDGES, INSURERS,
    INVENTED_FOLLOWS, JOBS, JOBS2, LANDMARKS, LAST, MASTHEADS, MAX_DRAWS, MONEY_SENTENCES,
    MONTHS, ORDINALS, ORG2_KINDS, OUTLET_BY_NAME, PLACES, QUOTES, QUOTE_FOLLOWS, REGIONS, RIVERS,
    STREETS, STREET_KINDS, SUPPLIES, TITLES, TOPICS, UNIQUE_WINDOW, VENUES, WEEKDAYS, WIRES, aliases,
    boilerplate,
)

# --------------------------------------------------------------------------- articles

class _Node:
    """One article while its story is being built."""

    __slots__ = ("id", "story", "outlet", "author", "time", "parent", "role", "facts", "quote", "paras", "title",
                 "title_level", "cue", "launder_from", "speakers", "verbatim", "position")
    # set from keywords in __init__; Any, as the generator fills them in stages
    id: Any
    story: Any
    outlet: Any
    author: Any
    time: Any
    parent: Any
    role: Any
    facts: Any
    quote: Any
    paras: Any
    title: Any
    title_level: Any
    cue: Any
    launder_from: Any
    speakers: Any
    verbatim: Any
    position: Any

    def __init__(self, **kw: Any) -> None:
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


class _Generator(Mutations, HardStories):
    def __init__(self, seed: int, hard: bool | Iterable[str] = True):
        self.seed = seed
        self.options = HARD_KINDS if hard is True else frozenset() if hard is False else frozenset(hard)
        if not self.options <= HARD_KINDS:
            raise ValueError(f"unknown options {sorted(self.options - HARD_KINDS)}; known: {sorted(HARD_KINDS)}")
        self.hard = bool(self.options)  # any of them: URLs put the id first
        self.rng = random.Random(seed)
        self.index = Shingles(UNIQUE_WINDOW)
        self.records: list[dict] = []
        self.utc: dict[str, str] = {}  # article id -> UTC stamp, for the truth's order
        self.truth: dict[str, Any] = {"articles": [], "edges": [], "origins": {}, "laundering": [], "mutations": [],
                      "equal_conversions": [], "syndication": [], "stories": [],
                      "related": [], "boilerplate": []}
        self.count = 0
        self.story_count = 0
        self.clock = BASE_TIME
        self.recent: deque[dict] = deque(maxlen=60)  # recent story contexts, for look-alike stories
        self.recent_outlets: deque[str] = deque(maxlen=200)
        self.redraws = 0
        self.kept_collisions = 0
        self.stuck_paragraphs = 0
        self.staff = {name: [f"{FIRST[(i * 7 + j * 13) % len(FIRST)]} {LAST[(i * 11 + j * 5) % len(LAST)]}"
                             for j in range(2 + i % 4)] for i, (name, *_rest) in enumerate(ALL_OUTLETS)}
        self.spare = 0
        self.blocks: dict[str, dict] = {}  # boilerplate text -> truth entry

    # ------------------------------------------------------------------ slots

    def on(self, option: str) -> bool:
        """Whether the harder corpus's ``option`` (one of :data:`HARD_KINDS`) is on."""
        return option in self.options

    def person(self) -> str:
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def slot(self, name: str, ctx: dict) -> str:
        r = self.rng
        if name in ctx:
            return ctx[name]
        if name in ("place2", "place3"):
            return r.choice(PLACES)
        if name == "region2":
            return r.choice(REGIONS)
        if name in ("weekday", "weekday2"):
            return r.choice(WEEKDAYS)
        if name in ("hour", "hour2"):
            return f"{r.randint(1, 12)}:{r.randrange(0, 60, 5):02d} {r.choice(['am', 'pm'])}"
        if name == "date":
            return f"{r.randint(1, 28)} {r.choice(MONTHS)}"
        if name == "month":
            return r.choice(MONTHS)
        if name == "year":
            return str(r.randint(1958, 2022))
        if name in ("k", "k2"):
            return str(r.randint(2, 39))
        if name == "K":
            return str(r.randint(40, 99))
        if name in ("n", "n2"):
            return str(r.randint(20, 990))
        if name == "N":
            return f"{r.randint(1000, 29999):,}"
        if name in ("person",):
            return self.person()
        if name == "org2":
            return f"{r.choice(REGIONS)} {r.choice(ORG2_KINDS)}"
        if name == "business":
            return r.choice(BUSINESSES)
        if name == "street":
            return f"{r.choice(STREETS)} {r.choice(STREET_KINDS)}"
        if name == "landmark2":
            return r.choice(LANDMARKS)
        if name == "venue":
            return r.choice(VENUES)
        if name == "supplies":
            return r.choice(SUPPLIES)
        if name == "road":
            return f"{r.choice(['A', 'B', 'R', 'N'])}{r.randint(2, 199)} {r.choice(['coast road', 'bypass', 'ring road', 'valley road'])}"
        if name == "insurer":
            return r.choice(INSURERS).format(last=r.choice(LAST), last2=r.choice(LAST), region=r.choice(REGIONS))
        if name == "job":
            return r.choice(JOBS)
        if name == "job2":
            return r.choice(JOBS2)
        if name == "money":
            if r.random() < 0.5:
                return f"{r.randint(40, 990) * 1000:,} crowns"
            return f"{round(r.uniform(1.1, 60), 1):g} million crowns"
        if name == "pct":
            return f"{r.randint(3, 85)}%"
        if name == "ordinal":
            return r.choice(ORDINALS)
        raise KeyError(name)

    def fill(self, template: str, ctx: dict) -> tuple[dict, tuple[int, ...]]:
        _, nchoices, names = compile_template(template)
        slots = {n: self.slot(n, ctx) for n in names}
        return slots, tuple(self.rng.randrange(6) for _ in range(nchoices))

    # ------------------------------------------------------------------ paragraphs

    def detail_sentence(self, ctx: dict, template_index: int) -> dict:
        variant = self.rng.randrange(2)
        slots, choices = self.fill(DETAILS[template_index][0] + " " + DETAILS[template_index][1], ctx)
        return {"t": template_index, "v": variant, "slots": slots, "ch": choices}

    def unique(self, build, tries: int = 8) -> dict:
        """The first paragraph ``build()`` gives that repeats no 12-word run of an earlier story."""
        for _ in range(tries):
            para = build()
            if not self.index.collides(self.index.of_text(para["text"])):
                return para
        self.stuck_paragraphs += 1
        return para

    def detail_para(self, ctx: dict, used: set[int], sentences: int | None = None, kind: str = "detail") -> dict:
        count = sentences or self.rng.choice([2, 3, 3, 3, 4])
        free = [i for i in range(len(DETAILS)) if i not in used] or list(range(len(DETAILS)))

        def build() -> dict:
            picks = self.rng.sample(free, min(count, len(free)))
            spec = [self.detail_sentence(ctx, i) for i in picks]
            return self._detail_text({"kind": kind, "spec": spec, "cue": False})

        para = self.unique(build)
        used.update(s["t"] for s in para["spec"])
        return para

    @staticmethod
    def _sentence_text(s: dict) -> str:
        text = render_template(DETAILS[s["t"]][s["v"]], s["slots"], s["ch"])
        return text[0].upper() + text[1:]

    def _detail_text(self, para: dict) -> dict:
        para["text"] = " ".join(self._sentence_text(s) for s in para["spec"])
        return para

    def rewrite_detail(self, para: dict) -> dict:
        """The same facts in other words: each sentence in its other variant, with other word choices."""
        rotate = len(para["spec"]) > 2 and self.rng.random() < 0.4

        def build() -> dict:
            spec = [{**s, "v": 1 - s["v"], "ch": tuple(self.rng.randrange(6) for _ in s["ch"])} for s in para["spec"]]
            if rotate:
                spec = spec[1:] + spec[:1]
            return self._detail_text({"kind": para["kind"], "spec": spec, "cue": False})

        return self.unique(build)

    # claim

    @staticmethod
    def claim_core(f: dict) -> str:
        a, action, count = f["actor"], f["action"], f["count"]["text"]
        dist = f["dist_phrase"].replace("{D}", f["dist"]["text"])
        style = f["hedge"]
        if style == "appear":
            h = f["soft"] if f["hedged"] else f["hard"]
            return f"{f['evidence']} {h} that {a} {action} {count} {dist}"
        if style == "may":
            h = f["soft"] if f["hedged"] else ("have" if f["plural"] else "has")
            return f"{a} {h} {action} {count} {dist}"
        if style == "reportedly":
            return f"{a} {f['soft']} {action} {count} {dist}" if f["hedged"] else f"{a} {action} {count} {dist}"
        h = f["soft"] if f["hedged"] else f["hard"]
        return f"{h}, {a} {action} {count} {dist}"

    def claim_para(self, f: dict, dateline: str = "", according: str = "") -> dict:
        return self.unique(lambda: self._claim_para(f, dateline, according))

    def _claim_para(self, f: dict, dateline: str, according: str) -> dict:
        var = self.rng.randrange(len(CLAIM_LEADS))
        lead = CLAIM_LEADS[var].format(weekday=f["weekday"], place=f["place"], region=f["region"], hour=f["hour"])
        first = lead + self.claim_core(f) + "."
        if according:
            first = f"According to {according}, " + first[0].lower() + first[1:]
        money_tpl = MONEY_SENTENCES[self.rng.randrange(len(MONEY_SENTENCES))]
        slots, choices = self.fill(money_tpl, {"org": f["org"], "M": f["money"]["text"], "P": f["pct"]["text"]})
        second = render_template(money_tpl, slots, choices)
        second = second[0].upper() + second[1:]
        text = dateline + first + " " + second
        return {"kind": "claim", "text": text, "cue": bool(dateline or according)}

    # quote

    def quote_text(self, q: dict) -> str:
        slots = dict(q["slots"], w=QUOTES[q["t"]][1][q["w"]])
        return render_template(QUOTES[q["t"]][0], slots, q["ch"])

    def quote_para(self, f: dict, q: dict) -> dict:
        def build() -> dict:
            follow = self.rng.choice(QUOTE_FOLLOWS)
            slots, choices = self.fill(follow, {"surname": q["speaker"].split()[-1], "org": f["org"]})
            text = f'"{self.quote_text(q)}," said {q["title"]} {q["speaker"]}. ' + render_template(follow, slots, choices)
            return {"kind": "quote", "text": text, "cue": False}

        return self.unique(build)

    def invented_para(self, f: dict, inv: dict) -> dict:
        def build() -> dict:
            follow = self.rng.choice(INVENTED_FOLLOWS)
            slots, choices = self.fill(follow, {"surname": inv["speaker"].split()[-1], "org": f["org"]})
            text = f'"{inv["text"]}," said {inv["title"]} {inv["speaker"]}. ' + render_template(follow, slots, choices)
            return {"kind": "invented", "text": text, "cue": False, "inv": inv}

        return self.unique(build)

    def fresh_text(self, text: str) -> bool:
        return not self.index.collides(self.index.of_text(text))

    # titles

    def title(self, f: dict, level: int, avoid: str | None = None) -> str:
        for _ in range(10):
            tpl = self.rng.choice(TITLES[level])
            topic = TOPIC_BY_KEY[f["topic"]]
            ctx = {"place": f["place"], "bare": f["bare"], "bare_a": topic["bare_a"], "event": topic["event"],
                   "outcome": f["outcome"], "Outcome": f["outcome"].capitalize(), "region": f["region"], "actor": f["actor"]}
            slots, choices = self.fill(tpl, ctx)
            text = render_template(tpl, slots, choices)
            text = text[0].upper() + text[1:]
            if text != avoid:
                return text
        return text

    # ------------------------------------------------------------------ stories

    def context(self, similar: dict | None) -> dict:
        r = self.rng
        topic = r.choice([t for t in TOPICS if not similar or t["key"] != similar["topic"]])
        place = similar["place"] if similar else r.choice(PLACES)
        region = similar["region"] if similar else r.choice(REGIONS)
        speaker = similar["speaker"] if similar else self.person()
        title = r.choice(topic["titles"])
        return {"topic": topic["key"], "place": place, "region": region, "speaker": speaker, "speaker_title": title,
                "landmark": r.choice(LANDMARKS), "river": r.choice(RIVERS), "T": topic,
                "org": f"{region} {r.choice(topic['org'])}", "event": topic["event"], "bare": topic["bare"],
                "bare_a": topic["bare_a"],
                "responders": topic["responders"]}

    def origin_facts(self, ctx: dict) -> dict:
        r = self.rng
        t = ctx["T"]
        actor, plural = r.choice(t["vague"] + t["specific"][:1]) if r.random() < 0.15 else r.choice(t["vague"])
        noun, lo, hi = r.choice(t["counts"])
        n = round2(r.uniform(lo, hi))
        q = r.choice(["about", "around", "roughly", "an estimated"])
        km = r.randint(*t["km"])
        pct = r.randint(3, 60) if r.random() < 0.7 else round(r.uniform(2, 60), 1)
        money = round(r.uniform(1.2, 9.9), 1) if r.random() < 0.4 else float(r.randint(10, 400))
        style = r.choice(list(HEDGES))
        soft, hard = HEDGES[style]
        thing = r.choice(t["pct_thing"]).format(place=ctx["place"], region=ctx["region"])
        dist_phrase = t["dist"].replace("{place}", ctx["place"]).replace("{landmark}", ctx["landmark"]).replace("{river}", ctx["river"])
        f = {
            "actor": actor, "plural": plural, "action": r.choice(t["action"]), "topic": t["key"],
            "count": {"q": q, "n": n, "noun": noun, "text": f"{q} {n:,} {noun}"},
            "dist": {"value": float(km), "unit": "km", "text": f"{km} km"},
            "dist_phrase": dist_phrase,
            "money": {"value": money, "form": "million", "text": fmt_money(money)},
            "pct": {"value": pct, "form": "%", "thing": thing, "text": f"{pct:g}% of {thing}"},
            "hedge": style, "soft": r.choice(soft), "hard": r.choice(hard) if hard else None, "hedged": True,
            "weekday": r.choice(WEEKDAYS), "hour": self.slot("hour", {}), "place": ctx["place"], "region": ctx["region"], "org": ctx["org"],
            "bare": ctx["bare"], "outcome": t["outcome"], "specific": t["specific"],
        }
        f["evidence"] = r.choice(EVIDENCE).format(place=ctx["place"], landmark=ctx["landmark"], org=ctx["org"])
        return f

    def new_quote(self, ctx: dict) -> dict:
        for _ in range(12):
            t = self.rng.randrange(len(QUOTES))
            slots, choices = self.fill(QUOTES[t][0], {"place": ctx["place"], "event": ctx["event"], "w": ""})
            slots.pop("w", None)
            q = {"t": t, "w": 0, "slots": slots, "ch": choices, "speaker": ctx["speaker"], "title": ctx["speaker_title"]}
            # both wordings of the quote (a copy may change the word), with the speaker
            said = f'," said {q["title"]} {q["speaker"]}.'
            if self.fresh_text(self.quote_text(q) + said) and self.fresh_text(self.quote_text(dict(q, w=1)) + said):
                break
        return q

    def origin(self, ctx: dict, outlet: str, time: datetime, role: str, dateline: str = "") -> _Node:
        for _ in range(12):
            f = self.origin_facts(ctx)
            if self.fresh_text(self.claim_core(f)):
                break
        q = self.new_quote(ctx)
        used: set[int] = set()
        head = [self.claim_para(f, dateline=dateline), self.quote_para(f, q)]
        words = sum(len(p["text"].split()) for p in head)
        details: list[dict] = []
        target = self.rng.randint(300, 440)
        while len(details) < 3 or (words < target and len(details) < 5):
            details.append(self.detail_para(ctx, used))
            words += len(details[-1]["text"].split())
        at_quote = self.rng.choice([1, 1, 2])
        paras = head[:1] + details[: at_quote - 1] + head[1:] + details[at_quote - 1 :]
        level = 0 if f["hedged"] and self.rng.random() < 0.7 else 1
        return _Node(id=None, outlet=outlet, author=self.rng.choice(self.staff[outlet]), time=time, parent=None,
                     role=role, facts=f, quote=q, paras=paras, title=self.title(f, level), title_level=level,
                     cue=None, launder_from=None, speakers={q["speaker"]})

    def copy(self, parent: _Node, outlet: str, time: datetime, role: str, counter: Counter, ctx: dict,
             cite: str | None) -> tuple[_Node, list, list]:
        """A copy of ``parent`` published by ``outlet``: verbatim paragraphs, rewrites, mutations and a cue."""
        r = self.rng
        blog = OUTLET_BY_NAME[outlet][2] in ("blog", "aggregator")
        f, q, muts, convs, invented, claim_changed, quote_changed = self.mutate(parent, blog)
        style = r.choice(CUE_STYLES) if cite else None  # cite "?": a laundered copy, named once the story is done
        in_prose = style in ("according", "first", "via")
        cands = [i for i, p in enumerate(parent.paras)
                 if p["kind"] in ("claim", "quote", "detail", "local", "invented") and not p["cue"]
                 and not (p["kind"] == "claim" and (claim_changed or in_prose))
                 and not (p["kind"] == "quote" and quote_changed)]
        distinct = [i for i in cands if counter[parent.paras[i]["text"]] == 1]
        verbatim: list[int] = []
        if distinct:
            verbatim.append(r.choice(distinct))
        want = r.randint(2, min(4, len(cands)))
        pool = [i for i in cands if i not in verbatim]
        r.shuffle(pool)
        pool.sort(key=lambda i: parent.paras[i]["kind"] not in ("detail", "local"))  # details first
        verbatim += pool[: max(0, want - len(verbatim))]
        verbatim_set = set(verbatim)

        paras: list[dict] = []
        kept_details = sum(p["kind"] in ("detail", "local") for p in parent.paras)
        for i, p in enumerate(parent.paras):
            kind = p["kind"]
            if kind == "cue":
                continue
            if i in verbatim_set:
                paras.append(dict(p, cue=False))
            elif kind == "claim":
                paras.append(self.claim_para(f))
            elif kind == "quote":
                paras.append(self.quote_para(f, q))
            elif kind == "invented":
                paras.append(self.invented_para(f, p["inv"]))
            elif kind in ("detail", "local"):
                if kept_details > 3 and r.random() < 0.2:
                    kept_details -= 1
                    continue
                paras.append(self.rewrite_detail(p))
        if not any(p["kind"] == "claim" for p in paras):
            paras.insert(0, self.claim_para(f))
        if not any(p["kind"] == "quote" for p in paras):
            paras.insert(1, self.quote_para(f, q))
        speakers = set(parent.speakers)
        for inv in invented:
            at = next(i for i, p in enumerate(paras) if p["kind"] == "quote") + 1
            paras.insert(at, self.invented_para(f, inv))
            speakers.add(inv["speaker"])
        if r.random() < 0.35 or sum(len(p["text"].split()) for p in paras) < 270:
            used = {s["t"] for p in paras if p["kind"] in ("detail", "local") and "spec" in p for s in p["spec"]}
            paras.insert(r.randint(2, len(paras)), self.detail_para(ctx, used))
        # keep 3 to 8 body paragraphs and about 500 words at most
        def too_long() -> bool:
            return len(paras) > (7 if cite else 8) or sum(len(p["text"].split()) for p in paras) > 470

        verbatim_texts = {parent.paras[j]["text"] for j in verbatim_set}
        while too_long() and sum(p["kind"] in ("detail", "local") for p in paras) > 2:
            # rewritten details go first; verbatim ones while more than two verbatim paragraphs are left
            drop = [i for i, p in enumerate(paras) if p["kind"] in ("detail", "local") and p["text"] not in verbatim_texts]
            if not drop and sum(p["text"] in verbatim_texts for p in paras) > 2:
                drop = [i for i, p in enumerate(paras) if p["kind"] in ("detail", "local") and counter[p["text"]] != 1]
            if not drop:
                break
            gone = paras.pop(drop[-1])
            verbatim_set = {j for j in verbatim_set if parent.paras[j]["text"] != gone["text"]}

        # the title: kept, rewritten at the same level, or hardened
        level = parent.title_level
        if level < 2 and r.random() < (0.5 if blog else 0.25):
            level = min(2, level + r.choice([1, 1, 2]))
            title = self.title(f, level, avoid=parent.title)
            muts.append(("framing", parent.title, title))
        elif r.random() < 0.5:
            title = parent.title
        else:
            title = self.title(f, level, avoid=parent.title)

        node = _Node(id=None, outlet=outlet, author=r.choice(self.staff[outlet]), time=time, parent=parent,
                     role=role, facts=f, quote=q, paras=paras, title=title, title_level=level,
                     cue=None, launder_from=None, speakers=speakers,
                     verbatim={parent.paras[j]["text"] for j in verbatim_set})
        if cite == "?":
            node.cue = {"style": style}
        elif cite:
            assert style is not None  # a credit always has a cue style
            node.cue = self.add_cue(node, style, cite)
        return node, muts, convs

    def cite_name(self, outlet: str) -> tuple[str, bool]:
        names = aliases(outlet)
        if names and self.rng.random() < 0.25:
            return self.rng.choice(names), True
        return outlet, False

    def add_cue(self, node: _Node, style: str, outlet: str) -> dict:
        """Credit ``outlet`` in ``node``'s text in one of the cue styles; returns {style, outlet, name}."""
        name, alias = self.hard_name(outlet) if self.on("credits") else self.cite_name(outlet)
        cap = name[0].upper() + name[1:]
        paras = node.paras
        claim_at = next(i for i, p in enumerate(paras) if p["kind"] == "claim")
        if style == "credit":
            paras.append({"kind": "cue", "text": f"Credit – {name}", "cue": True})
        elif style == "reports":
            block = [p for p in paras if p["text"] in node.verbatim]
            rest = [p for p in paras if p["text"] not in node.verbatim]
            lead = [p for p in rest if p["kind"] == "claim"]
            others = [p for p in rest if p["kind"] != "claim"]
            if self.rng.random() < 0.5:
                name = cap  # as it is written at the start of the line
                intro = f"{name} reports:"
            else:
                intro = f"As {name} reports:"
            node.paras = lead + [{"kind": "cue", "text": intro, "cue": True}] + block + others
        elif style == "according":
            paras[claim_at] = self.claim_para(node.facts, according=name)
        elif style == "first":
            p = paras[claim_at]
            paras[claim_at] = dict(p, text=p["text"] + f" The story was first reported by {name}.", cue=True)
        elif style == "via":
            p = paras[claim_at]
            paras[claim_at] = dict(p, text=p["text"] + f" (via {name})", cue=True)
        elif style == "ht":
            paras.append({"kind": "cue", "text": f"h/t {name}", "cue": True})
        elif style == "origin":
            paras.append({"kind": "cue", "text": f"The original source of this article is {name}", "cue": True})
        elif style == "crosspost":
            paras.insert(0, {"kind": "cue", "text": f"This article was cross-posted from {name}.", "cue": True})
        else:
            paras.append({"kind": "cue", "text": f"Source: {name}", "cue": True})
        return {"style": style, "outlet": outlet, "name": name, "alias": alias}

    # ------------------------------------------------------------------ one story

    def next_outlet(self, used: set[str]) -> str:
        if self.on("credits") and self.rng.random() < 0.5:
            # names inside names: the partner of an outlet already in the story
            partners = [b if a in used else a for a, b in NESTED.items() if (a in used) != (b in used)]
            if partners:
                return self.rng.choice(partners)
        free = [o for o in MASTHEADS if o not in used]
        return self.rng.choice(free or MASTHEADS)

    def make_node(self, outlet: str, time: datetime, role: str, facts: dict, quote: dict, paras: list[dict],
                  level: int) -> _Node:
        """A story member written by :mod:`.hard` (no parent copy: updates, denials, fact-checks...)."""
        return _Node(id=None, outlet=outlet, author=self.rng.choice(self.staff[outlet]), time=time, parent=None,
                     role=role, facts=facts, quote=quote, paras=paras, title=self.title(facts, level), title_level=level,
                     cue=None, launder_from=None, speakers={quote["speaker"]}, verbatim=set())

    def build(self, kind: str, size: int, story: str, start: datetime) -> dict:
        r = self.rng
        similar = None
        if self.recent and r.random() < ((0.7 if kind == "single" else 0.3) if self.on("distractors") else (0.5 if kind == "single" else 0.15)):
            similar = r.choice(list(self.recent))
        ctx = self.context(similar)
        nodes: list[_Node] = []
        edges: list[dict] = []
        muts: list[dict] = []
        convs: list[dict] = []
        launder: list[dict] = []
        syndication: list[dict] = []
        counter: Counter = Counter()
        used: set[str] = set()

        def register(node: _Node) -> None:
            nodes.append(node)
            used.add(node.outlet)
            for text in {p["text"] for p in node.paras if p["kind"] != "cue"}:
                counter[text] += 1

        if kind == "wire":
            wire = r.choice(WIRES)
            wire_name = ACRONYMS[wire] if self.on("credits") else wire
            dateline = f"{ctx['place'].upper()} ({wire_name}) {'—' if self.on('credits') else '-'} "
            w = self.origin(ctx, wire, start, "origin", dateline=dateline)
            register(w)
            k = min(size - 1, r.randint(2, 5))
            # the harder corpus: same-day copies minutes apart
            times = sorted(start + timedelta(minutes=r.randint(3, 40) if self.on("clocks") and r.random() < 0.6 else r.randint(20, 420))
                           for _ in range(k))
            copies = []
            for t in times:
                outlet = self.next_outlet(used)
                paras = [dict(p) for p in w.paras]
                if len(paras) >= 5 and r.random() < 0.3:
                    paras.pop()
                if r.random() < 0.3 and sum(len(p["text"].split()) for p in paras) < 440:
                    local = dict(ctx, place=r.choice(PLACES))
                    used_t = {s["t"] for p in paras if "spec" in p for s in p["spec"]}
                    paras.append(self.detail_para(local, used_t, sentences=2, kind="local"))
                s = _Node(id=None, outlet=outlet, author=w.author, time=t, parent=w, role="syndicated", facts=w.facts,
                          quote=w.quote, paras=paras, title=w.title, title_level=w.title_level,
                          cue={"style": "dateline", "outlet": wire, "name": wire_name, "alias": self.on("credits")},
                          launder_from=None, speakers=set(w.speakers))
                if self.on("credits") and r.random() < 0.4:
                    self.byline_credit(s, dateline, wire_name)
                register(s)
                copies.append(s)
                edges.append(self._edge(w, s, ["syndication", "attribution", "reuse"], s.cue))
            syndication.append({"origin": w, "copies": copies})
        else:
            outlet = self.next_outlet(used)
            if self.on("distractors") and kind == "single" and self.recent_outlets and r.random() < 0.6:
                # an unrelated article of an outlet seen lately: it shares only the site's boilerplate
                outlet = r.choice([o for o in self.recent_outlets if o in MASTHEADS] or MASTHEADS)
            role = "distractor" if kind == "single" else "origin"
            register(self.origin(ctx, outlet, start, role))

        while len(nodes) < size:
            now = max(n.time for n in nodes) + timedelta(minutes=r.randint(30, 20 * 60))
            eligible = [n for n in nodes if now - n.time <= timedelta(days=4)]
            mode = r.choices(["credited", "silent", "launder"], weights=[60, 22, 18])[0]
            if mode != "credited":
                # a copy that names no source must take a passage only its parent has
                eligible_d = [n for n in eligible if any(counter[p["text"]] == 1 for p in n.paras if p["kind"] != "cue" and not p["cue"])]
                if not eligible_d:
                    mode = "credited"
                else:
                    eligible = eligible_d
            parent = eligible[-1] if r.random() < 0.6 else r.choice(eligible)
            outlet = self.next_outlet(used)
            cite = parent.outlet if mode == "credited" else ("?" if mode == "launder" else None)
            role = {"credited": "copy", "silent": "silent-copy", "launder": "laundered"}[mode]
            node, m, c = self.copy(parent, outlet, now, role, counter, ctx, cite)
            register(node)
            kinds = ["attribution", "reuse"] if mode == "credited" else ["silent-copy", "reuse"]
            edges.append(self._edge(parent, node, kinds, node.cue if mode == "credited" else None))
            muts += [{"from": parent, "to": node, "type": t, "from_text": a, "to_text": b} for t, a, b in m]
            convs += [{"from": parent, "to": node, "type": t, "from_text": a, "to_text": b} for t, a, b in c]
            if mode == "launder":
                node.launder_from = parent

        # laundered copies cite an outlet that published only a later version, or only other stories
        for node in nodes:
            if node.launder_from is None:
                continue
            a = node.launder_from
            later = [n.outlet for n in nodes if n.time > node.time and n.outlet not in (a.outlet, node.outlet)]
            if later and r.random() < 0.6:
                cited = r.choice(later)
            else:
                others = [o for o in self.recent_outlets if o not in used] or [o for o in MASTHEADS if o not in used]
                cited = r.choice(others)
            node.cue = self.add_cue(node, node.cue["style"], cited)
            launder.append({"article": node, "cites": cited, "actually_from": a, "cue": node.cue})

        built = {"kind": kind, "ctx": ctx, "similar": similar, "nodes": nodes, "edges": edges, "mutations": muts,
                "equal_conversions": convs, "laundering": launder, "syndication": syndication, "related": []}
        if self.on("members"):
            self.add_members(built, ctx, used)
        return built

    @staticmethod
    def _edge(parent: _Node, child: _Node, kinds: list[str], cue: dict | None) -> dict:
        return {"from": parent, "to": child, "kinds": kinds, "cue": cue}

    @staticmethod
    def body(node: _Node) -> list[str]:
        return [p["text"] for p in node.paras]

    # ------------------------------------------------------------------ the corpus

    def run(self, n_articles: int) -> tuple[list[dict], dict]:
        r = self.rng
        while self.count < n_articles:
            remaining = n_articles - self.count
            roll = r.random()
            if roll < 0.2 or remaining == 1:
                kind, size = "single", 1
            elif roll < 0.45:
                kind, size = "wire", r.randint(3, 6) + (r.randint(0, 4) if r.random() < 0.4 else 0)
            else:
                kind, size = "chain", min(12, 2 + int(r.expovariate(1 / 2.6)))
            size = min(size, remaining, 12)
            if kind == "wire" and size < 3:
                kind = "chain"
            self.clock += timedelta(minutes=int(r.expovariate(1 / 90)) + 5)
            story = f"story-{self.story_count:05d}"
            for attempt in range(MAX_DRAWS):
                self.index.cache.clear()
                self.spare = remaining - size  # articles the harder corpus may add as story members
                built = self.build(kind, size, story, self.clock)
                runs = self.index.of_story([self.body(n) for n in built["nodes"]])
                if not self.index.collides(runs):
                    break
                self.redraws += 1
            else:
                self.kept_collisions += 1
            self.index.add(runs)
            self.commit(story, built)
            self.story_count += 1
        # the easy corpus comes in publication order; the harder one in the order of its local
        # clock stamps (undated last), as a naive crawler would sort it
        order = {a["id"]: (a["published"] or "~", a["id"]) for a in self.truth["articles"]}
        self.records.sort(key=lambda rec: order[rec["id"]])
        self.truth["articles"].sort(key=lambda a: (self.utc[a["id"]], a["id"]))
        used = sorted({a["outlet"] for a in self.truth["articles"]})
        self.truth["outlets"] = [self.outlet_truth(o) for o in used]
        self.truth["boilerplate"] = sorted(self.blocks.values(), key=lambda b: b["text"])
        self.truth["generator"] = {"script": "bench/chains.py", "n_articles": n_articles, "seed": self.seed,
                                   "redrawn_stories": self.redraws, "stories_kept_with_shared_runs": self.kept_collisions,
                                   "paragraphs_kept_with_shared_runs": self.stuck_paragraphs,
                                   "unique_window_stories": UNIQUE_WINDOW, "hard": sorted(self.options)}
        return self.records, self.truth

    def new_id(self) -> str:
        digest = hashlib.sha1(f"newstrail-bench-chains:{self.seed}:{self.count}".encode()).hexdigest()
        self.count += 1
        return digest[:16]

    def outlet_truth(self, outlet: str) -> dict:
        name, domain, kind, names = OUTLET_BY_NAME[outlet]
        row: dict[str, Any] = {"name": name, "domain": domain, "kind": kind, "aliases": list(names)}
        if self.on("credits"):
            row["aliases"] += [n for n in (ACRONYMS.get(name), OLD_NAMES.get(name)) if n]
            if name in MASTHEAD_SITES:
                row["site_name"], row["domain"] = MASTHEAD_SITES[name]
            if name in NESTED:
                row["contains"] = NESTED[name]
        return row

    def url_of(self, node: _Node) -> str:
        slug = "-".join(split_words(node.title)[:8])
        domain = OUTLET_BY_NAME[node.outlet][1]
        if self.on("credits") and node.outlet in MASTHEAD_SITES:
            domain = MASTHEAD_SITES[node.outlet][1]
        if self.hard:
            # the id first and a short slug: a fact-check listing several URLs then repeats no
            # 12-word run of another story's list
            return f"https://{domain}/{node.id[:8]}/{'-'.join(split_words(node.title)[:3])}"
        return f"https://{domain}/{node.time:%Y/%m/%d}/{slug}-{node.id[:6]}"

    def stamps(self, node: _Node) -> tuple[str | None, str | None]:
        """(published, first_seen): UTC in the easy corpus; the outlet's local clock in the harder one,
        where some blog posts carry no date (a crawler's first sighting is only an upper bound)."""
        utc = node.time.strftime("%Y-%m-%dT%H:%M:%SZ")
        if not self.on("clocks"):
            return utc, None
        kind = OUTLET_BY_NAME[node.outlet][2]
        if kind == "blog" and node.role != "syndicated" and self.rng.random() < 0.25:
            seen = node.time + timedelta(hours=self.rng.randint(1, 30))
            return None, seen.strftime("%Y-%m-%dT%H:%M:%SZ")
        index = next(i for i, o in enumerate(ALL_OUTLETS) if o[0] == node.outlet)
        offset = timezone(timedelta(hours=OFFSETS[index % len(OFFSETS)]))
        return node.time.astimezone(offset).isoformat(), None

    def page(self, node: _Node, urls: list[str]) -> tuple[str, list[tuple[str, str]]]:
        """The record's text and the boilerplate blocks (text, kind) on it."""
        body = [re.sub(f"{URL_MARK}(\\d+){URL_MARK}", lambda m: urls[int(m.group(1))], t) for t in self.body(node)]
        lines = boilerplate(node.outlet)
        blocks = [(line, "footer") for line in lines]
        if not self.on("boilerplate"):
            return "\n\n".join(body + lines), blocks
        index = next(i for i, o in enumerate(ALL_OUTLETS) if o[0] == node.outlet)
        site = site_boilerplate(node.outlet, index, OUTLET_BY_NAME[node.outlet][2])
        middle = [t for t, _k, where in site if where == "middle"]
        end = [t for t, _k, where in site if where == "end"]
        blocks += [(t, k) for t, k, _w in site]
        return "\n\n".join(body[:2] + middle + body[2:] + lines + end), blocks

    def write_article(self, node: _Node, story: str, urls: list[str]) -> None:
        published, first_seen = self.stamps(node)
        url = urls[node.position]
        text, blocks = self.page(node, urls)
        outlet = MASTHEAD_SITES[node.outlet][0] if self.on("credits") and node.outlet in MASTHEAD_SITES else node.outlet
        self.records.append({"id": node.id, "url": url, "title": node.title, "text": text, "published": published,
                             "outlet": outlet, "author": node.author, "language": "en"})
        article = {"id": node.id, "story": story, "outlet": node.outlet, "published": published, "url": url,
                   "role": node.role}
        if first_seen:
            article["first_seen"] = first_seen
        self.truth["articles"].append(article)
        self.utc[node.id] = node.time.strftime("%Y-%m-%dT%H:%M:%SZ")
        for text_, kind in blocks:
            self.blocks.setdefault(text_, {"text": text_, "kind": kind, "articles": []})["articles"].append(node.id)

    def commit(self, story: str, built: dict) -> None:
        nodes = built["nodes"]
        for i, node in enumerate(nodes):
            node.id = self.new_id()
            node.story = story
            node.position = i
        urls = [self.url_of(n) for n in nodes]  # ids first: a page may link another of its story
        for node in nodes:
            self.write_article(node, story, urls)
            self.recent_outlets.append(node.outlet)
        quote_of = {n.id: self.quote_text(n.quote) for n in nodes}
        text_of = {n.id: "\n\n".join(self.body(n)) for n in nodes}
        for e in built["edges"]:
            kinds = list(e["kinds"])
            if quote_of[e["from"].id] in text_of[e["to"].id]:
                kinds.append("quote")
            edge = {"from": e["from"].id, "to": e["to"].id, "kinds": kinds}
            if e["cue"]:
                edge["cue"] = e["cue"]["style"]
                edge["cited_as"] = e["cue"]["name"]
            self.truth["edges"].append(edge)
        for m in built["mutations"]:
            self.truth["mutations"].append({**m, "from": m["from"].id, "to": m["to"].id})
        for m in built["equal_conversions"]:
            self.truth["equal_conversions"].append({**m, "from": m["from"].id, "to": m["to"].id})
        for item in built["laundering"]:
            self.truth["laundering"].append({"article": item["article"].id, "cites": item["cites"],
                                             "actually_from": item["actually_from"].id, "cue": item["cue"]["style"],
                                             "cited_as": item["cue"]["name"]})
        for pair in built["related"]:
            self.truth["related"].append({"a": pair["a"].id, "b": pair["b"].id, "why": pair["why"]})
        for item in built["syndication"]:
            self.truth["syndication"].append({"origin": item["origin"].id, "copies": [c.id for c in item["copies"]]})
        self.truth["origins"][story] = [nodes[0].id]
        ctx = built["ctx"]
        self.truth["stories"].append({"story": story, "kind": built["kind"], "size": len(nodes), "topic": ctx["topic"],
                                      "place": ctx["place"], "speaker": ctx["speaker"],
                                      "looks_like": built["similar"]["story"] if built["similar"] else None})
        self.recent.append({"story": story, "topic": ctx["topic"], "place": ctx["place"], "region": ctx["region"],
                            "speaker": ctx["speaker"]})



def generate(n_articles: int, seed: int, hard: bool | Iterable[str] = True) -> tuple[list[dict], dict]:
    """``n_articles`` records and their ground truth; the same seed gives the same corpus.

    ``hard=False`` gives the easy corpus of earlier releases (figures measured on it reproduce);
    ``hard=True`` every harder kind; a set of :data:`HARD_KINDS` names only those, to see what
    each kind costs a linker."""
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    return _Generator(seed, hard).run(n_articles)


def write_jsonl(records: list[dict], path: Path | str) -> None:
    """One JSON object a line, as ``newstrail analyze`` reads it."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
