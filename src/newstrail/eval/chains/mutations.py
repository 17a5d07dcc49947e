"""Mutations along a copy edge: changed numbers, actors, hedges and quotes, and equal unit conversions.

A mixin of the generator's class (it uses its ``rng``, ``fill``, ``quote_text``, ``person`` and
``fresh_text``), kept apart so each file stays readable.
"""

from __future__ import annotations

from typing import Any

from newstrail.eval.chains.text import fmt_money, render_template, round2
from newstrail.eval.chains.vocabulary import INVENTED, INVENTED_TITLES, TOPICS

TOPIC_BY_KEY = {t["key"]: t for t in TOPICS}


class Mutations:
    """How a copy's facts and quote differ from its parent's."""

    rng: Any
    fill: Any
    quote_text: Any
    person: Any
    fresh_text: Any

    # mutations

    def mutate(self, parent: Any, blog: bool) -> tuple[dict, dict, list, list, list, bool, bool]:
        """Child facts and quote, and the (type, from, to) mutations and equal conversions on this edge."""
        r = self.rng
        f = dict(parent.facts)
        for key in ("count", "dist", "money", "pct"):
            f[key] = dict(f[key])
        q = dict(parent.quote)
        parent_text = "\n".join(p["text"] for p in parent.paras) + "\n" + parent.title
        muts: list[tuple[str, str, str]] = []
        convs: list[tuple[str, str, str]] = []
        invented: list[dict] = []
        claim_changed = quote_changed = False

        converted = None
        if r.random() < 0.14:
            options = []
            if f["dist"]["unit"] == "km":
                options += ["dist"] * 3
            if f["money"]["form"] == "million":
                options.append("money")
            if f["pct"]["form"] == "%":
                options.append("pct")
            if options:
                converted = r.choice(options)
                old = f[converted]["text"]
                if converted == "dist":
                    miles = f["dist"]["value"] / 1.609344
                    f["dist"] = {"value": round(miles, 1), "unit": "miles", "text": f"{miles:.1f} miles"}
                elif converted == "money":
                    f["money"] = {**f["money"], "form": "digits", "text": f"{int(round(f['money']['value'] * 1_000_000)):,} crowns"}
                else:
                    f["pct"] = {**f["pct"], "form": "percent", "text": f"{f['pct']['value']:g} percent of {f['pct']['thing']}"}
                convs.append(("number", old, f[converted]["text"]))
                claim_changed = True

        if r.random() < 0.38:
            which = r.choices(["count", "dist", "money", "pct"], weights=[45, 30, 12, 13])[0]
            if which != converted:
                old = f[which]["text"]
                for _ in range(8):
                    new = self._changed_number(f, which)
                    if new[which]["text"] not in parent_text:
                        f[which] = new[which]
                        muts.append(("number", old, f[which]["text"]))
                        claim_changed = True
                        break

        if r.random() < 0.22:
            choices = [(a, p) for a, p in f["specific"] if a != f["actor"] and a not in parent_text]
            if choices:
                old_actor = f["actor"]
                f["actor"], f["plural"] = r.choice(choices)
                muts.append(("actor", old_actor, f["actor"]))
                claim_changed = True

        if f["hedged"] and r.random() < (0.45 if blog else 0.3):
            old = parent.facts
            f["hedged"] = False
            style = f["hedge"]
            if style in ("appear", "preliminary"):
                pair = (old["soft"], f["hard"])
            elif style == "may":
                pair = (f"{old['actor']} {old['soft']} {f['action']}", f"{f['actor']} {'have' if f['plural'] else 'has'} {f['action']}")
            else:
                pair = (f"{old['actor']} {old['soft']} {f['action']}", f"{f['actor']} {f['action']}")
            if pair[1] not in parent_text:
                muts.append(("hedge", *pair))
                claim_changed = True
            else:
                f["hedged"] = True

        if r.random() < 0.13:
            old_quote = self.quote_text(q)
            q = dict(q, w=1 - q["w"])
            new_quote = self.quote_text(q)
            if new_quote not in parent_text:
                muts.append(("quote", old_quote, new_quote))
                quote_changed = True
            else:
                q = dict(parent.quote)
        if r.random() < (0.1 if blog else 0.04) and len(parent.speakers) < 3:  # at most two invented speakers a line
            for _ in range(10):
                speaker = self.person()
                if speaker not in parent.speakers:
                    break
            ctx = {"place": f["place"], "event": TOPIC_BY_KEY[f["topic"]]["event"]}
            for _ in range(12):
                tpl = r.choice(INVENTED)
                slots, slot_choices = self.fill(tpl, ctx)
                text = render_template(tpl, slots, slot_choices)
                if self.fresh_text(text):
                    break
            if text not in parent_text:
                invented.append({"text": text, "speaker": speaker, "title": r.choice(INVENTED_TITLES)})
                muts.append(("quote", "", text))
        return f, q, muts, convs, invented, claim_changed, quote_changed

    def _changed_number(self, f: dict, which: str) -> dict:
        r = self.rng
        out = {which: dict(f[which])}
        if which == "count":
            c = f["count"]
            factor = r.uniform(1.4, 2.6) if r.random() < 0.8 else r.uniform(0.3, 0.7)
            n = round2(c["n"] * factor)
            q = r.choice(["over", "more than", "nearly", "at least", "up to"])
            out["count"] = {**c, "q": q, "n": n, "text": f"{q} {n:,} {c['noun']}"}
        elif which == "dist":
            d = f["dist"]
            if d["unit"] == "km" and r.random() < 0.55:
                true = d["value"] / 1.609344
                for _ in range(20):
                    miles = round(true * (r.uniform(1.08, 1.35) if r.random() < 0.6 else r.uniform(0.7, 0.92)))
                    if miles >= 1 and abs(miles - true) / true >= 0.06:
                        break
                out["dist"] = {"value": float(miles), "unit": "miles", "text": f"{miles} miles"}
            else:
                value = max(1, round(d["value"] * r.uniform(1.3, 2.2)))
                if value == round(d["value"]):
                    value += 3
                out["dist"] = {"value": float(value), "unit": d["unit"], "text": f"{value} {d['unit']}"}
        elif which == "money":
            value = float(round(f["money"]["value"] * r.uniform(1.6, 4.0)))
            out["money"] = {"value": value, "form": "million", "text": fmt_money(value)}
        else:
            p = f["pct"]
            value = min(95, int(p["value"] * r.uniform(1.5, 3.0)) + 1)
            out["pct"] = {**p, "value": value, "form": "%", "text": f"{value}% of {p['thing']}"}
        return out
