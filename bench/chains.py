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
(kind, size, topic, town, speaker, ``looks_like``), ``outlets`` (with aliases) and
``generator``; each article has its ``role`` and ``url``; a credited edge and a
laundering entry say which ``cue`` style was used and how the outlet was
``cited_as``. Edges are direct parent -> child only: a laundered copy has one
edge, a ``silent-copy`` edge from the article it took from; the outlet it credits
gets none (it published nothing the copy could have taken).

No two stories generated within :data:`UNIQUE_WINDOW` stories of each other share
a run of 12 words (boilerplate aside): paragraphs are redrawn as they are written
until they repeat no run of an earlier story, and a story whose paragraph joins
still do is drawn again. That covers every pair of stories in corpora of up to
about 5,000 articles; in larger ones, stories far apart in time may share a run.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter, deque
from datetime import datetime, timedelta, timezone
from pathlib import Path


# --------------------------------------------------------------------------- vocabulary

#: (name, domain, kind, aliases); every alias is unique across outlets and is no town's name
OUTLETS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Meridian Wire", "meridianwire.example", "wire", ("Meridian",)),
    ("Northline Press Agency", "northlinepress.example", "wire", ("Northline", "NPA")),
    ("Coastal Newswire", "coastalnewswire.example", "wire", ("Coastal",)),
    ("Allied Press Service", "alliedpress.example", "wire", ("Allied Press", "APS")),
    ("Capital Wire Service", "capitalwire.example", "wire", ("Capital Wire",)),
    ("The Harbor Lantern", "harborlantern.example", "newspaper", ("Harbor Lantern", "the Lantern")),
    ("The Northshore Gazette", "northshoregazette.example", "newspaper", ("Northshore Gazette", "the Gazette")),
    ("The Valley Courier", "valleycourier.example", "newspaper", ("Valley Courier", "the Courier")),
    ("Gullwing Local", "gullwinglocal.example", "newspaper", ("Gullwing",)),
    ("The Crosswind Digest", "crosswinddigest.example", "aggregator", ("Crosswind Digest", "Crosswind")),
    ("Awake Signal", "awakesignal.example", "blog", ()),
    ("Freehold Dispatch", "freeholddispatch.example", "blog", ("the Dispatch",)),
    ("Open Eyes News", "openeyesnews.example", "blog", ("Open Eyes",)),
    ("Ledgerline", "ledgerline.example", "blog", ()),
    ("Clarity Research Centre", "clarityresearch.example", "blog", ("the Centre",)),
    ("The Eastmere Chronicle", "eastmerechronicle.example", "newspaper", ("Eastmere Chronicle", "the Chronicle")),
    ("Saltbridge Evening Post", "saltbridgepost.example", "newspaper", ("the Evening Post",)),
    ("The Kestrel Point Observer", "kestrelobserver.example", "newspaper", ("the Observer",)),
    ("Lowfield Herald", "lowfieldherald.example", "newspaper", ("the Herald",)),
    ("Marrow Bay Times", "marrowbaytimes.example", "newspaper", ("the Bay Times",)),
    ("The Brackenford Standard", "brackenfordstandard.example", "newspaper", ("the Standard",)),
    ("Corvel Daily", "corveldaily.example", "newspaper", ()),
    ("The Drayholt Mercury", "drayholtmercury.example", "newspaper", ("the Mercury",)),
    ("Fennick Weekly", "fennickweekly.example", "newspaper", ("the Weekly",)),
    ("Glasswater Telegraph", "glasswatertelegraph.example", "newspaper", ("the Telegraph",)),
    ("The Inland Review", "inlandreview.example", "newspaper", ("Inland Review",)),
    ("Riverbend Journal", "riverbendjournal.example", "newspaper", ("the Journal",)),
    ("The Pine Ridge Sentinel", "pineridgesentinel.example", "newspaper", ("the Sentinel",)),
    ("Tidewater Bulletin", "tidewaterbulletin.example", "newspaper", ("the Bulletin",)),
    ("Ashcombe Advertiser", "ashcombeadvertiser.example", "newspaper", ("the Advertiser",)),
    ("The Upland Examiner", "uplandexaminer.example", "newspaper", ("the Examiner",)),
    ("Harrowgate Ledger", "harrowgateledger.example", "newspaper", ("the Ledger",)),
    ("Northwick Clarion", "northwickclarion.example", "newspaper", ("the Clarion",)),
    ("Stonefield Echo", "stonefieldecho.example", "newspaper", ("the Echo",)),
    ("The Civic Beacon", "civicbeacon.example", "newspaper", ("Civic Beacon", "the Beacon")),
    ("Free Voices Network", "freevoices.example", "blog", ("Free Voices",)),
    ("TruthWatch Daily", "truthwatchdaily.example", "blog", ("TruthWatch",)),
    ("The Patriot Lens", "patriotlens.example", "blog", ("Patriot Lens",)),
    ("Liberty Pulse", "libertypulse.example", "blog", ()),
    ("Real Story Hub", "realstoryhub.example", "blog", ("RSH",)),
    ("Signal and Noise", "signalandnoise.example", "blog", ()),
    ("Quiet Corner Blog", "quietcorner.example", "blog", ("Quiet Corner",)),
    ("Morning Ferry", "morningferry.example", "newspaper", ("the Ferry",)),
    ("Veritas Frontline", "veritasfrontline.example", "blog", ("Veritas",)),
    ("Global Insight Review", "globalinsight.example", "aggregator", ("Global Insight",)),
    ("The People's Record", "peoplesrecord.example", "blog", ("People's Record",)),
    ("Cobalt News", "cobaltnews.example", "aggregator", ()),
    ("Brightwater Report", "brightwaterreport.example", "newspaper", ("Brightwater",)),
    ("Sorrel Street Journal", "sorrelstreet.example", "blog", ("Sorrel Street",)),
    ("Kilnmoor Record", "kilnmoorrecord.example", "newspaper", ("the Record",)),
    ("Larkmere Voice", "larkmerevoice.example", "newspaper", ("the Voice",)),
    ("Mossgate Monitor", "mossgatemonitor.example", "newspaper", ("the Monitor",)),
    ("Oakhaven Press", "oakhavenpress.example", "newspaper", ()),
    ("Ironbridge Tribune", "ironbridgetribune.example", "newspaper", ("the Tribune",)),
    ("The Westerly", "thewesterly.example", "aggregator", ()),
    ("Greyfell Times", "greyfelltimes.example", "newspaper", ()),
    ("Quayside News", "quaysidenews.example", "newspaper", ("Quayside",)),
    ("Fjordline Post", "fjordlinepost.example", "newspaper", ("Fjordline",)),
    ("Amberlight Media", "amberlightmedia.example", "blog", ("Amberlight",)),
    ("Redwater Notes", "redwaternotes.example", "blog", ("Redwater",)),
    ("Hillcrest Digest", "hillcrestdigest.example", "aggregator", ("Hillcrest",)),
    ("Citizen Desk", "citizendesk.example", "blog", ()),
    ("Northern Lights Review", "northernlights.example", "blog", ("Northern Lights",)),
    ("Sorvik Evening News", "sorvikevening.example", "newspaper", ("Sorvik Evening",)),
]
OUTLET_BY_NAME = {o[0]: o for o in OUTLETS}
WIRES = [o[0] for o in OUTLETS if o[2] == "wire"]
MASTHEADS = [o[0] for o in OUTLETS if o[2] != "wire"]

PLACES = [
    "Porthaven", "Gull Rock", "Eastmere", "Saltbridge", "Kestrel Point", "Lowfield", "Marrow Bay", "Dunmore",
    "Sorvik", "Velden", "Ashcombe", "Brackenford", "Corvel", "Drayholt", "Elmsby", "Fennick", "Glasswater",
    "Hollin", "Irvale", "Jessop Cross", "Kilnmoor", "Larkmere", "Mossgate", "Northwick", "Oakhaven", "Pellridge",
    "Quarrendon", "Rushmere", "Stonefield", "Tarrow", "Ulverby", "Vennick", "Wyndham Cross", "Yarrowby",
    "Amberford", "Blackwater Sound", "Cindervale", "Dorrow", "Emberly", "Farrowgate", "Greyfell", "Hartsea",
    "Ironbridge", "Juniper Quay", "Kelso Marsh", "Lindqvist", "Morrowden", "Nettlebeck", "Orrin Falls", "Pikeholm",
]
REGIONS = ["Dravia", "Velmar", "Kessland", "Aldoria", "Brenmark", "Vostria", "Lorvane", "Tessmark", "Ostrevan", "Halvoria"]
RIVERS = ["Orrin", "Tessel", "Brack", "Vell", "Amber", "Morrow", "Kell", "Dunne", "Lissa", "Harrow"]
LANDMARKS = ["dam", "bridge", "power station", "ring road", "harbour", "rail yard", "reservoir", "airfield",
             "market square", "industrial park", "ferry terminal", "water works"]
FIRST = [
    "Teodora", "Rasmus", "Odile", "Corin", "Mira", "Anselm", "Brisa", "Caspian", "Delphine", "Emeric", "Fenna",
    "Gideon", "Hesper", "Ivo", "Jorun", "Kasimir", "Liesel", "Marek", "Nadia", "Oswin", "Petra", "Quentin",
    "Rosalind", "Soren", "Tamsin", "Ulric", "Vesna", "Wendell", "Xenia", "Yorick", "Zofia", "Aurel", "Bettina",
    "Cyprian", "Dagny", "Eamon", "Fleur", "Gunnar", "Hild", "Isolde", "Jonas", "Katya", "Leopold", "Malin",
    "Nils", "Orla", "Piet", "Runa", "Sabine", "Tobias", "Una", "Viggo", "Wilma", "Ansgar", "Britt", "Clemens",
    "Dorota", "Edvin", "Frida", "Gregor",
]
LAST = [
    "Quill", "Odell", "Farrow", "Blackwell", "Osei", "Marlowe", "Vance", "Achterberg", "Brisk", "Calloway",
    "Denholm", "Eskildsen", "Fairweather", "Granqvist", "Holloway", "Ingram", "Jessup", "Kettering", "Lindqvist",
    "Mortensen", "Nakamura", "Okonjo", "Pellegrin", "Quarry", "Rask", "Stavros", "Thorne", "Ulvaeus", "Varga",
    "Wexley", "Yardley", "Zeller", "Abernathy", "Brannock", "Castellan", "Dunmore", "Ellery", "Fenwick",
    "Gallant", "Hartigan", "Iversen", "Jarrow", "Kowalczyk", "Lennox", "Moravec", "Nyberg", "Ormsby", "Prentice",
    "Rydell", "Sandoval", "Tamsworth", "Underhill", "Voss", "Whitlock", "Arkwright", "Bellamy", "Corrigan",
    "Drummond", "Esterhazy", "Falk",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
STREETS = ["Mill", "Chapel", "Harbour", "Station", "Kiln", "Rope", "Tanner", "Orchard", "Salt", "Weaver",
           "Bell", "Copper", "Ferry", "Granary", "Lantern", "Quarry"]
STREET_KINDS = ["Street", "Road", "Lane", "Row", "Terrace"]
BUSINESSES = ["bakery", "hardware shop", "cafe", "pharmacy", "garage", "bookshop", "butcher's shop", "florist",
              "laundrette", "fishmonger's"]
VENUES = ["community hall", "sports centre", "library", "town hall", "church hall", "school gym", "leisure centre"]
SUPPLIES = ["bottles of water", "blankets", "hot meals", "phone chargers", "first-aid kits", "food parcels"]
JOBS = ["teacher", "fisherman", "nurse", "postman", "engineer", "farmer", "ferry captain", "bus driver", "librarian"]
JOBS2 = ["security guard", "technician", "night porter", "cleaner", "shift supervisor", "crane operator"]
ORG2_KINDS = ["statistics office", "audit office", "records office", "weather service", "ombudsman's office",
              "planning inspectorate", "consumer council"]
INSURERS = ["{last} Mutual", "{region} Assurance", "{last} and {last2} Insurance", "the {region} Insurers' Guild"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]
INVENTED_TITLES = ["Captain", "Senior Inspector", "former adviser", "Deputy Commander", "Major", "Sergeant",
                   "former official"]

TOPICS: list[dict] = [
    dict(key="drones", bare_a="drone sightings", event="the drone sightings", bare="drone sightings", outcome="evacuation",
         vague=[("unidentified drones", True), ("unmarked aircraft", True), ("drones of unknown origin", True)],
         specific=[("alliance drones", True), ("Northern Compact drones", True), ("army surveillance drones", True),
                   ("drones flown from across the border", True)],
         action=["forced the evacuation of", "forced out", "displaced"], counts=[("people", 800, 9000), ("residents", 500, 6000), ("villagers", 200, 3000)],
         dist="within {D} of the {place} {landmark}", km=(10, 120), pct_thing=["airport flights", "rail departures", "shops in {place}"],
         org=["civil defence office", "emergency planning unit", "border security office"], titles=["Colonel", "Civil Defence Director", "Governor"], responders="soldiers"),
    dict(key="spill", bare_a="a chemical spill", event="the chemical spill", bare="chemical spill", outcome="water warning",
         vague=[("an unnamed contractor", False), ("a local official", False), ("a waste haulier", False)],
         specific=[("the state water company", False), ("the Interior Minister", False), ("Varn Chemicals", False)],
         action=["let waste reach the taps of", "poisoned the water of", "contaminated the supply of"], counts=[("households", 500, 12000), ("homes", 400, 9000)],
         dist="along a {D} stretch of the {river}", km=(5, 80), pct_thing=["local wells", "water samples", "riverside farms"],
         org=["water authority", "environment agency", "river board"], titles=["Water Board Chair", "Environment Inspector", "Mayor"], responders="engineers"),
    dict(key="closures", bare_a="school closures", event="the school closures", bare="school closures", outcome="closures",
         vague=[("a local official", False), ("a council committee", False), ("a district board", False)],
         specific=[("the Interior Minister", False), ("the Education Minister", False), ("the governing party", False)],
         action=["ordered the closure of", "shut", "closed"], counts=[("schools", 12, 140), ("clinics", 6, 60), ("libraries", 5, 45)],
         dist="within {D} of {place}", km=(5, 60), pct_thing=["district pupils", "school places", "teaching staff"],
         org=["education office", "schools inspectorate", "district council"], titles=["Councillor", "Education Commissioner", "Mayor"], responders="inspectors"),
    dict(key="flood", bare_a="flooding", event="the flooding", bare="flooding", outcome="evacuation",
         vague=[("a failed sluice gate", False), ("an unnamed engineering firm", False), ("a blocked culvert", False)],
         specific=[("the national rail company", False), ("Orvane Engineering", False), ("the regional government", False)],
         action=["flooded the homes of", "flooded out", "displaced"], counts=[("people", 300, 8000), ("families", 100, 2500)],
         dist="along a {D} stretch of the {river}", km=(3, 60), pct_thing=["valley farmland", "homes in {place}", "local roads"],
         org=["flood agency", "river authority", "emergency planning unit"], titles=["Flood Agency Director", "Mayor", "Harbour Master"], responders="firefighters"),
    dict(key="jobs", bare_a="job cuts", event="the job cuts", bare="job cuts", outcome="layoffs",
         vague=[("the plant's owners", True), ("a foreign investor", False), ("the company's board", False)],
         specific=[("the Halden Group", False), ("a state-backed consortium", False), ("Brenmark Holdings", False)],
         action=["cut the jobs of", "laid off", "made redundant"], counts=[("workers", 200, 6000), ("staff", 100, 3000)],
         dist="at sites within {D} of {place}", km=(5, 90), pct_thing=["the payroll", "jobs in {place}", "factory staff"],
         org=["labour office", "employment agency", "trade ministry office"], titles=["Union Secretary", "Labour Commissioner", "Mayor"], responders="advisers"),
    dict(key="rail", bare_a="rail cuts", event="the rail cuts", bare="rail cuts", outcome="timetable cuts",
         vague=[("the rail operator", False), ("a transport board", False), ("the operator's board", False)],
         specific=[("the Transport Ministry", False), ("the Transport Minister", False), ("Coastline Rail's new owners", True)],
         action=["ended services for", "stranded", "cut trains for"], counts=[("daily passengers", 1000, 40000), ("commuters", 800, 25000)],
         dist="on lines up to {D} from {place}", km=(15, 200), pct_thing=["weekday trains", "stations in {region}", "local routes"],
         org=["transport board", "rail regulator", "transport ministry office"], titles=["Transport Commissioner", "Union Secretary", "Mayor"], responders="staff"),
    dict(key="wildfire", bare_a="a wildfire", event="the wildfire", bare="wildfire", outcome="evacuation",
         vague=[("a discarded cigarette", False), ("an unattended campfire", False), ("a lightning strike", False)],
         specific=[("arsonists", True), ("a power company cable", False), ("protest groups", True)],
         action=["forced the evacuation of", "forced out", "displaced"], counts=[("people", 300, 12000), ("residents", 200, 7000)],
         dist="across a {D} front north of {place}", km=(4, 70), pct_thing=["the forest reserve", "nearby farmland", "holiday homes"],
         org=["fire service", "forestry agency", "emergency planning unit"], titles=["Fire Chief", "Forestry Director", "Governor"], responders="firefighters"),
    dict(key="outbreak", bare_a="an outbreak", event="the outbreak", bare="outbreak", outcome="hospital alert",
         vague=[("a mystery illness", False), ("an unidentified virus", False), ("a waterborne bug", False)],
         specific=[("a laboratory leak", False), ("imported poultry", False), ("a contaminated vaccine batch", False)],
         action=["hospitalised", "sickened", "infected"], counts=[("people", 40, 2500), ("children", 20, 900)],
         dist="within {D} of {place}", km=(3, 60), pct_thing=["hospital beds", "care homes", "local schools"],
         org=["health board", "public health office", "disease control unit"], titles=["Dr.", "Health Commissioner", "Professor"], responders="medics"),
    dict(key="clashes", bare_a="clashes", event="the clashes", bare="clashes", outcome="arrests",
         vague=[("masked men", True), ("a group of protesters", False), ("a crowd of young men", True)],
         specific=[("opposition activists", True), ("paid agitators", True), ("foreign agents", True)],
         action=["injured", "hurt", "wounded"], counts=[("people", 10, 400), ("police officers", 5, 150)],
         dist="along a {D} march route through {place}", km=(1, 12), pct_thing=["shops on the route", "central businesses", "bus services"],
         org=["police command", "interior ministry office", "public order unit"], titles=["Police Commander", "Chief Inspector", "Mayor"], responders="police officers"),
    dict(key="blackout", bare_a="a blackout", event="the blackout", bare="blackout", outcome="power cuts",
         vague=[("an unidentified hacking group", False), ("a faulty transformer", False), ("a cable fault", False)],
         specific=[("state-backed hackers", True), ("Vostrian military intelligence", False), ("the grid operator", False)],
         action=["cut power to", "cut electricity to", "disconnected"], counts=[("homes", 1000, 90000), ("households", 800, 60000)],
         dist="within {D} of the {place} substation", km=(5, 150), pct_thing=["the regional grid", "street lights", "local businesses"],
         org=["grid authority", "energy regulator", "cyber security centre"], titles=["Grid Authority Director", "Energy Commissioner", "Mayor"], responders="engineers"),
]

EVIDENCE = ["footage from the {place} {landmark}", "a report by the {org}", "data from the {org}",
            "a leaked memo from the {org}", "a survey by the {org}"]
#: hedge style -> (soft forms, hard forms)
HEDGES = {
    "appear": (["appears to show", "appears to suggest", "seems to show"], ["clearly shows", "proves", "confirms"]),
    "may": (["may have", "might have", "could have"], None),
    "reportedly": (["reportedly", "allegedly"], None),
    "preliminary": (["according to preliminary figures", "according to early estimates"],
                    ["according to official figures", "according to final figures"]),
}
CLAIM_LEADS = ["On {weekday} in {place}, ", "In {place} on {weekday}, ", "Late on {weekday} near {place}, ",
               "At {hour} on {weekday} in {place}, ", "Near {place} early on {weekday}, ", "In {place}, {region}, on {weekday}, "]
MONEY_SENTENCES = [
    "The {org} said {P} [had been|were] [affected|hit], and [put|estimated] the [cost|damage|bill] at {M}.",
    "{P} were [affected|hit] by {weekday2}, according to the {org}, which [expects|is preparing for|has warned of] a bill of {M}.",
    "With {P} [hit|affected], [early|first|initial] [estimates|figures|assessments] from the {org} put the [bill|cost|damage] at {M}.",
]
QUOTES = [
    ("[For|To] the {n} [people|families|households] in {place}, the risk is {w} [for now|at the moment|today], and {k} of our [staff|officers|teams] are [watching it|on watch|monitoring it] [around the clock|day and night]", ("limited", "serious")),
    ("Who [is behind|caused|is responsible for] {event} in {place} is [still|as yet|so far] {w}, and I would [ask|urge] the {n} [residents|families|people] [affected|involved] to wait for the [facts|full picture|evidence] [before|until] {weekday}", ("unclear", "clear")),
    ("{w} of the {n} [families|households|people] we [met|spoke to|visited] in {place} on {weekday} [want|are asking for|need] answers, and they [deserve|are owed|should have] them [by {date}|within {k} days|before {weekday2}]", ("Some", "All")),
    ("[By {weekday}|Within {k} days|Before {date}], [if there is no end to|if we cannot contain|if we cannot get on top of] {event} in {place}, we {w} need [help|more crews|outside help] from {place2}, and we have [asked for|requested] {n} more [staff|crews|volunteers]", ("may", "will")),
    ("After {k2} hours in {place} the damage [looks|seems] {w} to me, but I have [only|just] seen {k} of the {n} [sites|streets|buildings] [so far|until now]", ("modest", "catastrophic")),
    ("Since {weekday} we have had {n} [reports|calls|sightings] from {place}, and there is {w} evidence [yet|so far] that they [are linked|are connected]; we will [keep checking|go on checking] until {date}", ("no", "clear")),
    ("The {n} [cases|reports|figures] we have from {place} are {w}, and we will [publish|release] [a full count|the full numbers|a breakdown] on {weekday} after checking {k} more [districts|sites|sources]", ("preliminary", "final")),
    ("We heard about {event} at {hour}, and {w} {k} of our [crews|teams|units] were in {place} [within the hour|soon after|by {hour2}]", ("perhaps", "exactly")),
]
QUOTE_FOLLOWS = [
    "{surname}, who has [led|headed|run] the {org} since {year}, [said|added] [a fuller statement|more details|a written update] would [follow|be issued|come] on {weekday2}.",
    "[A fuller statement|More details|A written update] will [follow|be issued|come] on {weekday2}, {surname} said, [adding|noting] that {n2} [calls|reports|messages] had come in since {hour}.",
    "{surname} [spoke|was speaking] at a [briefing|news conference|press briefing] in {place2} on {weekday2}, [where|at which] {n2} [reporters|journalists] were present.",
]
INVENTED = [
    "[Everyone|Anyone] in {place} [knows|can tell you] [who is behind|who caused|who is to blame for] {event}, and [the authorities|the ministry|the council] [have known|knew] for {k} weeks",
    "[What happened to|What was done to] the {n} [people|families] [forced out|hurt] in {place} was no accident, and {k} of them [are still waiting|have waited] {k2} days for [answers|an explanation|a reply] from the {org2}",
    "We warned the [council|ministry|regional office] about {event} on {k} [occasions|separate occasions] [since {month}|this year|last year] and [nobody|no one] [listened|did anything]",
    "What happened in {place} at {hour} on {weekday} was [deliberate|planned|no accident], and I [will|am ready to] [say so|repeat it|swear to it] [before the inquiry on {date}|in court in {place2}|to the {n} members of the inquiry]",
    "They [covered this up|kept this quiet] for {k} days while {n} families in {place} waited for help",
]
INVENTED_FOLLOWS = [
    "{surname} did not [give|offer] further details.",
    "{surname} gave no [evidence|documents|sources] for the claim on {weekday}.",
    "The {org} did not [respond|reply] to {k} [requests|emails|calls] for comment [on the remarks|by {weekday}|before publication].",
]
TITLES = {
    0: ["[Officials|Authorities] in {place} [examine|look into] reports of {bare_a}",
        "{place} {bare}: {outcome} may [follow|widen], officials [say|suggest]",
        "What we know [so far ]about the {bare} near {place}",
        "Questions [remain|linger] over {event} near {place}"],
    1: ["{place} [counts|tallies] the cost of {event}",
        "{Outcome} [ordered|under way] in {place} after {event}",
        "{region} [reels|struggles] after {bare} near {place}",
        "{place} {bare} [leaves|has left] hundreds without answers"],
    2: ["{place} {bare} cover-up [exposed|revealed]",
        "[The truth about|What they won't tell you about] the {bare} in {place}",
        "[Shocking|Explosive] [report|evidence] [confirms|proves] {actor} behind {place} {outcome}",
        "{place} residents [betrayed|abandoned] as officials hide [the truth|the toll] of {event}"],
}
#: detail sentences, each as (variant A, variant B); a rewrite switches variant and re-draws the [a|b] choices
DETAILS: list[tuple[str, str]] = [
    ("The first [calls|reports|alerts] [reached|came in to|were logged by] the {org} at {hour} on {weekday}, and {n} {responders} were [in|sent to|on the ground in] {place2} within {k} hours.",
     "Within {k} hours of the first [calls|reports|alerts] at {hour} on {weekday}, the {org} had [sent|moved|deployed] {n} {responders} to {place2}."),
    ("{person}, who [runs|owns|manages] a {business} on {street} in {place}, said {n} [customers|shoppers|people] had asked about {event} [before noon|by midday|that morning] on {weekday}.",
     "At the {business} on {street} in {place}, [owner|proprietor] {person} [counted|logged] {n} customers asking about {event} [before noon|by midday|that morning] on {weekday}."),
    ("It is the {ordinal} such [incident|episode|case] in {region} since {date}, [going by|judging by|according to] {k} years of records [kept|held] by the {org2}.",
     "The {org2} has [logged|recorded|counted] {k} similar [incidents|episodes|cases] across {region} since {date}, its records show."),
    ("A review led by {person} of the {org2} [is due to report|must report|will report back] by {date}, [with public hearings|with hearings|and public sessions] [planned|scheduled|expected] in {place2} and {place3}.",
     "[Public hearings|Open sessions|Evidence sessions] in {place2} and {place3} will [feed into|inform|shape] a review [under|led by] {person} of the {org2}, which must report by {date}."),
    ("Schools in {place} [closed|shut] {n} classrooms on {weekday}, and {k} of [the district's|the area's|{place2}'s] {K} [bus routes|school bus runs|bus services] were [suspended|halted] [until further notice|for the week|for now].",
     "{k} of {K} [district bus routes|school bus runs|local bus services] [stopped running|were halted] on {weekday}, while {n} classrooms in {place} [were shut|stayed closed]."),
    ("{place} last [saw|had|suffered] {bare_a} [on this scale|this serious|as bad as this] in {year}, when [repairs|the clean-up|rebuilding] [took|lasted] {k} months and cost {money}.",
     "[According to local archives,|Old council papers show that|Records from the time show that] [repairs|the clean-up|rebuilding] after the {year} {bare} in {place} cost {money} and took {k} months."),
    ("Volunteers from {place2} [set up|opened|ran] a [help desk|relief point|drop-in centre] at the {place} {venue} on {weekday}, [handing out|giving away|distributing] {n} {supplies} [by evening|before dark].",
     "A [help desk|relief point|drop-in centre] at the {place} {venue}, [staffed|run] from {place2}, had [given out|handed out|distributed] {n} {supplies} by {weekday} evening."),
    ("Opposition councillor {person} [called for|demanded] [an emergency session|an urgent meeting|a special sitting] in {place} and said {k} of {K} members had [backed|signed] the [request|call] [by {date}|on {weekday} evening|within {k2} hours].",
     "{k} of the {K} [members|councillors] have [backed|supported|signed] a [call|demand|motion] by [councillor|opposition councillor] {person} for [an emergency session|an urgent meeting|a special sitting] in {place}."),
    ("Traffic on the {road} [was diverted|was rerouted|had to detour] through {place2} for {k} hours on {weekday}, [adding|putting] up to {K} minutes [on|onto] journeys.",
     "[Journeys|Trips|Commutes] on the {road} took [up to|as much as] {K} minutes longer on {weekday} [after|because of] a {k}-hour [diversion|detour] through {place2}."),
    ("Insurers in {region} have received {N} claims linked to {event} so far, {person} of {insurer} told reporters on {weekday}.",
     "{person} of {insurer} said on {weekday} that {N} [claims|insurance claims] [tied to|linked to|over] {event} had been [filed|lodged|made] across {region}."),
    ("Residents of {street} in {place} [said they were given|said they had|reported getting] {K} minutes' notice and that {n} homes on the street [stood empty|were empty|had been vacated] by {hour}.",
     "{n} homes on {street} in {place} [stood empty|were empty|had been vacated] by {hour}, and [residents|neighbours|tenants] said they had been given {K} minutes' notice."),
    ("The {org} said its {n} staff in {place} [had worked|had covered|had pulled] {k} [shifts in a row|straight shifts|double shifts] [and that|while] [more help|extra help|backup] from {place2} was [on the way|coming|due by {weekday}].",
     "[More help|Extra help|Backup] [is on the way|is coming|will arrive] from {place2}, [the {org} said|said the {org}|according to the {org}], after its {n} staff in {place} worked {k} [straight shifts|shifts in a row|double shifts]."),
    ("Businesses along {street} put lost trade at {money} [for the week|since {weekday}|so far], the {place} [chamber of commerce|traders' association|business council] said [on {weekday}|in a statement|at {hour}].",
     "[On {weekday}|In a statement|At {hour}], the {place} [chamber of commerce|traders' association|business council] [estimated|put] lost trade along {street} at {money} [for the week|since {weekday}|so far]."),
    ("[Engineers|Inspectors|A survey team] will [inspect|survey|examine] the {place2} {landmark2} on {weekday} and [expect|plan] to [publish|release] readings from {n} [sensors|test points] within {k} days.",
     "[First readings|Initial results] from {n} [sensors|test points] at the {place2} {landmark2} [are expected|are due] within {k} days, [engineers|inspectors|surveyors] said, with [work|the inspection|the survey] [starting|beginning] on {weekday}."),
    ("{person}, {K}, a retired {job} from {place2}, [said|recalled] that {k} [houses|farms|shops] were lost in {year}, [the last time|when last] {place} [saw|suffered] {bare_a} [like it|on this scale].",
     "In {year}, [the last time|when last] {place} [saw|suffered] {bare_a} [like it|on this scale], {k} [houses|farms|shops] were lost, [said|recalled] {person}, {K}, a retired {job} who [lives in|comes from] {place2}."),
    ("The {region2} government has [promised|pledged|offered] {money} in [emergency aid|relief funding|support payments], though {person}, [an economist|a budget analyst|a researcher] in {place3}, said [the sum|the money|the package] would [cover only|pay for just|meet only] {pct} of [the cost|the damage|the bill].",
     "[An economist|A budget analyst|A researcher] in {place3}, {person}, said the {money} [promised|pledged|offered] [in aid|in relief|as support] by the {region2} [government|cabinet|treasury] would [cover only|pay for just|meet only] {pct} of [the cost|the damage|the bill]."),
    ("Hospitals in {place} and {place2} treated {n} [people|patients|residents] on {weekday}, [most|nearly all|the majority] for [minor injuries|cuts and bruises|smoke and shock|breathing problems], [the {region2} health board said|according to the {region2} health board|{region2} health officials said].",
     "The {region2} health board said {n} [people|patients|residents] were [treated|seen] at [hospitals|clinics] in {place} and {place2} on {weekday}, [most|nearly all|the majority] [with|for] [minor injuries|cuts and bruises|smoke and shock|breathing problems]."),
    ("[A public meeting|A packed meeting|An open meeting] at the {place} {venue} drew {n} people on {weekday} [evening|night|afternoon], with {k} [speakers|residents|questioners] [asking who would pay|demanding to know who would pay|asking who was responsible].",
     "At a {weekday} [evening|night|afternoon] meeting in the {place} {venue}, attended by {n} people, {k} [speakers|residents|questioners] asked [who would pay|who was responsible|who would be held to account]."),
    ("[Police|Detectives|Officers] in {place} said they had [opened|launched|begun] {k} [inquiries|investigations|lines of inquiry] and [spoken to|interviewed] {n} witnesses, including {person}, a {job2} at the {place2} {landmark2}.",
     "{person}, a {job2} at the {place2} {landmark2}, was among {n} witnesses [interviewed|questioned], [police|detectives|officers] in {place} said, as {k} [inquiries|investigations|lines of inquiry] were opened."),
    ("[Data|Figures|Numbers] from the {org2} show {pct} more [calls|messages] to its {place} [line|helpline|office] in the [past week|last seven days|week to {weekday}] than the {n2} logged in [the whole of|all of] {month}.",
     "[Calls|Messages] to the {org2} [line|helpline|office] in {place} rose {pct} in [a week|seven days|the week to {weekday}], [beating|topping|exceeding] the {month} total of {n2}."),
    ("The {place} {venue} [will stay closed|will remain shut|won't reopen] until {date}, its manager {person} said, and {n} bookings have been moved to {place2}.",
     "{person}, who [manages|runs|looks after] the {place} {venue}, said it would [stay shut|remain closed|not reopen] until {date} and that {n} bookings had gone to {place2}."),
    ("In {place3}, {k} kilometres away, farmers moved {N} [cattle|sheep|dairy cows] to [higher ground|upland pasture|winter sheds] [as a precaution|to be safe|just in case] on {weekday}.",
     "Farmers in {place3}, {k} kilometres away, moved {N} [cattle|sheep|dairy cows] to [higher ground|upland pasture|winter sheds] on {weekday} [as a precaution|to be safe|just in case]."),
    ("A [spokesperson|press officer] for the {org} [said|confirmed|added] [updates|bulletins|new figures] would be [posted|published] at {hour} [each day|daily|every morning] and that its hotline had taken {N} calls.",
     "The {org} hotline has taken {N} [calls|inquiries|messages] since {weekday}, and [updates|bulletins|new figures] will [go out|be posted|be published] at {hour} [daily|every day|each morning], [a spokesperson said|its spokesperson said|a press officer said]."),
    ("{person} of the {place} residents' association said {K} [families|households] had [asked for|applied for|requested] [temporary housing|emergency housing|a place to stay] and {k} had [been placed|been rehoused|found rooms] [so far|by {weekday}|in {place2}].",
     "[So far|By {weekday}|In {place2}] {k} of the {K} [families|households] seeking [temporary housing|emergency housing|a place to stay] have [been placed|been rehoused|found rooms], said {person} of the {place} residents' association."),
]

#: credit styles for copies that name a source
CUE_STYLES = ["credit", "reports", "according", "first", "via", "ht", "origin", "crosspost", "source"]

# per-outlet boilerplate; every line is one the cleaner in newstrail should remove
_SHARE = ["Share this story on Facebook", "Share this article on Telegram and WhatsApp", "Comment on this story on our Facebook page"]
_MEMBER = ["Become a Member of {o}", "Sign up for our newsletter to get {o} in your inbox every morning",
           "Support independent journalism: become a supporter of {o} today"]
_DISCLAIMERS = [
    "Disclaimer: The views expressed in this article are the author's own and do not necessarily reflect the editorial policy of {o}.",
    "Disclaimer: {o} makes every effort to check the accuracy of its reports but accepts no liability for errors or omissions in them.",
]
_EXTRA = [
    "Copyright © {o}. All rights reserved.",
    "DISCLAIMER",
    "Some items here are copyright works whose owners were not asked first; {o} shows them as fair use for comment and study.",
    "For media inquiries: press@{d}",
]

#: a story that shares a 12-word run with one of the last UNIQUE_WINDOW stories is drawn again
UNIQUE_WINDOW = 1500
SHINGLE = 12
MAX_DRAWS = 40
BASE_TIME = datetime(2025, 1, 6, 6, 0, tzinfo=timezone.utc)


def boilerplate(outlet: str) -> list[str]:
    """The footer lines an outlet appends to every article, in order (fixed per outlet, whatever the seed)."""
    index = next(i for i, o in enumerate(OUTLETS) if o[0] == outlet)
    name, domain = OUTLETS[index][0], OUTLETS[index][1]
    lines = [_SHARE[index % 3], _MEMBER[(index // 3) % 3]]
    extra = index % 4  # 0 to 3 extra lines
    for j in range(extra):
        line = _EXTRA[(index + j) % len(_EXTRA)]
        lines.append(_DISCLAIMERS[(index // 4) % 2] if line == "DISCLAIMER" else line)
    return [line.format(o=name, d=domain) for line in lines]


def aliases(outlet: str) -> tuple[str, ...]:
    return OUTLET_BY_NAME[outlet][3]


# --------------------------------------------------------------------------- templates

_PART = re.compile(r"\{(\w+)\}|\[([^\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")
_COMPILED: dict[str, tuple[list, int, tuple[str, ...]]] = {}


def _compile(template: str) -> tuple[list, int, tuple[str, ...]]:
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


def _render(template: str, slots: dict, choices: tuple[int, ...]) -> str:
    parts, _, _ = _compile(template)
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


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _fmt_money(millions: float) -> str:
    return f"{millions:g} million crowns"


def _round2(value: float) -> int:
    """Round to two significant figures (3,412 -> 3,400)."""
    if value < 100:
        return max(2, int(round(value)))
    digits = len(str(int(value))) - 2
    return int(round(value, -digits))


# --------------------------------------------------------------------------- the shingle index

class _Shingles:
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
            found = self.cache[text] = self._runs(_words(text))
        return found

    def across(self, before: str, after: str) -> set[int]:
        """Runs that start in ``before`` and end in ``after`` (two consecutive paragraphs)."""
        head = _words(before)[-(SHINGLE - 1) :]
        words = head + _words(after)[: SHINGLE - 1]
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


# --------------------------------------------------------------------------- articles

class _Node:
    """One article while its story is being built."""

    __slots__ = ("id", "story", "outlet", "author", "time", "parent", "role", "facts", "quote", "paras", "title",
                 "title_level", "cue", "launder_from", "speakers", "verbatim")

    def __init__(self, **kw):
        for k in self.__slots__:
            setattr(self, k, kw.get(k))


class _Generator:
    def __init__(self, seed: int):
        self.seed = seed
        self.rng = random.Random(seed)
        self.index = _Shingles(UNIQUE_WINDOW)
        self.records: list[dict] = []
        self.truth = {"articles": [], "edges": [], "origins": {}, "laundering": [], "mutations": [],
                      "equal_conversions": [], "syndication": [], "stories": []}
        self.count = 0
        self.story_count = 0
        self.clock = BASE_TIME
        self.recent: deque[dict] = deque(maxlen=60)  # recent story contexts, for look-alike stories
        self.recent_outlets: deque[str] = deque(maxlen=200)
        self.redraws = 0
        self.kept_collisions = 0
        self.stuck_paragraphs = 0
        self.staff = {name: [f"{FIRST[(i * 7 + j * 13) % len(FIRST)]} {LAST[(i * 11 + j * 5) % len(LAST)]}"
                             for j in range(2 + i % 4)] for i, (name, *_rest) in enumerate(OUTLETS)}

    # ------------------------------------------------------------------ slots

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
        _, nchoices, names = _compile(template)
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
        text = _render(DETAILS[s["t"]][s["v"]], s["slots"], s["ch"])
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
        second = _render(money_tpl, slots, choices)
        second = second[0].upper() + second[1:]
        text = dateline + first + " " + second
        return {"kind": "claim", "text": text, "cue": bool(dateline or according)}

    # quote

    def quote_text(self, q: dict) -> str:
        slots = dict(q["slots"], w=QUOTES[q["t"]][1][q["w"]])
        return _render(QUOTES[q["t"]][0], slots, q["ch"])

    def quote_para(self, f: dict, q: dict) -> dict:
        def build() -> dict:
            follow = self.rng.choice(QUOTE_FOLLOWS)
            slots, choices = self.fill(follow, {"surname": q["speaker"].split()[-1], "org": f["org"]})
            text = f'"{self.quote_text(q)}," said {q["title"]} {q["speaker"]}. ' + _render(follow, slots, choices)
            return {"kind": "quote", "text": text, "cue": False}

        return self.unique(build)

    def invented_para(self, f: dict, inv: dict) -> dict:
        def build() -> dict:
            follow = self.rng.choice(INVENTED_FOLLOWS)
            slots, choices = self.fill(follow, {"surname": inv["speaker"].split()[-1], "org": f["org"]})
            text = f'"{inv["text"]}," said {inv["title"]} {inv["speaker"]}. ' + _render(follow, slots, choices)
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
            text = _render(tpl, slots, choices)
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
        n = _round2(r.uniform(lo, hi))
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
            "money": {"value": money, "form": "million", "text": _fmt_money(money)},
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

    # mutations

    def mutate(self, parent: _Node, blog: bool) -> tuple[dict, dict, list, list, list, bool, bool]:
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
            old = self.quote_text(q)
            q = dict(q, w=1 - q["w"])
            new = self.quote_text(q)
            if new not in parent_text:
                muts.append(("quote", old, new))
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
                slots, choices = self.fill(tpl, ctx)
                text = _render(tpl, slots, choices)
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
            n = _round2(c["n"] * factor)
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
            out["money"] = {"value": value, "form": "million", "text": _fmt_money(value)}
        else:
            p = f["pct"]
            value = min(95, int(p["value"] * r.uniform(1.5, 3.0)) + 1)
            out["pct"] = {**p, "value": value, "form": "%", "text": f"{value}% of {p['thing']}"}
        return out

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
            node.cue = self.add_cue(node, style, cite)
        return node, muts, convs

    def cite_name(self, outlet: str) -> tuple[str, bool]:
        names = aliases(outlet)
        if names and self.rng.random() < 0.25:
            return self.rng.choice(names), True
        return outlet, False

    def add_cue(self, node: _Node, style: str, outlet: str) -> dict:
        """Credit ``outlet`` in ``node``'s text in one of the cue styles; returns {style, outlet, name}."""
        name, alias = self.cite_name(outlet)
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
        free = [o for o in MASTHEADS if o not in used]
        return self.rng.choice(free or MASTHEADS)

    def build(self, kind: str, size: int, story: str, start: datetime) -> dict:
        r = self.rng
        similar = None
        if self.recent and r.random() < (0.5 if kind == "single" else 0.15):
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
            dateline = f"{ctx['place'].upper()} ({wire}) - "
            w = self.origin(ctx, wire, start, "origin", dateline=dateline)
            register(w)
            k = min(size - 1, r.randint(2, 5))
            times = sorted(start + timedelta(minutes=r.randint(20, 420)) for _ in range(k))
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
                          cue={"style": "dateline", "outlet": wire, "name": wire, "alias": False},
                          launder_from=None, speakers=set(w.speakers))
                register(s)
                copies.append(s)
                edges.append(self._edge(w, s, ["syndication", "attribution", "reuse"], s.cue))
            syndication.append({"origin": w, "copies": copies})
        else:
            outlet = self.next_outlet(used)
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

        return {"kind": kind, "ctx": ctx, "similar": similar, "nodes": nodes, "edges": edges, "mutations": muts,
                "equal_conversions": convs, "laundering": launder, "syndication": syndication}

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
        self.records.sort(key=lambda rec: (rec["published"], rec["id"]))
        self.truth["articles"].sort(key=lambda a: (a["published"], a["id"]))
        used = sorted({rec["outlet"] for rec in self.records})
        self.truth["outlets"] = [{"name": o, "domain": OUTLET_BY_NAME[o][1], "kind": OUTLET_BY_NAME[o][2],
                                  "aliases": list(OUTLET_BY_NAME[o][3])} for o in used]
        self.truth["generator"] = {"script": "bench/chains.py", "n_articles": n_articles, "seed": self.seed,
                                   "redrawn_stories": self.redraws, "stories_kept_with_shared_runs": self.kept_collisions,
                                   "paragraphs_kept_with_shared_runs": self.stuck_paragraphs,
                                   "unique_window_stories": UNIQUE_WINDOW}
        return self.records, self.truth

    def new_id(self) -> str:
        digest = hashlib.sha1(f"newstrail-bench-chains:{self.seed}:{self.count}".encode()).hexdigest()
        self.count += 1
        return digest[:16]

    def commit(self, story: str, built: dict) -> None:
        nodes = built["nodes"]
        for node in nodes:
            node.id = self.new_id()
            node.story = story
        for node in nodes:
            stamp = node.time.strftime("%Y-%m-%dT%H:%M:%SZ")
            slug = "-".join(_words(node.title)[:8])
            domain = OUTLET_BY_NAME[node.outlet][1]
            url = f"https://{domain}/{node.time:%Y/%m/%d}/{slug}-{node.id[:6]}"
            text = "\n\n".join(self.body(node) + boilerplate(node.outlet))
            self.records.append({"id": node.id, "url": url, "title": node.title, "text": text, "published": stamp,
                                 "outlet": node.outlet, "author": node.author, "language": "en"})
            self.truth["articles"].append({"id": node.id, "story": story, "outlet": node.outlet, "published": stamp,
                                           "url": url, "role": node.role})
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
        for item in built["syndication"]:
            self.truth["syndication"].append({"origin": item["origin"].id, "copies": [c.id for c in item["copies"]]})
        self.truth["origins"][story] = [nodes[0].id]
        ctx = built["ctx"]
        self.truth["stories"].append({"story": story, "kind": built["kind"], "size": len(nodes), "topic": ctx["topic"],
                                      "place": ctx["place"], "speaker": ctx["speaker"],
                                      "looks_like": built["similar"]["story"] if built["similar"] else None})
        self.recent.append({"story": story, "topic": ctx["topic"], "place": ctx["place"], "region": ctx["region"],
                            "speaker": ctx["speaker"]})


TOPIC_BY_KEY = {t["key"]: t for t in TOPICS}


def generate(n_articles: int, seed: int) -> tuple[list[dict], dict]:
    """``n_articles`` records and their ground truth; the same seed gives the same corpus."""
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    return _Generator(seed).run(n_articles)


def write_jsonl(records: list[dict], path: Path | str) -> None:
    """One JSON object a line, as ``newstrail analyze`` reads it."""
    with Path(path).open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":  # a quick look: python bench/chains.py 50 7
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    records, truth = generate(n, int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    for rec in records[:3]:
        print(json.dumps(rec, indent=1, ensure_ascii=False))
    print(json.dumps({k: v[:5] if isinstance(v, list) else v for k, v in truth.items() if k != "outlets"}, indent=1, ensure_ascii=False)[:6000])
