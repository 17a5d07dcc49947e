"""Template rendering, number formatting and the shingle index the chains generator
uses to keep stories from sharing runs of words."""

from __future__ import annotations

import re
from collections import deque

from newstrail.eval.chains.vocabulary import SHINGLE

# --------------------------------------------------------------------------- templates

_PART = re.compile(r"\{(\w+)\}|\[([^\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_COMPILED: dict[str, tuple[list, int, tuple[str, ...]]] = {}


def compile_template(template: str) -> tuple[list, int, tuple[str, ...]]:
    """Parts of a template: strings, ("slot", name) and ("choice", options); the number of choices; the slot names.

    An option may hold slots itself: "[In {place}|Across {place}]".
    """
    found = _COMPILED.get(template)
    if found is None:
        parts: list = []
        slots: list[str] = []
        choices = 0
        at = 0
        for m in _PART.finditer(template):
            if m.start() > at:
                parts.append(template[at : m.start()])
            if m.group(1) is not None:
                parts.append(("slot", m.group(1)))
                slots.append(m.group(1))
            else:
                options = m.group(2).split("|")
                parts.append(("choice", options))
                slots.extend(_SLOT.findall(m.group(2)))
                choices += 1
            at = m.end()
        if at < len(template):
            parts.append(template[at:])
        found = _COMPILED[template] = (parts, choices, tuple(dict.fromkeys(slots)))
    return found


def render_template(template: str, slots: dict, choices: tuple[int, ...]) -> str:
    parts, _, _ = compile_template(template)
    out = []
    c = 0
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part[0] == "slot":
            out.append(str(slots[part[1]]))
        else:
            options = part[1]
            option = options[choices[c] % len(options)]
            if "{" in option:
                option = _SLOT.sub(lambda m: str(slots[m.group(1)]), option)
            out.append(option)
            c += 1
    return "".join(out)


def split_words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def fmt_money(millions: float) -> str:
    return f"{millions:g} million crowns"


def round2(value: float) -> int:
    """Round to two significant figures (3,412 -> 3,400)."""
    if value < 100:
        return max(2, int(round(value)))
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


# --------------------------------------------------------------------------- the shingle index

class Shingles:
    """The 12-word runs of recent stories (as hashes), to keep stories from sharing passages by accident.

    Paragraphs are checked as they are written and drawn again if they repeat a run
    of an earlier story; the runs that span two paragraphs are checked once the
    story is complete, and the story is drawn again if one of them repeats.
    """

    def __init__(self, window: int, chunk: int = 250):
        self.window = window
        self.chunk = chunk
        self.chunks: deque[set[int]] = deque()
        self.all: set[int] = set()  # the union of the chunks (runs are unique across stories, so removal is exact)
        self.open: set[int] = set()
        self.open_stories = 0
        self.cache: dict[str, set[int]] = {}

    @staticmethod
    def _runs(words: list[str], start: int = 0, stop: int | None = None) -> set[int]:
        stop = len(words) - SHINGLE + 1 if stop is None else stop
        return {hash(tuple(words[i : i + SHINGLE])) for i in range(start, stop)}

    def of_text(self, text: str) -> set[int]:
        """Runs inside one paragraph (cached for the story being built)."""
        found = self.cache.get(text)
        if found is None:
            found = self.cache[text] = self._runs(split_words(text))
        return found

    def across(self, before: str, after: str) -> set[int]:
        """Runs that start in ``before`` and end in ``after`` (two consecutive paragraphs)."""
        head = split_words(before)[-(SHINGLE - 1) :]
        words = head + split_words(after)[: SHINGLE - 1]
        return self._runs(words, max(0, len(words) - SHINGLE + 1 - (len(words) - len(head))), min(len(head), len(words) - SHINGLE + 1))

    def of_story(self, articles: list[list[str]]) -> set[int]:
        runs: set[int] = set()
        for paragraphs in articles:
            for text in paragraphs:
                runs |= self.of_text(text)
            for a, b in zip(paragraphs, paragraphs[1:]):
                runs |= self.across(a, b)
        return runs

    def collides(self, runs: set[int]) -> bool:
        if not runs:
            return False
        return not self.all.isdisjoint(runs)

    def add(self, runs: set[int]) -> None:
        self.open |= runs
        self.all |= runs
        self.open_stories += 1
        if self.open_stories >= self.chunk:
            self.chunks.append(self.open)
            self.open = set()
            self.open_stories = 0
            while len(self.chunks) * self.chunk > self.window:
                self.all -= self.chunks.popleft()
