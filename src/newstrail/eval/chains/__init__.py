"""A generator of news corpora with known copy chains, for provenance benchmarks.

    records, truth = generate(2000, seed=7)
    write_jsonl(records, Path("chains.jsonl"))

Everything is invented by this program: about sixty outlets on ``.example``
domains, towns, people, events and numbers, written through sentence templates.
It is an independent simulation: it imports nothing from newstrail, so the
figures measured against it say something about newstrail's detectors.

What a corpus holds (``truth`` uses the schema of ``src/newstrail/sample/truth.json``):

* stories of 1 to 12 articles. A story starts with an original report whose claim
  sentence carries numbers with units (a distance in km, a count of people, a
  percentage, a sum of money), a named or vague actor, a hedge ("appears to show",
  "may have", "reportedly", "according to preliminary figures") and a quote
  ('"...," said <Title> <Name>.');
* copy chains: each copy takes content from one parent published at most four
  days earlier: two or more paragraphs verbatim, the others rewritten; a copy
  either credits its parent (``Credit – X``, ``X reports:`` before the verbatim
  block, ``according to X``, ``first reported by X``, ``(via X)``, ``h/t X``, a
  ``The original source of this article is X`` footer, ``Cross-posted from X``,
  ``Source: X``; a quarter of the credits use an alias such as "the Lantern"), or
  credits nobody (silent copy), or credits an outlet it did not take from
  (laundering: the cited outlet published only a later version of the story, or
  only other stories);
* syndication: a wire story (dateline ``CITY (Wire) - ``) republished verbatim
  under two to five mastheads within hours, some dropping the last paragraph or
  adding a local one;
* mutations along an edge, with the exact changed phrase in both articles:
  numbers, actors, hedges, quotes (a word changed, or a quote invented for a new
  speaker) and hardened headlines; equal unit conversions ("32 km" ->
  "19.9 miles") are not mutations and are listed apart in ``equal_conversions``;
* per-outlet boilerplate (share, membership, copyright, disclaimer, fair-use and
  contact lines) appended as separate paragraphs, identical for every article of
  an outlet;
* distractors: single articles, and stories that reuse the town, region and
  speaker of an earlier story for a different event.

Records come in publication order, with opaque ids. Beyond the sample's schema
(``articles``, ``edges``, ``origins``, ``laundering``, ``mutations``) the truth has
``equal_conversions`` (km -> miles to 0.1, "12 million" -> "12,000,000",
"12%" -> "12 percent"), ``syndication`` (``{"origin", "copies"}``), ``stories``
(kind, size, topic, town, speaker, ``looks_like``), ``outlets`` (with aliases), ``related``,
``boilerplate`` and ``generator``; each article has its ``role`` and ``url``; a credited edge and a
laundering entry say which ``cue`` style was used and how the outlet was
``cited_as``. Edges are direct parent -> child only: a laundered copy has one
edge, a ``silent-copy`` edge from the article it took from; the outlet it credits
gets none (it published nothing the copy could have taken).

No two stories generated within :data:`UNIQUE_WINDOW` stories of each other share
a run of 12 words (boilerplate aside): paragraphs are redrawn as they are written
until they repeat no run of an earlier story, and a story whose paragraph joins
still do is drawn again. That covers every pair of stories in corpora of up to
about 5,000 articles; in larger ones, stories far apart in time may share a run.

**The harder corpus** (``generate(n, seed)``; ``hard=False`` gives the corpus above byte for
byte) adds what text written apart from the team showed it lacked (:mod:`.hard`, :mod:`.sites`):
same-outlet updates with new figures, retellings in other words, official denials, fact-checks
naming and linking several copies, corrections (edge kinds ``update``, ``retelling``, ``denial``,
``debunk``, ``correction``, ``hyperlink``, or a ``related`` pair when the text names and takes
nothing); wire credits by acronym in datelines and bylines; mastheads on other domains (the
record's ``outlet`` is the site's name); old names after a rename; names inside names; local
clock stamps at UTC offsets, undated posts (``first_seen`` in the truth); site boilerplate
repeated across a site's unrelated articles and a media group's footer across its mastheads
(``truth["boilerplate"]``: text, kind, articles). Records then come sorted by their local stamp.
``hard`` may also name some of :data:`HARD_KINDS` (members, credits, clocks, boilerplate,
distractors) to measure what each kind alone costs a linker.

It lives in :mod:`newstrail.eval` (bench-only code, outside the pipeline's import
paths) so tests and bench scripts import it by name: :mod:`.vocabulary` (what it
writes with), :mod:`.text` (templates and the shingle index), :mod:`.mutations`, :mod:`.generator`.
"""

from __future__ import annotations

from newstrail.eval.chains.generator import TOPIC_BY_KEY, generate, write_jsonl
from newstrail.eval.chains.sites import HARD_KINDS
from newstrail.eval.chains.vocabulary import (
    BASE_TIME,
    CUE_STYLES,
    MASTHEADS,
    OUTLET_BY_NAME,
    OUTLETS,
    SHINGLE,
    TOPICS,
    UNIQUE_WINDOW,
    WIRES,
    aliases,
    boilerplate,
)

__all__ = [
    "BASE_TIME", "HARD_KINDS", "CUE_STYLES", "MASTHEADS", "OUTLETS", "OUTLET_BY_NAME", "SHINGLE", "TOPICS", "TOPIC_BY_KEY",
    "UNIQUE_WINDOW", "WIRES", "aliases", "boilerplate", "generate", "write_jsonl",
]
