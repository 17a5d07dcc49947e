"""The vocabulary of the chains generator: invented outlets, places, people, topics,
sentence templates, credit cues and per-outlet boilerplate."""

from __future__ import annotations

from datetime import datetime, timezone

from newstrail.eval.chains.sites import EXTRA_OUTLETS


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
#: every outlet, the harder corpus's extra ones last (so the easy corpus's indices do not move)
ALL_OUTLETS = OUTLETS + EXTRA_OUTLETS
OUTLET_BY_NAME = {o[0]: o for o in ALL_OUTLETS}
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
    index = next(i for i, o in enumerate(ALL_OUTLETS) if o[0] == outlet)
    name, domain = ALL_OUTLETS[index][0], ALL_OUTLETS[index][1]
    lines = [_SHARE[index % 3], _MEMBER[(index // 3) % 3]]
    extra = index % 4  # 0 to 3 extra lines
    for j in range(extra):
        line = _EXTRA[(index + j) % len(_EXTRA)]
        lines.append(_DISCLAIMERS[(index // 4) % 2] if line == "DISCLAIMER" else line)
    return [line.format(o=name, d=domain) for line in lines]


def aliases(outlet: str) -> tuple[str, ...]:
    return OUTLET_BY_NAME[outlet][3]
