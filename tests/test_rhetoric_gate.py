"""Quality gate: the shipped rhetoric model on passages the team wrote and marked.

Each passage is fictional, written in the style of the partisan articles the project
is for; ``[[...]]`` marks what a careful reader would flag as a technique. The floors
sit under what the shipped model scores here (printed by ``pytest -s``), so a change
that makes detection clearly worse fails.
"""

from __future__ import annotations

import re

import pytest

from newstrail.analyze.rhetoric import techniques_in
from newstrail.eval.rhetoric import span_prf

PASSAGES = [
    "The [[“liberation”]] of Tarsk has gone on for three weeks, and the [[so-called peacekeepers]] have [[flattened]] half of the old town.",
    "If the ministry is so sure of its figures, [[why would it hide the report from the public?]]",
    "[[Why are the ferry crews never asked?]] The answer is simple: the harbor board does not want to hear them.",
    "Once again the Velmora council has shown its [[utter contempt]] for the fishing families who built this town.",
    "The mayor's [[reckless, shameful]] tax plan will [[bleed]] every shop on the quay [[dry]].",
    "Officials promised a [[“temporary”]] closure of Pier 9, which has now lasted eleven months.",
    "[[A corrupt cabal of admirals]] is betraying the nation while the patrol boats rust in port.",
    "Did anyone really believe the wire service's [[“independent”]] review? [[Who paid for it?]]",
    "The governor's [[puppets]] in the assembly voted the bill through without reading it.",
    "The rail operator cut fourteen routes last spring and blamed the weather.",
    "Harbor traffic rose by four percent in March, the port office said on Tuesday.",
    "[[This is a disgrace]], and every citizen of Porthaven should be [[outraged]].",
]

_MARK = re.compile(r"\[\[(.+?)\]\]")


def _unmark(passage: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans, pos = "", [], 0
    for m in _MARK.finditer(passage):
        text += passage[pos : m.start()]
        spans.append((len(text), len(text) + len(m.group(1))))
        text += m.group(1)
        pos = m.end()
    return text + passage[pos:], spans


@pytest.mark.parametrize("spans", ["fast", "finetuned"])
def test_span_f1_floor_on_team_written_passages(spans: str):
    gold, pred = {}, {}
    for i, passage in enumerate(PASSAGES):
        text, marked = _unmark(passage)
        gold[str(i)] = marked
        pred[str(i)] = [(t.span.start, t.span.end) for t in techniques_in(text, spans=spans)]
    p, r, f = span_prf(pred, gold)
    print(f"gate passages, {spans} spans: span P {p:.3f} R {r:.3f} F1 {f:.3f}")
    assert f >= FLOOR_F1[spans], (p, r, f)
    assert r >= FLOOR_RECALL[spans], (p, r, f)


# measured with the shipped models: fast (the CRF) 0.712 F1 (P 0.600, R 0.876); finetuned
# (the MiniLM tagger, layers 2-5 fine-tuned) 0.614 F1 (P 0.676, R 0.562): lower than the
# CRF because it vets the rules' scare quotes and questions (rule_bar in its meta.json),
# which PTC's annotators seldom mark and these passages often do
FLOOR_F1 = {"fast": 0.60, "finetuned": 0.55}
FLOOR_RECALL = {"fast": 0.75, "finetuned": 0.48}
