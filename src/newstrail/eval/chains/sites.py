"""What the harder corpus adds to the vocabulary: wire acronyms, old names, mastheads on
other domains, names inside names, clock offsets, fact-checkers, press offices, media
groups and the site boilerplate (comment policies, copyright lines, newsletter prompts,
network footers) that real pages repeat across a site's unrelated articles.

The outside development set showed the easy corpus named every outlet in full, stamped
every article in UTC and kept boilerplate to short lines; these are the ways it was easy.
All names are invented for this generator.
"""

from __future__ import annotations

#: the harder corpus's options, each on by default: story members (updates, retellings, denials,
#: fact-checks, corrections), credit names (acronyms, old names, mastheads on other domains, names
#: inside names), clocks (local UTC offsets, undated posts, copies minutes apart), site boilerplate,
#: distractors (unrelated articles of the same outlet, more look-alike stories)
HARD_KINDS = frozenset({"members", "credits", "clocks", "boilerplate", "distractors"})

#: wires credited by acronym in datelines and bylines ("PLACE (MWS) —", "Reporting by MWS")
ACRONYMS = {"Meridian Wire": "MWS", "Northline Press Agency": "NPA", "Coastal Newswire": "CNW",
            "Allied Press Service": "APS", "Capital Wire Service": "CWS"}

#: outlets renamed: credited now and then by the old name; their footer says "formerly ..."
OLD_NAMES = {"The Inland Review": "the Upcountry Courier", "Quayside News": "the Harbourfront Star",
             "Tidewater Bulletin": "the Tidewater Evening Star", "Lowfield Herald": "the Lowfield Bugle"}

#: mastheads published on a domain that does not spell them; the site name a scraper sees
MASTHEAD_SITES = {"The Harbor Lantern": ("Portside Media", "portsidemedia.example"),
                  "Morning Ferry": ("Straits Daily", "straitsdaily.example"),
                  "Brightwater Report": ("BWR Online", "bwronline.example"),
                  "The Civic Beacon": ("Townsfolk Hub", "townsfolkhub.example")}

#: outlets only the harder corpus uses: names that contain another outlet's name,
#: fact-checkers and the press offices that publish official statements
EXTRA_OUTLETS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("North Valley Courier", "northvalleycourier.example", "newspaper", ()),
    ("Harbor Lantern Sunday", "lanternsunday.example", "newspaper", ()),
    ("The Eastmere Chronicle Weekend", "chronicleweekend.example", "newspaper", ()),
    ("Claimcheck Desk", "claimcheckdesk.example", "factcheck", ()),
    ("Verity Lab", "veritylab.example", "factcheck", ()),
    ("Regional Press Office", "pressoffice.example", "official", ()),
]
NESTED = {"North Valley Courier": "The Valley Courier", "Harbor Lantern Sunday": "The Harbor Lantern",
          "The Eastmere Chronicle Weekend": "The Eastmere Chronicle"}
FACTCHECKERS = ["Claimcheck Desk", "Verity Lab"]
PRESS_OFFICE = "Regional Press Office"

#: UTC offsets in hours; an outlet keeps its offset, so copies minutes apart can look
#: earlier on the local clock than their source
OFFSETS = [0, 1, 2, 3, -4, -5, 1, 0, -5, 2]

#: media groups: one network footer across the group's mastheads
GROUPS = {
    "Cairnlow Regional Media": ["The Valley Courier", "Gullwing Local", "Stonefield Echo", "Kilnmoor Record",
                                "North Valley Courier", "Larkmere Voice"],
    "Westgate Newspapers": ["The Eastmere Chronicle", "Lowfield Herald", "Marrow Bay Times", "Harrowgate Ledger",
                            "The Eastmere Chronicle Weekend"],
}
GROUP_OF = {o: g for g, members in GROUPS.items() for o in members}

_COMMENTS = [
    "We welcome your comments on {o}, but please keep them civil and on topic; posts that attack other readers or repeat abuse will be removed without notice by our moderators.",
    "Comments on {o} are checked before they appear. As a privately run site we may delete any post we judge offensive, and repeated breaches of these house rules lead to a ban.",
]
_COPYRIGHT = [
    "All content on this site is the property of {o} and may not be copied, broadcast or redistributed in any form without written permission from the publisher.",
    "© {o} and its licensors. No part of this page may be reproduced, stored or passed on in any form without the prior written consent of the editors.",
]
_NEWSLETTER = [
    "Get the day's headlines from {o} in your inbox every morning: sign up to our free newsletter, and you can unsubscribe at any time with one click.",
    "Never miss a story from {o}: join thousands of readers who get our free evening briefing, delivered to your inbox on weekdays at six o'clock.",
]
_RATING = "{o}: our rating scale runs from accurate to false; every check lists its sources, and readers can send claims to examine through the tip line on our contact page."
_STATEMENT = "Issued by the communications team. Members of the press with further questions should use the media line, which is staffed on weekdays from eight until six."


def network_footer(group: str) -> str:
    names = ", ".join(GROUPS[group][:-1]) + " and " + GROUPS[group][-1]
    return f"{group} publishes {names}. Read our group's editorial code and complaints procedure on any of our titles' websites."


def site_boilerplate(outlet: str, index: int, kind: str) -> list[tuple[str, str, str]]:
    """(text, kind, where) blocks the outlet's pages repeat; ``where`` is "top", "middle" or "end".

    Long enough (20+ words) to make a reuse passage if a linker counts them as text."""
    blocks: list[tuple[str, str, str]] = []
    if kind == "factcheck":
        blocks.append((_RATING.format(o=outlet), "disclaimer", "end"))
    if kind == "official":
        blocks.append((_STATEMENT, "press-release boilerplate", "end"))
    if index % 3 == 0:
        blocks.append((_NEWSLETTER[index % 2].format(o=outlet), "newsletter prompt", "middle"))
    if index % 2 == 0:
        blocks.append((_COMMENTS[(index // 2) % 2].format(o=outlet), "comment policy", "end"))
    if index % 5 in (1, 3):
        blocks.append((_COPYRIGHT[index % 2].format(o=outlet), "copyright notice", "end"))
    if outlet in OLD_NAMES:
        blocks.append((f"{outlet}, formerly {OLD_NAMES[outlet]}, is an independent title serving its region since the rename.",
                       "footer", "end"))
    if outlet in GROUP_OF:
        blocks.append((network_footer(GROUP_OF[outlet]), "network footer", "end"))
    return blocks
