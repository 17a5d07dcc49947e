"""The pages of the cleaning page set, as blocks (see ``make_pages.py``): English sets.

Everything here is fictional and written by the team.
"""

from __future__ import annotations

from page_specs_world import WORLD

SHARE = ("x", '<div class="share"><p>Share this story on Facebook</p></div>')
SHARE_BAR = ("x", '<ul class="share-links"><li><a href="https://facebook.example/s">Facebook</a></li><li><a href="https://twitter.example/s">Twitter</a></li><li><a href="mailto:?">Email</a></li></ul>')
NEWSLETTER = ("x", '<div class="promo"><p>Sign up for our free morning newsletter</p></div>')
ADVERT = ("x", '<div class="ad"><p>Advertisement</p></div>')


def byline(name: str) -> tuple:
    return ("x", f'<p class="byline">By {name}</p>')


def dateline(site: str, date: str) -> tuple:
    return ("x", f'<p class="dateline"><time>{site}, {date}</time></p>')


TABLES = [
    {
        "set": "tables", "name": "budget_table", "layout": "newsroom", "lang": "en", "site": "The Harbor Lantern",
        "title": "Porthaven budget moves money from roads to the harbor",
        "body": [
            byline("Dana Reyes"),
            dateline("The Harbor Lantern", "March 6, 2025"),
            ("p", "The Porthaven council approved next year's budget on Wednesday night, shifting 4 million crowns from road repairs to the harbor after a winter of storm damage on the quays."),
            ("p", "Councillor Mira Osei, who drafted the harbor plan, said the roads could wait a year but the north quay could not. Two members voted against the plan, arguing that the coastal road is already unsafe in places."),
            ("table", [["Department", "2024 (m crowns)", "2025 (m crowns)", "Change"], ["Harbor", "11.2", "15.4", "+4.2"], ["Roads", "9.8", "5.9", "-3.9"], ["Schools", "21.0", "21.6", "+0.6"], ["Parks", "2.4", "2.1", "-0.3"], ["Libraries", "1.9", "1.9", "0.0"]], "Budget by department"),
            ("p", "The harbor money will pay for new fenders on the north quay, a survey of the breakwater and two more staff at the harbor office."),
            ADVERT,
            ("p", "The budget still needs the regional board's approval, which is expected in April."),
            SHARE,
        ],
    },
    {
        "set": "tables", "name": "league_standings", "layout": "portal", "lang": "en", "site": "Coastline Sport",
        "title": "Gulls top the coastal league after ninth straight win",
        "body": [
            ("p", "The Porthaven Gulls beat the Brindle Rovers 2-1 on Saturday to stay top of the Coastal League, with a late header from Tomas Vey deciding a match the Rovers had controlled for an hour."),
            ("p", "Behind them, Saltmarsh Athletic drew again and slipped to third, while the Fenwick Mariners climbed off the bottom for the first time since October."),
            ("h2", "Standings after week nine"),
            ("table", [["Pos", "Team", "P", "W", "D", "L", "Pts"], ["1", "Porthaven Gulls", "9", "9", "0", "0", "27"], ["2", "Brindle Rovers", "9", "6", "1", "2", "19"], ["3", "Saltmarsh Athletic", "9", "5", "3", "1", "18"], ["4", "Eastwick Town", "9", "5", "1", "3", "16"], ["5", "Kelder United", "9", "4", "2", "3", "14"], ["6", "North Basin FC", "9", "3", "3", "3", "12"], ["7", "Greyhaven City", "9", "3", "1", "5", "10"], ["8", "Tollmoor Wanderers", "9", "2", "2", "5", "8"], ["9", "Fenwick Mariners", "9", "1", "3", "5", "6"], ["10", "Dunmere Rangers", "9", "1", "2", "6", "5"]]),
            ("p", "The Gulls travel to Eastwick next Sunday; the Rovers host Kelder United on Saturday afternoon."),
        ],
    },
    {
        "set": "tables", "name": "stock_quotes", "layout": "newsroom", "lang": "en", "site": "The Tidewater Ledger",
        "title": "Shipping shares slide as fuel costs climb",
        "body": [
            byline("Omar Haddad"),
            ("p", "Shares of coastal shipping companies fell on Thursday after the fuel agency raised its forecast for marine diesel prices for the second time this quarter."),
            ("p", "Porthaven Shipping lost the most, closing down more than six percent, while the ferry operator Strait Lines held up better thanks to its new electric vessels."),
            ("table", [["Company", "Close", "Change", "Volume"], ["Porthaven Shipping", "41.20", "-6.3%", "1,204,000"], ["Strait Lines", "18.75", "-1.1%", "455,300"], ["Kelder Freight", "7.62", "-4.8%", "890,120"], ["Bay Tankers", "55.10", "-3.2%", "312,900"]]),
            ("p", "Analysts at Greyhaven Capital said the fall was overdone and that most operators had bought fuel ahead at lower prices."),
            ("x", '<p class="disclaimer">Disclaimer: this article is not investment advice and the Ledger takes no responsibility for decisions made on it.</p>'),
        ],
    },
    {
        "set": "tables", "name": "election_results", "layout": "blog", "lang": "en", "site": "Northgate Notes",
        "title": "How Northgate voted: the ward results",
        "body": [
            ("p", "Turnout in the Northgate council election reached 58 percent, the highest in twenty years, with the harbor wards voting in larger numbers than the hill wards for the first time."),
            ("table", [["Ward", "Winner", "Party", "Share"], ["Quayside", "Ilse Varga", "Harbor First", "51%"], ["Hillcrest", "Peter Lund", "Civic Union", "44%"], ["Old Town", "Amira Saleh", "Harbor First", "39%"], ["Millfield", "Jon Aske", "Greens", "47%"]]),
            ("p", "Harbor First now holds a majority of one seat on the council."),
            ("p", "The count in Old Town was repeated on Sunday after a ballot box was found unsealed, but the result did not change."),
            SHARE_BAR,
            ("x", '<p class="related">Read more: Who is running in Northgate</p>'),
        ],
    },
    {
        "set": "tables", "name": "tide_times", "layout": "plain", "lang": "en", "site": "Fenwick Harbour Users",
        "title": "Spring tides expected this weekend",
        "body": [
            ("p", "The harbour office warns of unusually high spring tides on Saturday and Sunday. Owners of boats on the outer pontoons should check their lines and fenders before Friday evening."),
            ("table", [["Day", "High water", "Height", "Low water"], ["Friday", "06:12", "5.1 m", "12:30"], ["Saturday", "06:58", "5.6 m", "13:15"], ["Sunday", "07:41", "5.8 m", "13:59"], ["Monday", "08:20", "5.4 m", "14:40"]]),
            ("p", "The slipway will be closed for two hours around each high water."),
            ("x", '<p>Contact us: office@fenwickharbour.example</p>'),
        ],
    },
]

LIVE = [
    {
        "set": "liveblog", "name": "storm_live", "layout": "liveblog", "lang": "en", "site": "The Harbor Lantern",
        "title": "Storm Edda reaches the coast",
        "body": [
            ("p", "Storm Edda made landfall south of Porthaven on Tuesday evening with gusts of up to 130 km/h. Follow our updates below."),
            ("entry", "21:40", "Ferries stay in port", ("p", "Strait Lines has cancelled every crossing until Wednesday noon. The company said passengers with tickets can travel on any later sailing this week.")),
            ("entry", "21:15", "Mayor asks residents to stay home", ("p", "Mayor Ines Kowal asked people in the low streets near the harbor to stay indoors and keep away from the sea wall."), ("tweet", "Please stay home tonight. Crews are out and the sea wall is closed. Check on your neighbours if you can.", "Ines Kowal", "mayorkowal", "March 11, 2025")),
            ("entry", "20:50", "Power cut in Old Town", ("p", "About 3,000 homes lost power in Old Town after a line came down on Cooper Street, the grid operator said.")),
            SHARE,
        ],
    },
    {
        "set": "liveblog", "name": "match_live", "layout": "liveblog", "lang": "en", "site": "Coastline Sport",
        "title": "Gulls v Rovers: as it happened",
        "body": [
            ("entry", "Full time", "Gulls win 2-1", ("p", "That is it. Vey's header in the 88th minute keeps the Gulls perfect this season."), ("tweet", "What a finish at the north ground. Nine from nine for the Gulls!", "Coastline Sport", "coastlinesport", "March 8, 2025")),
            ("entry", "88 min", "GOAL", ("p", "Tomas Vey rises above two defenders and heads in a corner from Lena Borg.")),
            ("entry", "61 min", "Rovers level", ("p", "A low shot from Aron Pike beats the keeper at the near post. The away end goes wild."), ("tweet", "Pike again. That is his seventh of the season and the Rovers deserve it.", "Rovers Fans United", "roversunited", "March 8, 2025")),
            ("entry", "12 min", "Early lead", ("p", "Borg curls a free kick into the top corner to give the Gulls the lead.")),
        ],
    },
    {
        "set": "liveblog", "name": "council_tweets", "layout": "newsroom", "lang": "en", "site": "Northgate Notes",
        "title": "Council meeting ends in walkout",
        "body": [
            byline("Ilse Varga"),
            ("p", "Four councillors walked out of Thursday's meeting after the chair refused to put the bridge motion to a vote."),
            ("p", "Several of them posted about it within minutes."),
            ("tweet", "We were elected to vote on the bridge. Tonight the chair would not let us. So we left.", "Peter Lund", "peterlund", "May 2, 2025"),
            ("tweet", "I stayed because somebody has to pass the school budget. The bridge vote will come in June.", "Amira Saleh", "amirasaleh", "May 2, 2025"),
            ("p", "The chair, Jon Aske, said the motion had arrived too late to be added to the agenda and would be heard at the June meeting."),
            NEWSLETTER,
        ],
    },
    {
        "set": "liveblog", "name": "election_night", "layout": "liveblog", "lang": "en", "site": "The Tidewater Ledger",
        "title": "Election night in Kelder",
        "body": [
            ("p", "Counting is under way in all six wards of Kelder. The first results are expected around midnight."),
            ("entry", "00:20", "First result: Quayside", ("p", "Harbor First holds Quayside with a reduced majority."), ("tweet", "Thank you Quayside. A narrower win than last time, and we heard why.", "Lars Brekke", "larsbrekke", "June 14, 2025")),
            ("entry", "23:45", "Turnout up", ("p", "Officials say turnout looks higher than four years ago, above 60 percent in two wards.")),
            ("entry", "23:10", "Recount requested in Millfield", ("p", "The Greens have asked for a recount in Millfield, where the margin is under twenty votes.")),
        ],
    },
]

SUBHEADINGS = [
    {
        "set": "subheadings", "name": "longform_breakwater", "layout": "newsroom", "lang": "en", "site": "The Harbor Lantern",
        "title": "Inside the fight over the breakwater",
        "body": [
            ("x", '<p class="kicker">Harbor</p>'),
            byline("Dana Reyes"),
            ("p", "For thirty years the breakwater at Porthaven has kept the worst of the winter sea out of the harbor. Now engineers say it is sinking, and nobody agrees who should pay."),
            ("h2", "A wall that moves"),
            ("p", "Surveys since 2019 show the outer end of the wall has dropped by 40 centimetres. The harbor authority blames the weight of new rock added in 2016; the contractor blames the seabed."),
            ("h2", "Who pays"),
            ("p", "The region owns the wall but the harbor authority maintains it. Both say the other should fund a repair estimated at 60 million crowns."),
            ("h3", "The fishermen's view"),
            ("p", "Crews who moor inside the wall say they have no time for the argument. Last winter three boats broke their moorings in a single night."),
            ("h2", "What happens next"),
            ("p", "A mediator appointed by the regional board will report in September. Until then, the authority has closed the outer end of the wall to walkers."),
            ("x", '<p class="tags">Topics: Harbor, Breakwater, Porthaven</p>'),
        ],
    },
    {
        "set": "subheadings", "name": "explainer_faq", "layout": "blog", "lang": "en", "site": "Northgate Notes",
        "title": "The ferry fare rise explained",
        "body": [
            ("p", "Ferry fares across the strait rise by 12 percent on 1 April. Here is what changes for passengers."),
            ("h3", "Who is affected?"),
            ("p", "Everyone who buys a single or return ticket. Season tickets bought before April keep their old price until they expire."),
            ("h3", "Why now?"),
            ("p", "Strait Lines says fuel and crew costs rose faster than it expected last year and the regional subsidy stayed flat."),
            ("h3", "Are there discounts"),
            ("p", "Students and people over 65 keep a 30 percent discount. A new family ticket covers two adults and up to three children."),
            ("h3", "Can I complain?"),
            ("p", "Yes. The regional transport board takes comments until the end of March on its website."),
            ("x", '<p>Photo credit: Northgate Notes</p>'),
        ],
    },
    {
        "set": "subheadings", "name": "footnotes_report", "layout": "plain", "lang": "en", "site": "Fenwick Civic Review",
        "title": "What the water report says",
        "body": [
            ("p", "The annual water report for Fenwick found nitrate levels <u>below the legal limit</u> at every station for the first time since 2015.<sup>1</sup>"),
            ("h2", "Nitrates"),
            ("p", "The average at the river intake fell to 31 milligrams per litre, from 44 a year earlier.<sup>2</sup> The report credits <strong>new buffer strips</strong> along the farms upstream."),
            ("h2", "Lead pipes"),
            ("p", "About 900 homes still have lead service pipes. The utility plans to replace 300 a year, starting in the <em>oldest streets</em> of the lower town."),
            ("h2", "Notes"),
            ("ol", ["Measured at all twelve sampling stations.", "Yearly average of monthly samples at the intake."]),
        ],
    },
    {
        "set": "subheadings", "name": "guide_lists", "layout": "blog", "lang": "en", "site": "Saltway Outdoors",
        "title": "Five walks along the Saltway coast",
        "body": [
            ("p", "The Saltway coast path runs for 80 kilometres between Fenwick and Kelder. These five sections make good day walks in spring."),
            ("h2", "The cliff section"),
            ("p", "Starting at Fenwick lighthouse, the path climbs to the highest point of the coast. Allow four hours."),
            ("ul", ["Distance: 12 km", "Parking at the lighthouse", "Steep steps near the end"]),
            ("h2", "The dune section"),
            ("p", "Flat and sandy, this stretch is good for families. Birdwatchers come for the terns in May."),
            ("ul", ["Distance: 8 km", "Café at the halfway point"]),
            ("h2", "The harbor section"),
            ("p", "From Porthaven to Kelder the path follows the old tow road past three working harbors."),
            ("x", '<p>Related: Ten beaches for a quiet day</p>'),
        ],
    },
    {
        "set": "subheadings", "name": "interview_qa", "layout": "portal", "lang": "en", "site": "Kelder Evening Post",
        "title": "The harbor master on her first year",
        "body": [
            ("p", "Nadia Holm became Kelder's first woman harbor master a year ago. We asked her about storms, budgets and the new ferry berth."),
            ("h3", "The storms"),
            ("p", "<strong>What was the hardest night?</strong> The January storm. We had boats dragging anchors at two in the morning and only four people on duty."),
            ("h3", "The money"),
            ("p", "<strong>Is the harbor short of money?</strong> Every harbor is. We spend most of our budget on dredging, which nobody sees."),
            ("h3", "The berth"),
            ("p", "<strong>When will the ferry berth open?</strong> If the steel arrives in time, in October. I would not bet my boat on it."),
        ],
    },
]

NEWS = [
    {
        "set": "news", "name": "pier_closure", "layout": "newsroom", "lang": "en", "site": "The Harbor Lantern",
        "title": "Pier 9 closes after inspection",
        "body": [
            byline("Dana Reyes"),
            dateline("The Harbor Lantern", "March 6, 2025"),
            ("p", "The Porthaven harbor council voted 7 to 2 on Monday to close Pier 9 after an inspection found that 40 of its oak pilings had rotted through."),
            ("p", "\u201cWe cannot wait for a collapse to act,\u201d said councillor Mira Osei, who chairs the harbor committee. Repairs are expected to take 18 months."),
            NEWSLETTER,
            ("p", "Fishing crews who moored at the pier will move to the north basin, the council said in a statement."),
            ("x", '<p class="copyright">Copyright © 2025 The Harbor Lantern. All rights reserved.</p>'),
        ],
    },
    {
        "set": "news", "name": "school_closure", "layout": "blog", "lang": "en", "site": "Millfield Voice",
        "title": "Millfield primary to close in July",
        "body": [
            byline("Jon Aske"),
            ("p", "Millfield Primary will close at the end of the school year, the education board decided on Tuesday, after pupil numbers fell below 60."),
            ("p", "Parents had collected 1,400 signatures against the closure. The board said it would pay for a bus to the school in Hillcrest."),
            ("p", "The building will be offered to the village for community use."),
            SHARE_BAR,
            ("x", '<p>Become a member of the Millfield Voice</p>'),
        ],
    },
    {
        "set": "news", "name": "bridge_delay", "layout": "portal", "lang": "en", "site": "Kelder Evening Post",
        "title": "Bridge works delayed again",
        "body": [
            dateline("Kelder Evening Post", "4 April 2025"),
            ("p", "Work on the new Kelder bridge has been delayed until autumn because the steel supplier has not delivered the main girders, the roads agency said."),
            ("p", "The old bridge will stay open to cars but not to lorries over 12 tonnes."),
            ("p", "Traders on the north bank say the detour adds forty minutes to each delivery."),
            ("x", '<p class="related">Read also: The bridge that took ten years</p>'),
        ],
    },
    {
        "set": "news", "name": "museum_opening", "layout": "plain", "lang": "en", "site": "Greyhaven Weekly",
        "title": "Maritime museum reopens",
        "body": [
            ("p", "The Greyhaven Maritime Museum reopened on Saturday after two years of building work, with a new hall for its collection of fishing boats."),
            ("p", "Entry is free for residents until the end of May."),
            ("p", "The museum's director, Ada Finch, said the new hall doubles the space open to visitors."),
            ("x", '<p>Follow us on Facebook and Twitter</p>'),
        ],
    },
    {
        "set": "news", "name": "strike_vote", "layout": "newsroom", "lang": "en", "site": "The Tidewater Ledger",
        "title": "Dock workers vote to strike",
        "body": [
            byline("Omar Haddad and Lena Borg"),
            ("p", "Dock workers at Kelder voted by 82 percent to strike over a new shift system, their union said on Friday."),
            ("p", "The port company said it was disappointed and remained open to talks. No date for the strike has been set."),
            ADVERT,
            ("p", "A strike would be the first at the port since 2009."),
            ("x", '<p class="tags">Tags: Kelder, port, strike</p>'),
        ],
    },
]

HARD = [
    {
        # a table first, its header row short words without figures; company names linked
        "set": "tables", "name": "results_first", "layout": "portal", "lang": "en", "site": "Coastline Sport",
        "title": "Saturday's results",
        "body": [
            ("raw_table", [["Home", "Away", "Score"], ['<a href="/t/gulls">Porthaven Gulls</a>', '<a href="/t/rovers">Brindle Rovers</a>', "2-1"], ['<a href="/t/kelder">Kelder United</a>', '<a href="/t/north">North Basin FC</a>', "0-0"], ['<a href="/t/grey">Greyhaven City</a>', '<a href="/t/toll">Tollmoor Wanderers</a>', "3-2"]]),
            ("p", "Greyhaven came from two goals down to beat Tollmoor, with all three of their goals in the last twenty minutes."),
            ("p", "Kelder and North Basin played out a goalless draw in heavy rain that left the pitch barely playable by half time."),
        ],
    },
    {
        # breadcrumbs and an update line inside the article body; a dek under the headline
        "set": "news", "name": "ferry_update", "layout": "newsroom", "lang": "en", "site": "The Harbor Lantern",
        "title": "Ferry crossings resume after storm",
        "body": [
            ("x", '<p class="crumbs"><a href="/">Home</a> | <a href="/harbor">Harbor</a> | <a href="/harbor/ferries">Ferries</a></p>'),
            ("x", '<p class="updated">Updated March 12, 2025</p>'),
            ("p", "Strait Lines restarted its crossings on Wednesday afternoon after Storm Edda had kept every ferry in port for almost a day."),
            ("p", "The first sailing left Porthaven at 14:10 with about 200 passengers, many of them stranded since Tuesday."),
            ("p", "The company said tickets for cancelled crossings are valid on any sailing until Sunday."),
            ("x", '<p class="related">Read more: Storm Edda reaches the coast</p>'),
            ("x", '<p>Share this article</p>'),
        ],
    },
    {
        # a liveblog whose newest entry opens with a subheading straight under the headline
        "set": "liveblog", "name": "vote_count", "layout": "liveblog", "lang": "en", "site": "Northgate Notes",
        "title": "Northgate count: updates",
        "body": [
            ("h2", "Latest"),
            ("p", "The last ward has declared and Harbor First keeps its majority of one seat."),
            ("entry", "02:05", "Old Town recount confirmed", ("p", "Officials confirm a recount in Old Town after a ballot box was found unsealed.")),
            ("entry", "01:30", "Hillcrest goes to Civic Union", ("p", "Peter Lund wins Hillcrest with 44 percent, a gain for Civic Union."), ("tweet", "Thank you Hillcrest. Now the real work on the bridge begins.", "Peter Lund", "peterlund", "May 3, 2025")),
        ],
    },
    {
        # photo caption and credit inside the body; a pull quote
        "set": "subheadings", "name": "feature_caption", "layout": "blog", "lang": "en", "site": "Saltway Outdoors",
        "title": "The last ropemaker of Fenwick",
        "body": [
            ("p", "In a long shed behind the harbor, Ada Finch still twists rope the way her grandfather did, walking backwards along a 200-metre floor."),
            ("x", '<p class="credit">Photo: Saltway Outdoors</p>'),
            ("h2", "A craft that nearly vanished"),
            ("p", "When the last commercial ropewalk closed in 1979, Finch bought its tools at auction. For twenty years she made rope only for museums."),
            ("quote", "Every boat that comes back to wooden masts wants real rope, and there is nobody else left to make it."),
            ("h2", "New orders"),
            ("p", "Now restored sailing ships order from her. She has two apprentices and a waiting list that runs into next year."),
            NEWSLETTER,
        ],
    },
    {
        # Russian: a dateline and a byline in Cyrillic, a short subheading in the middle
        "set": "world", "name": "ru_ferry", "layout": "blog", "lang": "ru", "site": "Вестник пролива",
        "title": "Паромы снова ходят",
        "body": [
            ("p", "Паромная компания «Стрейт Лайнс» возобновила рейсы в среду днём, после того как шторм почти сутки держал суда в порту."),
            ("h3", "Билеты"),
            ("p", "Билеты на отменённые рейсы действительны до воскресенья на любой рейс."),
            ("p", "Почему рейсы не возобновили раньше? В компании объяснили, что ждали осмотра причалов."),
        ],
    },
]

MORE = [
    {
        # a blog's "Related posts" box inside the post body: a heading and a list of links
        "set": "news", "name": "blog_related", "layout": "blog", "lang": "en", "site": "Millfield Voice",
        "title": "Village hall gets a new roof",
        "body": [
            ("p", "The Millfield village hall will get a new roof this summer after the parish won a grant of 80,000 crowns from the regional heritage fund."),
            ("p", "The old slate roof has leaked since the storms two winters ago, and the upper room has been closed to groups since January."),
            ("p", "Work starts in June and should take ten weeks. The playgroup will move to the school hall while the builders are in."),
            ("x", '<h3>Related posts</h3>'),
            ("x", '<ul class="related-posts"><li><a href="/a">Millfield primary to close in July</a></li><li><a href="/b">Parish council elects a new chair</a></li><li><a href="/c">Summer fair dates announced</a></li></ul>'),
        ],
    },
    {
        # a timeline: dates as subheadings between paragraphs are article text, not datelines
        "set": "subheadings", "name": "timeline", "layout": "newsroom", "lang": "en", "site": "The Harbor Lantern",
        "title": "How the pier closure unfolded",
        "body": [
            dateline("The Harbor Lantern", "March 14, 2025"),
            ("p", "Pier 9 has been closed for a week. Here is how the decision came about."),
            ("h3", "February 20, 2025"),
            ("p", "Divers from the harbor office report soft timber on the north side of the pier."),
            ("h3", "March 3, 2025"),
            ("p", "An outside engineer inspects all 120 pilings and finds 40 rotted through."),
            ("h3", "March 6, 2025"),
            ("p", "The council votes 7 to 2 to close the pier until it is repaired."),
        ],
    },
]

PAGES = TABLES + LIVE + SUBHEADINGS + NEWS + WORLD + HARD + MORE
