"""Site boilerplate learned from the corpus, kept out of reuse evidence.

The cleaner's rules (:mod:`newstrail.clean`) know the usual kinds of page furniture,
but every site has its own: a comment policy, a network footer naming the group's
mastheads, a rating box, an author's sign-off, a widget pasted into the middle of
every post. What makes such a line boilerplate is that its site repeats it, so it is
learned here from the stored articles of each site (domain, or outlet name when an
article has no URL):

* a line that one site repeats in :data:`SITE_LINES` of its articles, wherever it
  stands, is that site's template;
* a line that one site repeats at the bottom (the last :data:`EDGE_LINES` lines) of
  two of its articles is its template too: footers are where templates live, and two
  articles of one site rarely end on the same sentence otherwise (an update repeats
  its lead, at the top, which is why the top does not count here).

A template line learned on one site counts on every site (a media group's footer
is learned on one masthead and recognised on the others). A shared passage whose
words lie, but for fewer than a passage needs, in template lines of either article
is not reuse. Two articles whose only shared text is at the bottom of both (or, on one
site, at the top of both), and that otherwise have almost no names and figures in
common, share a footer or header (a blog platform's, an author's box, which may stand
above sign-offs that differ, in the closing fifth of both) and nothing else: not reuse
either. Nor are two pages of one site with one text under two titles (tag pages holding
nothing but the site's blurbs), or one form filled in for two subjects (a press-release
mill's "the X Market report sheds light on...").

>>> a = "The pier closed on Monday.\\nPlease read our comment policy before you post."
>>> [a[s:e] for s, e, _ in lines(a)]
['The pier closed on Monday.', 'Please read our comment policy before you post.']
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import accumulate

from newstrail.analyze.outlet_facts import block_hash
from newstrail.core.article import Article, Passage
from newstrail.corpus.fingerprints import Fingerprint, word_spans
from newstrail.store import Store

#: articles of one site that carry a line anywhere before it is the site's template
SITE_LINES = 3
#: articles of one site that carry a line at their bottom before it is the site's template
EDGE_SITE_LINES = 2
#: lines at the end of an article where footers stand
EDGE_LINES = 3
#: the closing part of a long article's text where an author's box stands, however many
#: lines of sign-off, donation appeal and notice follow it
TAIL_SHARE = 0.2
#: the part of their names and figures two articles of one story share, at least
RELATED_SHARE = 0.3
#: times an article's text repeats a name of its title before the name is its subject
SUBJECT_REPEATS = 3
#: the part of an article's subject mentions the other's text must echo for one subject
SUBJECT_SHARED = 0.3
#: a site's latest articles that teach its template
SITE_SAMPLE = 300

_WORD = re.compile(r"\w+")
# A rights notice ("Copyright 2013 A. Writer, All Rights Reserved. Please share this
# article in its entirety, including this copyright notice...") travels with every
# article of an author or site, so sentences holding one are no evidence of copying,
# even where the cleaner left them inside a paragraph.
# A permission to republish ("We encourage you to share and republish our reports", "This
# content may be freely reproduced in full ... with full attribution") is one too.
_NOTICE = re.compile(
    r"\bcopyright\b|©|\ball\s+rights\s+reserved\b|\bfair\s+use\b|\brepublish\b|\bfreely\s+reproduced\b"
    r"|\breproduced\s+in\s+full\b|\bwith\s+full\s+attribution\b|\bmay\s+be\s+(?:freely\s+)?(?:reproduced|republished|reposted)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n")
# a credit line two copies of one source's work both carry ("Source: http://...",
# "Contributed by X of x.example."): it names the source, it is no text copied from each other
_CREDIT_LINE = re.compile(r"\s*(?:sources?|via|contributed\s+by|delivered\s+by|credits?|h/t|originally\s+published\s+(?:by|at|on|in))\b", re.I)


# Literals every match of _NOTICE (or of _CREDIT_LINE) holds, matched as they do (case
# ignored): a text without any holds no notice (no credit line), which substring searches
# (see may_hold) tell many times faster than the patterns themselves
_NOTICE_LITERALS = ("copyright", "©", "rights", "fair", "republish", "reproduced", "attribution", "repost")
_CREDIT_LITERALS = ("source", "via", "contributed", "delivered", "credit", "h/t", "originally")
#: the characters that a case-ignoring pattern matches with an ASCII letter though they are
#: none (İ, ı, ſ and the Kelvin sign: Python's ``re`` folds them onto i, s and k)
_ASCII_FOLDS = re.compile("[\u0130\u0131\u017f\u212a]")


def may_hold(text: str, literals: Sequence[str]) -> bool:
    """Whether ``text`` may hold one of the lower-case ``literals`` as a case-ignoring pattern
    of them finds it: never False where the pattern finds one, and a few substring searches
    of the lower-cased text where such a pattern (an alternation, which ``re`` tries at every
    character) took many times longer.

    >>> may_hold("COPYRIGHT 2020", _NOTICE_LITERALS), may_hold("The pier closed.", _NOTICE_LITERALS)
    (True, False)
    """
    if _ASCII_FOLDS.search(text):
        return True  # lower() leaves ı and ſ, and makes İ two characters: the pattern decides
    low = text.lower()
    return any(literal in low for literal in literals)


# _NOTICE for lower-cased text, case kept, each leading \b moved behind the letter it stands
# before (as "no word character before that letter"): alternatives that open on a letter let
# ``re`` skip to where one of those letters stands, where the case-ignoring pattern tried
# every alternative at every character (some six times slower)
_NOTICE_LOWER = re.compile(re.sub(r"\\b([a-z])", r"\1(?<!\\w.)", _NOTICE.pattern))


def holds_notice(text: str) -> bool:
    """Whether ``_NOTICE`` finds a rights notice in ``text`` (lower-casing changes no character's
    being a word character or a space, and but for İ no offset: see :func:`may_hold`).

    >>> holds_notice("ALL RIGHTS  Reserved."), holds_notice("The fair used the square.")
    (True, False)
    """
    if _ASCII_FOLDS.search(text):
        return _NOTICE.search(text) is not None
    low = text.lower()  # once: the literals' test and the pattern read the same string
    return any(literal in low for literal in _NOTICE_LITERALS) and _NOTICE_LOWER.search(low) is not None


def words_beside_notices(text: str) -> int:
    """Words of ``text`` outside its sentences that hold a rights notice.

    >>> words_beside_notices("Copyright 2020 Ana Vel. All Rights Reserved. The pier closed on Monday.")
    5
    """
    notice = holds_notice(text)
    if not notice and not may_hold(text, _CREDIT_LITERALS):
        return len(_WORD.findall(text))  # no notice, and no sentence a credit line can open
    sentences = _SENTENCE_END.split(text)
    if notice:
        return sum(len(_WORD.findall(s)) for s in sentences if not holds_notice(s) and not _CREDIT_LINE.match(s))
    # no notice anywhere (most passages): every word but those of credit lines (sentences
    # are cut at spaces, so the text's words are theirs)
    return len(_WORD.findall(text)) - sum(len(_WORD.findall(s)) for s in sentences if _CREDIT_LINE.match(s))

Line = tuple[int, int, int]  # start, end, hash of the normalised line


def lines(text: str, known: dict[str, int] | None = None) -> list[Line]:
    """(start, end, hash) of each non-empty line of ``text``, stripped; ``known``: the hashes
    of lines met before, by line (copies of one story share most of their lines)."""
    found = []
    known = {} if known is None else known
    at = 0  # where the line starts: split and offsets, no match object per line
    for line in text.split("\n"):
        body = line.strip()
        if body:
            start = at + len(line) - len(line.lstrip())
            if (digest := known.get(body)) is None:
                digest = known[body] = block_hash(body)
            found.append((start, start + len(body), digest))
        at += len(line) + 1
    return found


class Words:
    """The character spans of a text's words (``\\w+`` runs), to count the words of any
    span by bisection instead of matching it again (a text is compared with many others).

    >>> Words("aa bb cc dd").count(1, 7)
    3
    """

    def __init__(self, text: str, fingerprint: Fingerprint | None = None) -> None:
        # a fingerprint's words are those of the lower-cased text, at the same offsets unless
        # it holds İ (the one character lower() makes two; no other changes whether a
        # character is a word character): then the text is not split again
        if fingerprint is not None and "\u0130" not in text:
            starts, ends = fingerprint.starts, fingerprint.ends
        else:
            _, starts, ends = word_spans(text)
        self.starts: list[int] = starts.tolist()
        self.ends: list[int] = ends.tolist()

    def count(self, start: int, end: int) -> int:
        """Words of ``text[start:end]``, as ``len(_WORD.findall(text, start, end))`` (a word
        the span cuts counts once)."""
        if end <= start:
            return 0
        return bisect.bisect_left(self.starts, end) - bisect.bisect_right(self.ends, start)

    def outside(self, start: int, end: int, holes: Holes) -> int:
        """Words of ``text[start:end]`` outside the ``holes`` spans (lines: sorted, apart).

        >>> words = Words("aa bb cc dd")
        >>> words.outside(0, 11, Holes(words, [(3, 5), (9, 11)]))
        2
        """
        total = self.count(start, end)
        if not holes:
            return total
        held = holes
        # holes are whole lines, and no word crosses a line's end: each word lies inside one
        # hole or outside all, so the words inside are counted hole by hole and taken away;
        # the holes the span holds whole by their running sum, the (at most two) it cuts apart
        first = bisect.bisect_right(held.ends, start)  # ends are sorted too: the holes are apart
        last = bisect.bisect_left(held.starts, end, lo=first)
        if first >= last:
            return total
        inside = held.words[last] - held.words[first]
        for k in {first, last - 1}:
            hole_start, hole_end = held.spans[k]
            if hole_start < start or hole_end > end:
                inside += self.count(max(start, hole_start), min(end, hole_end)) - (held.words[k + 1] - held.words[k])
        return total - inside


#: an article's word spans, and whether its text holds a notice's literal and a credit's
WordLayout = tuple[Words, bool, bool]


def word_layout(text: str, fingerprint: Fingerprint | None = None) -> WordLayout:
    """What comparing an article's passages with its site's templates reads of its text, again
    and again: computed once (and on a Dask worker, :mod:`newstrail.corpus.prepare`).

    >>> words, notice, credit = word_layout("Copyright 2020 the Gazette. The pier closed.")
    >>> words.count(0, 14), notice, credit
    (2, True, False)
    """
    return Words(text, fingerprint), may_hold(text, _NOTICE_LITERALS), may_hold(text, _CREDIT_LITERALS)


class Holes:
    """Spans of a text left out of word counts (its template lines: sorted, apart), with the
    running sum of the words each holds: a span's words outside them take a few bisections,
    not one per hole (a long template stands in many passages).

    >>> Words("aa bb cc dd").outside(0, 8, Holes(Words("aa bb cc dd"), [(3, 5), (6, 8)]))
    1
    """

    def __init__(self, words: Words, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = list(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = [e for _, e in self.spans]
        self.words = list(accumulate((words.count(s, e) for s, e in self.spans), initial=0))

    def __len__(self) -> int:
        return len(self.spans)


class SiteTemplates:
    """Template lines of the sites whose articles linking compares, learned on demand
    (one site at a time, the first time one of its articles shares a passage)."""

    #: articles whose lines are kept between batches
    cache_size = 5000

    def __init__(self, store: Store, anchors: Callable[[str], set[str]], min_anchors: int = 5,
                 load: Callable[[Sequence[str]], list[Article]] | None = None,
                 fingerprints: Callable[[str], Fingerprint | None] | None = None) -> None:
        self.store = store
        # how stored articles are read (the linker's, which holds the recent ones)
        self.load = load or store.articles.get_many
        # an article's fingerprint where held (the linker's): its words' spans are the text's
        self.fingerprints = fingerprints or (lambda article_id: None)
        self.anchors = anchors
        self.min_anchors = min_anchors
        self.templates: set[int] = set()
        self._learned: set[str] = set()
        self._articles: dict[str, tuple[str, str, list[Line], str]] = {}  # id -> site, text, lines, title
        self._counts: dict[str, Counter[str]] = {}  # id -> its text's lower-cased words, counted
        # what comparing pairs asks of an article again and again, computed once: its words'
        # spans, whether it holds a notice's or credit's literal, its text with spacing normalised
        self._spans: dict[str, WordLayout] = {}
        self._ready: dict[str, WordLayout] = {}  # computed elsewhere (see prime), used once
        self._normal: dict[str, str] = {}
        self._line_hashes: dict[str, int] = {}  # line -> its hash (see lines)
        self._anchors_of_line: dict[str, set[str]] = {}  # line -> its names and figures (never changed: unions are new sets)
        self._holes: dict[str, tuple[int, Holes]] = {}  # see _template_spans
        # the words beside notices of a passage's span (an article copied many times is the
        # older side of many pairs, most often with the same span)
        self._beside: dict[tuple[str, int, int], int] = {}

    @staticmethod
    def site(article: Article) -> str:
        # the outlet name as stored: that is what the store looks an outlet's articles up by
        return article.domain or article.outlet or ""

    def _keep(self, article: Article) -> None:
        while len(self._articles) >= self.cache_size:
            gone = next(iter(self._articles))
            for cache in (self._counts, self._spans, self._normal, self._holes):
                cache.pop(gone, None)
            del self._articles[gone]
        if len(self._beside) >= 4 * self.cache_size:
            self._beside.clear()
        if len(self._line_hashes) >= 50 * self.cache_size:
            self._line_hashes.clear()
        self._articles[article.id] = (self.site(article), article.text, lines(article.text, self._line_hashes), article.title or "")

    def _load(self, ids: Sequence[str]) -> None:
        missing = [i for i in ids if i not in self._articles]
        for article in self.load(missing):
            self._keep(article)

    def _learn(self, site: str) -> None:
        """Count the lines of a site's latest stored articles; mark its repeated ones."""
        self._learned.add(site)
        if not site:
            return
        # the latest articles only: a site's sample, not all it ever published (linking a batch
        # into a corpus of 100,000 read every article of each site it met)
        refs = self.store.articles.of_outlet(domains=[site], latest=SITE_SAMPLE) or self.store.articles.of_outlet(names=[site], latest=SITE_SAMPLE)
        ids = [r.id for r in refs]
        self._load(ids)
        ids = [i for i in ids if i in self._articles]
        carriers: dict[int, list[str]] = defaultdict(list)
        for i in ids:
            for h in {h for _, _, h in self._articles[i][2]}:
                carriers[h].append(i)
        # names and figures of each article's own lines: what two reports of one event share
        own = {i: self._own_anchors(i, lambda h: len(carriers[h]) > 1) for i in ids}
        self.templates |= {h for h, c in carriers.items() if len(c) >= SITE_LINES and self._apart(c, own)}
        # a footer longer than the window shows itself a window at a time: once its last
        # lines are known, the lines above them are the bottom (a few rounds at most)
        for _ in range(10):
            at_bottom: dict[int, list[str]] = defaultdict(list)
            for i in ids:
                for h in set(self._bottom(self._articles[i][2])):
                    at_bottom[h].append(i)
            new = {h for h, c in at_bottom.items() if len(c) >= EDGE_SITE_LINES and self._apart(c, own)} - self.templates
            if not new:
                break
            self.templates |= new

    def _own_anchors(self, article_id: str, repeated: Callable[[int], bool]) -> set[str]:
        text, found = self._articles[article_id][1], self._articles[article_id][2]
        return set().union(*(self._line_anchors(text[s:e]) for s, e, h in found if not repeated(h)))

    def _line_anchors(self, line: str) -> set[str]:
        """The names and figures of a line, once per line (copies of a story share most lines)."""
        if line not in self._anchors_of_line:
            if len(self._anchors_of_line) >= 50 * self.cache_size:
                self._anchors_of_line.clear()
            self._anchors_of_line[line] = self.anchors(line)
        return self._anchors_of_line[line]

    def _apart(self, carriers: list[str], own: dict[str, set[str]], tries: int = 8) -> bool:
        """Whether two of the articles carrying a line tell different stories (few names
        and figures in common): a site's updates of one story repeat lines that are news,
        not template."""
        sample = carriers[:tries]
        return any(not self._related(own[a], own[b]) for k, a in enumerate(sample) for b in sample[k + 1 :])

    def _related(self, mine: set[str], theirs: set[str]) -> bool:
        # long pieces of one site share a few names by chance; one story shares a good part
        return len(mine & theirs) >= max(self.min_anchors, RELATED_SHARE * min(len(mine), len(theirs)))

    def _bottom(self, found: list[Line]) -> list[int]:
        """The last :data:`EDGE_LINES` line hashes that are not known templates, below the
        first line (the body of a very short article is all "bottom")."""
        body = [h for _, _, h in found[1:] if h not in self.templates]
        return body[-EDGE_LINES:]

    def _common_tail(self, a_id: str, b_id: str) -> None:
        """Two articles of one site that end on the same lines end on the site's footer,
        however long (an author's sign-off, a syndication note): learn those lines. Two
        that are the same throughout are one article stored twice, not a footer."""
        a = [h for _, _, h in self._articles[a_id][2] if h not in self.templates]
        b = [h for _, _, h in self._articles[b_id][2] if h not in self.templates]
        n = 0
        while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
            n += 1
        if 0 < n < min(len(a), len(b)):
            tail = set(a[len(a) - n :])
            mine, theirs = (self._own_anchors(i, tail.__contains__) for i in (a_id, b_id))
            # an update that ends as its first version did is the same story, not a footer
            if not self._related(mine, theirs):
                self.templates |= tail

    def _furniture(self, a_id: str, b_id: str) -> bool:
        """Two pages of one site with one text under two titles: a tag or listing page
        whose only text is the site's blurbs ("Permission marketing news" and "Health
        food products news", both nothing but the sidebar), not one article copied."""
        a_title, b_title = self._articles[a_id][3], self._articles[b_id][3]
        # the titles first: copies under one title (most pairs) need no text compared
        return a_title.strip().lower() != b_title.strip().lower() and self._normalised(a_id) == self._normalised(b_id)

    def _normalised(self, article_id: str) -> str:
        if article_id not in self._normal:
            self._normal[article_id] = " ".join(self._articles[article_id][1].split())
        return self._normal[article_id]

    def prime(self, layouts: Mapping[str, WordLayout]) -> None:
        """Take the :func:`word_layout` of articles about to be linked, computed elsewhere, in
        place of those an earlier call handed over and no comparison used."""
        self._ready = dict(layouts)

    def _spans_of(self, article_id: str) -> WordLayout:
        """An article's word spans, and whether its text holds a notice's literal and a credit's."""
        if article_id not in self._spans:
            ready = self._ready.pop(article_id, None)
            if ready is None:
                ready = word_layout(self._articles[article_id][1], self.fingerprints(article_id))
            self._spans[article_id] = ready
        return self._spans[article_id]

    def _beside_notices(self, article_id: str, start: int, end: int) -> int:
        """:func:`words_beside_notices` of ``text[start:end]`` of an article, without matching
        the notice and credit patterns where their literals are not in the span."""
        key = (article_id, start, end)
        if key not in self._beside:
            words, notice, credit = self._spans_of(article_id)
            part = self._articles[article_id][1][start:end]
            if (notice and may_hold(part, _NOTICE_LITERALS)) or (credit and may_hold(part, _CREDIT_LITERALS)):
                self._beside[key] = words_beside_notices(part)
            else:
                self._beside[key] = words.count(start, end)
        return self._beside[key]

    def _template_spans(self, article_id: str) -> Holes:
        # per article and number of templates known: templates are only ever added, so an
        # unchanged count is an unchanged set (every pair an article is in asks)
        known = self._holes.get(article_id)
        if known is None or known[0] != len(self.templates):
            spans = [(s, e) for s, e, h in self._articles[article_id][2] if h in self.templates] if self.templates else []
            known = (len(self.templates), Holes(self._spans_of(article_id)[0], spans))
            self._holes[article_id] = known
        return known[1]

    def evidence(self, a_id: str, b_id: str, passages: list[Passage], min_words: int) -> list[Passage]:
        """The passages ``a_id`` shares with ``b_id`` that are not site boilerplate."""
        if not passages:
            return passages
        self._load([a_id, b_id])
        if a_id not in self._articles or b_id not in self._articles:
            return passages
        for i in (a_id, b_id):
            if self._articles[i][0] not in self._learned:
                self._learn(self._articles[i][0])
        if self._articles[a_id][0] == self._articles[b_id][0]:
            if self._furniture(a_id, b_id):
                return []
            self._common_tail(a_id, b_id)
        a_words, b_words = self._spans_of(a_id)[0], self._spans_of(b_id)[0]
        a_holes, b_holes = self._template_spans(a_id), self._template_spans(b_id)
        kept = [
            p for p in passages
            # what is left once either side's template lines are taken out must still be a passage
            if min(a_words.outside(p.a_start, p.a_end, a_holes), b_words.outside(p.b_start, p.b_end, b_holes)) >= min_words
            and self._beside_notices(a_id, p.a_start, p.a_end) >= min_words
        ]
        if kept and (self._edges_only(a_id, b_id, kept) or self._other_subjects(a_id, b_id)):
            return []
        return kept

    def _subject(self, article_id: str, other_id: str) -> dict[str, int]:
        """The names of an article's title that its text repeats and the other's title
        lacks, with their counts: what the article is about, where the two differ."""
        title, counts = self._articles[article_id][3], self._words_of(article_id)
        names = self.anchors(title) - self.anchors(self._articles[other_id][3])
        return {w: counts[w] for w in names if counts[w] >= SUBJECT_REPEATS}

    def _words_of(self, article_id: str) -> Counter[str]:
        """The words of an article's text, lower-cased and counted (once: every pair it is in asks)."""
        if article_id not in self._counts:
            self._counts[article_id] = Counter(_WORD.findall(self._articles[article_id][1].lower()))
        return self._counts[article_id]

    def _other_subjects(self, a_id: str, b_id: str) -> bool:
        """True when each article's subject is (all but) absent from the other's text:
        one form filled in twice (a press-release mill's "the Audio Sensors Market report
        sheds light on..." and "the ENT Devices Market report sheds light on..."). A copy
        or a rewrite of a story names what the story is about, whatever its title says;
        a generic title word ("Global", "Growth") may turn up in both, hence a share."""
        for mine, theirs in ((a_id, b_id), (b_id, a_id)):
            subject = self._subject(mine, theirs)
            if not subject:
                return False
            there = self._words_of(theirs)
            if sum(min(n, there[w]) for w, n in subject.items()) >= SUBJECT_SHARED * sum(subject.values()):
                return False
        return True

    def _edges_only(self, a_id: str, b_id: str, passages: list[Passage]) -> bool:
        """True when every passage lies in the last lines of both articles, covers a minor
        part of each, and the two otherwise share fewer names and figures than one story
        would: a blog platform's footer, an author's box. Two articles of one site may
        share a header so too (an author's introduction); across sites the top does not
        count, as a copy of a lead alone under a comment of one's own is a copy."""
        same_site = self._articles[a_id][0] == self._articles[b_id][0]
        sides = []
        for article_id, span in ((a_id, lambda p: (p.a_start, p.a_end)), (b_id, lambda p: (p.b_start, p.b_end))):
            text, found = self._articles[article_id][1], self._articles[article_id][2]
            # in a short article every line is near the bottom: then what the passages
            # cover and the names the rest shares decide alone
            if len(found) <= 2:
                return False
            spans = [span(p) for p in passages]
            top = found[min(EDGE_LINES, len(found)) - 1][1] if same_site else -1
            bottom = min(found[-EDGE_LINES][0], int((1 - TAIL_SHARE) * len(text)))
            if any(start < bottom and end > top for start, end in spans):
                return False
            if sum(end - start for start, end in spans) > 0.5 * len(text):
                return False
            # what else the two say: neither the passages nor the site's template lines
            # nor rights notices, which name the author in every article of hers
            cut = sorted([*spans, *self._template_spans(article_id).spans])
            rest = "\n".join(text[last:start] for (_, last), (start, _) in zip([(0, 0), *cut], [*cut, (len(text), 0)]))
            rest = " ".join(s for s in _SENTENCE_END.split(rest) if not holds_notice(s))
            sides.append((rest, {w for start, end in spans for w in self.anchors(text[start:end])}))
        mine, theirs = (self.anchors(rest) - sides[0][1] for rest, _ in sides)
        # long pieces of one author share names by chance (the author's own, her themes):
        # what counts is the part of them the two share, as in template learning
        return not self._related(mine, theirs)
