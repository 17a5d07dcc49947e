"""Word lists the rhetoric features look words up in (written by the team).

Each list names a cue a reader of propaganda learns to notice: emotionally loaded
words, labels thrown at people, intensifiers and absolutes that exaggerate, fear
words, flag-waving, appeals to authority and to the crowd, cues of doubt, causal
shortcuts, black-and-white framings and thought-stopping phrases. They are features
for the learned model (it weighs them), not verdicts on their own; the one exception
is :data:`LOADED`, whose words the rule layer also marks with a low score.

>>> "slaughter" in LOADED and "allegedly" in DOUBT
True
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: emotionally charged words (loaded language)
LOADED = _words(
    """slaughter slaughtered massacre massacred butcher butchered atrocity atrocities horrific horrifying
    horrendous monstrous evil wicked vile disgusting disgraceful shameful shameless outrageous outrage
    scandal scandalous sinister nefarious diabolical demonic barbaric barbarian brutal brutally savage
    savagery bloodthirsty ruthless heinous despicable appalling shocking chilling terrifying devastating
    catastrophic disastrous disaster dystopia tyranny tyrannical tyrant regime cabal puppet puppets
    propaganda brainwashed brainwash indoctrination lies lie lying liar liars hoax sham farce fraud
    fraudulent corrupt corruption crooked rigged treason traitor traitors treasonous betrayal betrayed
    coward cowardly cowards thug thugs criminal criminals gangster mafia mob radical radicals extremist
    extremists fanatic fanatics zealot zealots lunatic lunatics insane crazy deranged hysterical hysteria
    pathetic ridiculous absurd idiotic idiot idiots stupid moron morons clown clowns fool fools foolish
    hateful hate hatred bigot bigots bigoted racist racists sexist fascist fascists nazi nazis communist
    communists marxist marxists globalist globalists elite elites establishment deep-state swamp
    invasion invaders invade infest infested flood flooding horde hordes plague scourge menace threat
    destroy destroyed destroying destruction annihilate annihilation obliterate wipe crush crushed
    assault attack attacks war warmonger warmongers warmongering aggression aggressor genocide
    terror terrorism terrorist terrorists jihadist jihadists militant militants bombardment carnage
    bloodbath bloodshed killing killings murder murdered murderer murderous victims victim suffering
    agony tragic tragedy cruel cruelty sick twisted toxic poison poisonous venom filthy dirty rotten
    incompetent incompetence complicity complicit collusion conspiracy conspire plot plotting scheme
    sabotage subversion subversive illegal illegals alien aliens unhinged meltdown fury furious rage
    slam slams slammed blast blasts blasted rip rips ripped smear smears witch-hunt witchhunt
    persecution persecuted oppression oppressive oppressed enslave enslaved slavery doom doomed
    apocalypse apocalyptic nightmare hell hellish damned damn stunning bombshell explosive""".lower()
)

#: words of LOADED that news reports also use plainly ("the attack", "militants"): features
#: only, never marked by the rule layer on their own
REPORTING = _words(
    """attack attacks assault war aggression terror terrorism terrorist terrorists jihadist jihadists
    militant militants bombardment killing killings murder murdered victims victim suffering threat
    crisis disaster tragic tragedy criminal criminals radical radicals regime illegal alien aliens
    destroy destroyed destroying destruction lie lies flood flooding invasion invade establishment
    corruption corrupt fraud elite elites mob propaganda invaders shocking stunning scandal outrage
    crushed crush slam slams blast blasts rip ripped hell damn fury rage war-torn conspiracy plot scheme
    hate hatred"""
)

#: the words the rule layer marks as loaded language wherever they stand
RULE_LOADED = LOADED - REPORTING

#: labels thrown at people or groups (name calling)
LABELS = _words(
    """thug thugs idiot idiots moron morons clown clowns traitor traitors coward cowards liar liars
    extremist extremists radical radicals fanatic fanatics zealot zealots lunatic lunatics bigot bigots
    racist racists fascist fascists nazi nazis communist communists marxist marxists socialist socialists
    globalist globalists elite elites leftist leftists liberals liberal progressives snowflake snowflakes
    jihadist jihadists terrorist terrorists militant militants puppet puppets stooge stooges crony cronies
    mob mafia cabal regime tyrant dictator despot warmonger warmongers shill shills hack hacks demagogue
    propagandist propagandists apologist apologists hypocrite hypocrites criminal criminals gangsters
    rino rinos neocon neocons alt-right antifa invaders illegals""".lower()
)

#: intensifiers, superlatives and absolutes (exaggeration, minimisation)
INTENSIFIERS = _words(
    """very extremely incredibly utterly totally completely absolutely entirely truly really deeply
    highly hugely massively enormously vastly tremendously unbelievably insanely ever never always
    all every everyone everybody everything nobody nothing none no-one whatsoever only merely just
    simply barely hardly mere most least biggest greatest worst best largest unprecedented
    historic epic massive huge enormous tremendous colossal gigantic countless endless infinite
    literally virtually unparalleled unmatched ultimate sheer""".lower()
)

#: fear words (appeal to fear or prejudice)
FEAR = _words(
    """fear afraid danger dangerous threat threaten threatens threatened threatening risk risks deadly
    lethal death deaths die dying kill kills killed killing destroy destruction collapse crisis chaos
    catastrophe catastrophic disaster invasion invade flood overrun surge wave epidemic pandemic
    plague contagion attack attacks terror terrorist warning warn warns imminent looming brink
    extinction doom survival survive safety unsafe vulnerable helpless defenceless defenseless
    children families women""".lower()
)

#: flag-waving words (nation, patriotism, us against them)
FLAG = _words(
    """nation nations national patriot patriots patriotic patriotism country countrymen homeland
    motherland fatherland flag flags sovereign sovereignty freedom freedoms liberty liberties
    constitution founders founding heritage our we us american americans america european europe
    british britain christian christians christendom western civilization civilisation people
    citizens troops heroes hero defend defenders proud pride""".lower()
)

#: appeals to authority
AUTHORITY = _words(
    """expert experts scientist scientists study studies research researchers professor doctor doctors
    official officials authorities authority according report reports survey analysts analyst
    historian historians scholar scholars pope cardinal bishop church bible scripture court judge
    president minister general spokesman spokeswoman spokesperson confirmed proven evidence""".lower()
)

#: doubt and innuendo
DOUBT = _words(
    """allegedly alleged supposedly purportedly reportedly so-called claim claims claimed questionable
    dubious suspicious doubt doubts doubtful unclear unknown mysterious mystery apparently seemingly
    perhaps maybe might whether really truly actually why how who what suspicion suspect suspected
    coincidence coincidentally convenient conveniently curious curiously strange strangely
    secret secretly hidden hide hiding cover-up coverup narrative official""".lower()
)

#: causal shortcuts
CAUSAL = _words(
    """because therefore thus hence consequently so result results resulted cause causes caused
    blame blamed responsible fault led leads due since reason why""".lower()
)

#: the crowd and guilt by association (bandwagon, reductio ad hitlerum)
CROWD = _words(
    """everyone everybody millions majority most many people americans voters public nobody
    hitler nazi nazis stalin fascist fascism mussolini holocaust gestapo""".lower()
)

#: either-or framings and thought-stopping phrases (as single words and short phrases)
BLACK_WHITE = _words("""either or only choice alternative unless either-or""")
CLICHES = frozenset(
    {
        "it is what it is",
        "enough is enough",
        "that's all",
        "end of story",
        "period",
        "make america great again",
        "drain the swamp",
        "lock her up",
        "build the wall",
        "wake up",
        "the truth is",
        "let's be honest",
        "at the end of the day",
        "you know",
        "so be it",
    }
)

#: words the repetition feature ignores
STOPWORDS = _words(
    """the a an and or but if of to in on at by for with from as is are was were be been being it its
    this that these those he she they them his her their we our you your i me my not no so do does did
    has have had will would can could should may might must than then there here what which who whom
    whose when where why how all any some such also just more most very into over under about after
    before up down out off again further once only own same too s t said says one two new"""
)

#: word lists by the short name the features use
CLASSES: dict[str, frozenset[str]] = {
    "loaded": LOADED,
    "label": LABELS,
    "intens": INTENSIFIERS,
    "fear": FEAR,
    "flag": FLAG,
    "auth": AUTHORITY,
    "doubt": DOUBT,
    "causal": CAUSAL,
    "crowd": CROWD,
    "bw": BLACK_WHITE,
}
