"""Site boilerplate never links articles: what a site repeats across unrelated articles
(a comment policy, a rights line, a media group's footer, a blog platform's footer) is
learned from the corpus and kept out of reuse, stories and mutations, while a passage
that really was copied still links. Fictional outlets and events throughout."""

import json
import re

import pytest

from newstrail import analyze, open_store
from newstrail.corpus import Corpus
from newstrail.clean import classify
from newstrail.corpus.boilerplate import _CREDIT_LITERALS, _NOTICE, _NOTICE_LITERALS, holds_notice, lines, may_hold

# Worded so that the cleaner's rules do not know them: only the corpus can tell.
POLICY = ("Keep it civil below the line: the Ledger removes posts that insult other readers, share private "
          "details or advertise anything, and repeat offenders lose their account for good.")
RIGHTS = ("Text and pictures belong to Brackwater Ledger Holdings unless marked otherwise; ask our syndication "
          "desk before you reuse any of it in print or online.")
GROUP = ("The Gullhaven Post, the Saltmarsh Courier and the Fenwick Star are titles of the Tidewater Press Group, "
         "which answers reader complaints within ten working days through its standards office in Gullhaven.")
PLATFORM = ("This journal is hosted free by Quillnest, the home of forty thousand independent writers. "
            "Quillnest does not check what its writers publish and takes no view on it. Start your own journal "
            "in two minutes, with no adverts for your readers and no fee for the first year.")

BODIES = {
    "ferry": ["The Brackwater chain ferry will stop running for nine days in March while its cables are replaced.",
              "Foot passengers will be carried on a launch between the slipways from seven until seven.",
              "Drivers face a detour of about 40 km through Mossford, the council's transport officer said.",
              "The last full refit of the ferry was in 2009, when the deck was widened for lorries."],
    "choir": ["The Brackwater Male Voice Choir has won the regional festival for the third year running.",
              "Its conductor, Pell Arundine, said the singers had rehearsed twice a week since October.",
              "The choir will travel to the national final in Corvale at the end of May.",
              "Eleven of its forty singers are under thirty, a record for the choir."],
    "bakery": ["A bakery on Quay Street has reopened under new owners after standing empty for two years.",
               "Ravi and Ossa Tennant moved from the coast to take it on and kept the old brick ovens.",
               "The shop will sell bread from six in the morning and close when it runs out.",
               "They plan to take on two apprentices from the college in the autumn."],
    "bridge": ["Engineers have found cracks in two piers of the old toll bridge at Fenwick.",
               "The bridge is closed to vehicles over 7.5 tonnes until a full survey is done.",
               "A diversion for lorries adds roughly 25 minutes to the trip to the industrial estate.",
               "The county expects the survey report in six weeks and repairs to start in summer."],
    "market": ["Saltmarsh market will move to the harbour car park for the summer while the square is repaved.",
               "Traders were offered a rent holiday for the first month of the move.",
               "The square should reopen in September with new drainage and more benches.",
               "Stallholder Brann Orley said most customers would follow them down the hill."],
    "school": ["Gullhaven's oldest primary school will get a new roof after a leak closed two classrooms.",
               "Pupils have been taught in the library and the hall since the storm in January.",
               "The repair will cost 380,000 crowns and run through the summer holidays.",
               "The head teacher, Sofi Marrant, thanked parents for their patience."],
    "garden": ["My beans have finally come up after the coldest April I can remember on this allotment.",
               "I lost the first sowing to slugs and the second to a frost in the third week.",
               "This time I started them in pots on the kitchen windowsill and waited.",
               "Next week I will write about the rhubarb, which did rather better."],
    "kiln": ["I fired the new kiln for the first time on Sunday and nothing cracked.",
             "It took eleven hours to reach temperature, two more than the maker promised.",
             "The blue glaze came out greener than the test tiles, which I rather like.",
             "If you are near Holt Cross on Saturday, the studio door will be open."],
}


def record(id, outlet, domain, day, body, *tail):
    return {"id": id, "outlet": outlet, "url": f"https://{domain}/news/{id}", "published": f"2025-03-{day:02d}T09:00:00+00:00",
            "title": f"{outlet}: {body[0][:40]}", "text": "\n\n".join([*body, *tail])}


SITE = [record(f"ledger-{k}", "Brackwater Ledger", "brackwaterledger.example", d, BODIES[k], POLICY, RIGHTS)
        for d, k in ((3, "ferry"), (4, "choir"), (5, "bakery"))]
GROUP_TITLES = [
    record("post-bridge", "Gullhaven Post", "gullhavenpost.example", 6, BODIES["bridge"], GROUP),
    record("post-school", "Gullhaven Post", "gullhavenpost.example", 7, BODIES["school"], GROUP),
    record("courier-market", "Saltmarsh Courier", "saltmarshcourier.example", 8, BODIES["market"], GROUP),
]
# two one-article blogs on one platform: nothing to learn per site, a footer alone in common
BLOGS = [
    record("beans", "Allotment Notes", "allotmentnotes.example", 9, [*BODIES["garden"], "Thanks for reading."], PLATFORM),
    record("kiln", "Kiln Diary", "kilndiary.example", 10, [*BODIES["kiln"], "More soon."], PLATFORM),
]
# a wire story the Ledger really copies, word for word and with credit, under its own footer
WIRE_TEXT = ["Flood barriers on the Brack estuary will be raised on Tuesday night as a spring tide meets a storm surge, "
             "the Coastal Agency said, and residents of the lower town have been told to move cars from the quay by six.",
             "The agency expects the water to peak about forty centimetres below the barrier crest shortly after midnight.",
             "Sandbags are being handed out at the fire station on Mill Lane until nine in the evening."]
WIRE = record("wire-flood", "Estuary Wire", "estuarywire.example", 11, WIRE_TEXT)
COPY = record("ledger-flood", "Brackwater Ledger", "brackwaterledger.example", 12,
              ["Reporting by Estuary Wire.", *WIRE_TEXT[:2], "The Ledger will carry updates through the night."], POLICY, RIGHTS)


@pytest.fixture
def stored(write, settings):
    def _store(records):
        path = write("corpus.jsonl", "\n".join(json.dumps(r) for r in records) + "\n")
        store = open_store(settings.db)
        outcomes = list(analyze([str(path)], settings, store))
        assert {o.status for o in outcomes} == {"added"}
        return store, {o.article.id: o.article.story for o in outcomes}
    return _store


def _reuse(store):
    ids = [a.id for a in store.articles.iter_articles()]
    return store.links.reuse_among(ids)


def test_a_sites_comment_policy_and_rights_line_link_nothing(stored):
    store, stories = stored(SITE)
    assert _reuse(store) == []
    assert len(set(stories.values())) == len(SITE)


def test_a_sites_lines_are_learned_by_outlet_name_without_urls(stored):
    records = [{k: v for k, v in r.items() if k != "url"} for r in SITE]
    store, stories = stored(records)
    assert _reuse(store) == []
    assert len(set(stories.values())) == len(SITE)


def test_a_media_groups_footer_across_mastheads_links_nothing(stored):
    store, stories = stored(GROUP_TITLES)
    assert _reuse(store) == []
    assert len(set(stories.values())) == len(GROUP_TITLES)


def test_a_platform_footer_shared_by_two_unrelated_blogs_links_nothing(stored):
    store, stories = stored(BLOGS)
    assert _reuse(store) == []
    assert stories["beans"] != stories["kiln"]


def test_a_real_copy_still_links_without_the_footer(stored):
    store, stories = stored([WIRE, *SITE, COPY])
    pairs = {(r.a, r.b) for r in _reuse(store)}
    assert pairs == {("wire-flood", "ledger-flood")}
    copy = store.articles.get("ledger-flood")
    for r in _reuse(store):
        shared = copy.text[r.passage.b_start : r.passage.b_end]
        assert "Coastal Agency" in shared or "forty centimetres" in shared
        assert "civil" not in shared and "syndication" not in shared
    assert stories["ledger-flood"] == stories["wire-flood"]
    assert stories["ledger-ferry"] != stories["ledger-flood"]
    trace = Corpus(store).trace(article="ledger-flood").to_dict()
    assert {a["id"] for a in trace["articles"]} == {"wire-flood", "ledger-flood"}
    assert ("wire-flood", "ledger-flood") in {(e["from"], e["to"]) for e in trace["edges"]}


def test_lines_hash_alike_whatever_the_year_or_spacing():
    assert lines("Copyright 2024  Ledger Holdings")[0][2] == lines("copyright 2025 Ledger Holdings")[0][2]


@pytest.mark.parametrize("block, kind", [
    ("Please adhere to our commenting policy: we remove posts that insult other readers.", "comments"),
    ("Comments are moderated before they appear.", "comments"),
    ("Harrowgate Media Ltd, 9 Pier Row, Fenwick. Registered in Veskaland, company number 5521907.", "copyright"),
    ("Never miss a story. Get the evening digest in your inbox, free. Sign up now", "membership"),
])
def test_rules_know_comment_policies_imprints_and_inbox_prompts(block, kind):
    found = classify(block)
    assert found is not None and found[0] == kind


def test_rules_leave_prose_about_registration_alone():
    assert classify("The charity was registered in Fenwick in 1998 and now runs four shelters.") is None


INTRO = ("I am a retired lighthouse keeper from Holt Cross and I write here about the sea, the weather "
         "and the small things I notice on my walks along the Brack cliffs every morning of the year.")


def test_an_authors_introduction_atop_two_posts_of_one_site_links_nothing(stored):
    posts = [record(f"keeper-{k}", "Cliff Notes", "cliffnotes.example", d, [INTRO, *BODIES[k]])
             for d, k in ((12, "garden"), (13, "kiln"))]
    store, stories = stored(posts)
    assert _reuse(store) == []
    assert stories["keeper-garden"] != stories["keeper-kiln"]


def test_a_sites_update_that_repeats_its_lead_still_links(stored):
    lead = WIRE_TEXT[0]
    first = record("wire-flood-1", "Estuary Wire", "estuarywire.example", 11, [lead, *WIRE_TEXT[1:]])
    update = record("wire-flood-2", "Estuary Wire", "estuarywire.example", 12,
                    [lead, "By midnight the water had peaked twelve centimetres below the Brack barrier crest, the Coastal Agency said.",
                     "Residents of the lower town may return their cars to the quay from seven on Wednesday morning."])
    store, stories = stored([first, update])
    assert {(r.a, r.b) for r in _reuse(store)} == {("wire-flood-1", "wire-flood-2")}
    assert stories["wire-flood-1"] == stories["wire-flood-2"]


# An author's rights notice inside a paragraph, in two unrelated posts of one small
# blog: two articles are too few to learn the site's lines from, but a notice is no
# evidence of copying wherever it stands.
NOTICE = ("Copyright 2024 Ilsa Varn, all rights reserved. You may share this post freely as long as it is shared "
          "whole, with this copyright notice and a link back to the journal, and nothing in it is changed or cut. "
          "Copyright covers the photographs too: ask before you print them, sell them or use them in a talk, "
          "and say where they came from when you do.")
NOTICE_POSTS = [
    record("varn-beans", "Varn Journal", "varnjournal.example", 13, [BODIES["garden"][0], BODIES["garden"][1] + " " + NOTICE, *BODIES["garden"][2:]]),
    record("varn-kiln", "Varn Journal", "varnjournal.example", 14, [BODIES["kiln"][0], BODIES["kiln"][1] + " " + NOTICE, *BODIES["kiln"][2:]]),
]


def test_an_authors_rights_notice_inside_a_paragraph_is_no_reuse(stored):
    store, _ = stored(NOTICE_POSTS)
    assert _reuse(store) == []


# An author's box on a blog platform, in two posts of one writer more than a year apart:
# the box stands in the closing part of both, above sign-offs that differ (a donation
# appeal, a book), so it is neither the last lines nor a line the site repeats three
# times; the posts share the writer's own name and themes, but little else.
BOX = ("Orla Fennick walks the Brack cliffs with a notebook and has kept this journal of the coast since "
       "she left the lighthouse service; her book Tide Tables for the Heart is sold at the Holt Cross bookshop.")
HERON = ["This is Orla Fennick, writing from Holt Cross, where the heron came back to the millpond this week.",
         "It stood on the sluice for most of Tuesday, as still as a post, and took three eels before noon.",
         "The warden thinks it is the same bird that nested in the alders behind the Corvale road in 2019.",
         "Herons nest early, sometimes in February, and the young stay in the colony for about seven weeks.",
         "Walkers are asked to keep dogs on leads along the east bank until the end of April.",
         "I counted eleven nests in the alders last spring, and the warden counted twelve.",
         "A pair of grebes has arrived on the millpond too, which the heron ignores.",
         "The millpond was dug in the 1790s to drive the corn mill, and the sluice is the original oak, patched many times.",
         "When the mill closed the pond silted up, and it was a volunteer group from the chapel that dredged it in 1988.",
         "Since then it has been the best place in the parish to watch birds from a bench, if you bring a flask.",
         "The heron fishes the shallows at the north end in the morning and the deep water by the sluice at dusk.",
         "Eels come up the leat from the river in the warm months, which is why the bird stays until October.",
         "My neighbour swears the heron knows her car and flies off before she has parked.",
         "I have never seen it take a duckling, whatever the angling club says at its meetings."]
STORM = ["This is Orla Fennick again, writing after the worst storm on the Brack cliffs that I remember.",
         "The sea took a slice of the coastal path below Gannet Point, about thirty metres of it, overnight.",
         "The county has fenced off the path from the car park to the old signal station until it is surveyed.",
         "Two benches went over the edge with the path, one of them given in memory of a fisherman from Mossford.",
         "The lifeboat crew were called twice, once to a yacht that had dragged its anchor in the bay.",
         "Walkers should take the inland lane past the quarry, which adds twenty minutes to the round.",
         "The rain gauge in my garden read 61 millimetres by morning, more than the whole of last June.",
         "Along the lane the hedges were stripped of leaves on the seaward side, as if someone had trimmed them with a torch.",
         "The old signal station lost its flagpole, which the volunteers had painted only in the autumn.",
         "On the beach at Gannet Point the storm left a ridge of shingle higher than a man, and a ship's ladder.",
         "Nobody knows where the ladder came from; the harbour master thinks it fell from a dredger years ago.",
         "The fishermen kept their boats in the harbour for three days, the longest stay since the winter of 2014.",
         "The school bus ran late all week because of a fallen oak on the hill road.",
         "By Sunday the sky was clear and the cliffs were full of people looking at the new edge."]


def _boxed(id, published, body, *sign_off):
    return dict(record(id, "Quillnest", "quillnest.example", 1, body, BOX, *sign_off), published=published)


def test_an_authors_box_above_different_sign_offs_links_nothing(stored):
    posts = [_boxed("fennick-heron", "2023-02-14T08:00:00+00:00", HERON, "If this journal gives you pleasure, a coffee keeps it going.",
                    "Next week: the grebes.", "Copyright 2023 Orla Fennick. All rights reserved."),
             _boxed("fennick-storm", "2024-04-02T08:00:00+00:00", STORM, "Thank you to everyone who wrote after the storm.",
                    "The book is on sale again from May.", "Photographs on request.", "Copyright 2024 Orla Fennick. All rights reserved.")]
    store, stories = stored(posts)
    assert _reuse(store) == []
    assert stories["fennick-heron"] != stories["fennick-storm"]


# A press-release mill's form, filled in twice with two subjects on one user-post site:
# the same sentences around different names; each release names a subject the other
# never mentions.
def _release(id, day, subject, players):
    body = [f"The {subject} Market report speaks about the manufacturing process, studied with respect to raw material "
            f"and equipment suppliers, manufacturing costs and the process itself.",
            f"Players in the {subject} Market covered by this report: {players}.",
            f"After the basic information, the {subject} Market report sheds light on production plants, their "
            f"capacities, production and revenue, and on the {subject} Market's growth in every region.",
            f"The {subject} Market is examined for price, cost and gross margin; these three points are analysed for "
            f"types, companies and regions, with the sale price for each type and application.",
            f"With the help of supply and consumption data, the gap between the two is explained for the {subject} Market, "
            f"and the report closes with an outlook to 2030 for {subject} makers and buyers."]
    return {"id": id, "outlet": "Posterboard", "url": f"https://posterboard.example/p/{id}",
            "published": f"2025-05-{day:02d}T10:00:00+00:00", "title": f"{subject} Market Analysis and Forecast to 2030",
            "text": "\n\n".join(body)}


def test_one_form_filled_in_for_two_subjects_is_no_reuse(stored):
    releases = [_release("rel-kelp", 3, "Kelp Fertiliser", "Brackwater Agri, Gannet Feeds and Holt Organics"),
                _release("rel-buoy", 9, "Smart Mooring Buoy", "Corvale Marine, Tennant Systems and Fenwick Floats")]
    store, stories = stored(releases)
    assert _reuse(store) == []
    assert stories["rel-kelp"] != stories["rel-buoy"]


def test_one_release_run_again_under_a_new_headline_still_links(stored):
    first = _release("rel-kelp-1", 3, "Kelp Fertiliser", "Brackwater Agri, Gannet Feeds and Holt Organics")
    # another site runs it under a headline of its own, which names no "Kelp Fertiliser"
    again = dict(_release("rel-kelp-2", 9, "Kelp Fertiliser", "Brackwater Agri, Gannet Feeds and Holt Organics"),
                 outlet="Growers Daily", url="https://growersdaily.example/rel-kelp-2",
                 title="Seaweed Growers Face a Crowded Decade, Analysts Say")
    store, stories = stored([first, again])
    assert {(r.a, r.b) for r in _reuse(store)} == {("rel-kelp-1", "rel-kelp-2")}
    assert stories["rel-kelp-1"] == stories["rel-kelp-2"]


# Two tag pages of one site, nothing on either but the site's blurbs, under two titles.
BLURBS = ["Pier Cartoons are free to view and share; they cover the coast, the weather and the ferries.",
          "The Brackwater Trust is a charity that funds swimming lessons for children in the harbour towns.",
          "Tide Tables Weekly is a newsletter from the same team, sent every Friday to forty thousand readers.",
          "All pages of this site are written by volunteers and paid for by readers, never by advertisers."]


def test_two_tag_pages_of_one_site_holding_only_its_blurbs_are_no_reuse(stored):
    pages = [dict(record(f"tag-{k}", "Brackwater Pages", "brackwaterpages.example", d, BLURBS), title=f"{k.title()} news, articles and information")
             for d, k in ((3, "ferries"), (4, "swimming"))]
    store, _ = stored(pages)
    # no reuse edge; the same-event rule still joins two identical leads (README: what it gets wrong)
    assert _reuse(store) == []


def test_one_article_stored_twice_under_one_title_still_links(stored):
    first = record("ledger-ferry-a", "Brackwater Ledger", "brackwaterledger.example", 3, BODIES["ferry"])
    again = dict(record("ledger-ferry-b", "Brackwater Ledger", "brackwaterledger.example", 3, BODIES["ferry"]), title=first["title"])
    store, _ = stored([first, again])
    assert {(r.a, r.b) for r in _reuse(store)} == {("ledger-ferry-a", "ledger-ferry-b")}


# What the patterns find, found faster (lower-cased text, substring searches): the same
# answer for every spelling, including the characters that a case-ignoring pattern matches
# with an ASCII letter though they are none (İ, ı, ſ, the Kelvin sign).
NOTICE_SPELLINGS = [
    "Copyright 2031 the Brackwater Ledger.", "COPYRIGHT", "xcopyright 2031", "copyrights reserved", "_copyright",
    "ALL  RIGHTS\nRESERVED by the Ledger.", "all rights reserved", "All rights reſerved", "AİL RIGHTS RESERVED",
    "Fair use, the Ledger said.", "unfair use of the slipway", "faır use", "We republish letters.", "republishes",
    "©2031 Gullhaven Post", "This may be freely reposted.", "May Be Reproduced in the Star", "reproduced in full",
    "with full attribution to the Star", "The ferry runs from seven.", "Source: the Saltmarsh Courier", "H/T the Star",
    "Via the Fenwick Star", "originally published by the Star", "delivered by hand", "Kelvin: \u212a", "",
]


@pytest.mark.parametrize("text", NOTICE_SPELLINGS)
def test_notice_and_credit_literals_found_as_the_patterns_find_them(text):
    assert holds_notice(text) == bool(_NOTICE.search(text))
    for literals in (_NOTICE_LITERALS, _CREDIT_LITERALS):
        pattern = re.compile("|".join(re.escape(w) for w in literals), re.I)
        if pattern.search(text):  # may_hold may say yes where the pattern does not, never the reverse
            assert may_hold(text, literals)
