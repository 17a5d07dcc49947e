"""Names whose kind is known without context: countries and large regions (places), and
words that make a capitalised run an organisation or no name at all.

The claim stage's entity labels (:func:`newstrail.analyze.claims.find_entities`) read a
capitalised run as a person unless something says otherwise; these lists are the
something. Countries are common knowledge, listed in their usual English short forms.

>>> is_country("Saudi Arabia"), is_country("Porthaven")
(True, False)
>>> is_adjective("Korvia-backed"), is_adjective("Anti-Front"), is_adjective("Korvia")
(True, True, False)
"""

from __future__ import annotations

import re

COUNTRIES = frozenset(
    name.strip().lower()
    for name in """
    Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahrain,
    Bangladesh, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia, Bosnia and Herzegovina, Botswana, Brazil,
    Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Chad, Chile, China, Colombia, Congo,
    Costa Rica, Croatia, Cuba, Cyprus, Czechia, Czech Republic, Denmark, Djibouti, Dominican Republic, Ecuador,
    Egypt, El Salvador, Eritrea, Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia,
    Germany, Ghana, Greece, Guatemala, Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran,
    Iraq, Ireland, Israel, Italy, Ivory Coast, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kosovo, Kuwait,
    Kyrgyzstan, Laos, Latvia, Lebanon, Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar,
    Malawi, Malaysia, Maldives, Mali, Malta, Mauritania, Mauritius, Mexico, Moldova, Monaco, Mongolia, Montenegro,
    Morocco, Mozambique, Myanmar, Namibia, Nepal, Netherlands, New Zealand, Nicaragua, Niger, Nigeria,
    North Korea, North Macedonia, Norway, Oman, Pakistan, Palestine, Panama, Papua New Guinea, Paraguay, Peru,
    Philippines, Poland, Portugal, Qatar, Romania, Russia, Rwanda, Saudi Arabia, Senegal, Serbia, Sierra Leone,
    Singapore, Slovakia, Slovenia, Somalia, South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan,
    Suriname, Sweden, Switzerland, Syria, Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tunisia, Turkey, Turkiye,
    Turkmenistan, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States, US, USA, UK, U.S., U.K.,
    Uruguay, Uzbekistan, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe, Europe, Africa, Asia, America,
    North America, South America, Latin America, Middle East, Gaza, West Bank, Crimea, Donbas, Kurdistan,
    Scandinavia, Balkans, Caucasus, Sahel, Arctic, Antarctica
    """.split(",")
)

#: last words that make a run an organisation ("Southern Caliphate", "Red Crescent",
#: "Nineveh Ridge Protection Unit", "World Health Organization")
ORGANISATION_WORDS = frozenset(
    """unit units organization organisations organizations nations crescent caliphate state emirate movement
    network coalition pact league council agency institute university bank group trust party front alliance
    ministry commission committee authority police guard army navy forces brigade militia union federation
    association foundation society church court parliament senate assembly government administration service
    office bureau department company corporation""".split()
)

#: languages a publication names its services by, as their last word ("Sputnova Arabic")
SERVICE_LANGUAGES = frozenset(
    "arabic english persian farsi turkish russian french spanish german urdu hindi chinese mandarin portuguese "
    "italian indonesian uzbek ukrainian kurdish pashto dari swahili hausa".split()
)

# "Korvia-backed", "ISIS-funding", "US-led": a name joined to a lowercase word is an
# adjective; "Anti-Front", "Pro-Kremlin", "Non-EU" likewise
_ADJECTIVE = re.compile(r"^(?:[\w.]+-[a-z][\w-]*|(?:Anti|Pro|Non|Ex|Post|Pre|Neo)-\S+)$")
# "Korvian", "Assyrian", "Turkish", "Iraqi", "Islamist", "Portuguese": a word people or
# things are described by; read as such only before a lowercase word ("Ostrevan officials")
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|ist|ic|an|i)$")


def is_country(name: str) -> bool:
    """Whether ``name`` is a country or a large region, as English names it."""
    return name.strip().lower() in COUNTRIES


def is_adjective(word: str) -> bool:
    """Whether a capitalised word is a hyphenated adjective ("Korvia-backed", "Anti-Front")."""
    return bool(_ADJECTIVE.match(word))


def is_demonym(word: str) -> bool:
    """Whether a capitalised word has the form of a demonym or a creed ("Korvian", "Islamist").

    >>> is_demonym("Ostrevan"), is_demonym("Ostreva"), is_demonym("Korvian-Ostrevan")
    (True, False, True)
    """
    return all(_DEMONYM.match(part) for part in word.split("-"))
