"""Scoring the claim stage's entity labels on hand-labelled sentences.

Each line of the fixture is ``{"text": ..., "entities": [[name, label], ...], "none":
[look-alike, ...]}``: the named mentions of the sentence with their label (``person``,
``organisation``, ``outlet``, ``place``) and the capitalised words that are no name
("During", "Korvia-backed", a demonym). Each sentence goes through the attribution stage
first, as in an article, so outlets it credits are known to the labeller.

Figures: **precision** = predicted mentions whose text and typed label match a gold
mention / all predicted mentions with a typed label, plus every predicted mention that
is no gold mention (a look-alike taken for a name counts against, whatever its label);
a mention labelled ``name`` (a name of unknown kind) on a gold mention is counted apart,
as **untyped**. **Recall** = gold mentions found with their label / gold mentions.

>>> s = score_sentences([{"text": "Mayor Ilse Varga spoke in Porthaven.", "entities": [["Mayor Ilse Varga", "person"], ["Porthaven", "place"]]}])
>>> s["precision"], s["recall"]
(1.0, 1.0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newstrail.analyze.attributions import attributions_in
from newstrail.analyze.claims import find_entities

TYPED = ("person", "organisation", "outlet", "place")


def load(path: str) -> list[dict[str, Any]]:
    """The fixture's sentences."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(text: str) -> list[tuple[str, str]]:
    """(mention, label) as the claim stage gives them, with the sentence's credited outlets known."""
    outlets = frozenset(a.source for a in attributions_in(text) if a.kind == "outlet")
    return [(e.text, e.label) for e in find_entities(text, outlets=outlets)]


def score_sentences(sentences: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall, untyped count and every error, over the fixture's sentences."""
    right = typed = false = untyped = gold_total = found = 0
    errors: list[str] = []
    for sentence in sentences:
        gold = {name: label for name, label in sentence["entities"]}
        gold_total += len(gold)
        got = predict(sentence["text"])
        for name, label in got:
            if name not in gold:
                false += 1
                errors.append(f"not a gold mention: {name!r} ({label}) in {sentence['text'][:60]!r}")
            elif label == "name":
                untyped += 1
            else:
                typed += 1
                if label == gold[name]:
                    right += 1
                else:
                    errors.append(f"{name!r}: {label}, gold {gold[name]}")
        labelled = dict(got)
        found += sum(1 for name, label in gold.items() if labelled.get(name) == label)
        errors += [f"missed: {name!r} ({label})" for name, label in gold.items() if name not in labelled]
    return {"precision": right / (typed + false) if typed + false else 1.0, "recall": found / gold_total if gold_total else 1.0,
            "untyped": untyped, "false": false, "gold": gold_total, "predicted": typed + false + untyped, "errors": errors}
