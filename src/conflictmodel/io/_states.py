"""States of the international system: Gleditsch-Ward and Correlates of War codes, ISO 3166-1
alpha-3 codes and names, for the importers that identify states by number or by name.

UCDP codes states with Gleditsch-Ward numbers (``gwno``); ATOP with Correlates of War
state numbers. The two systems agree for almost every state; where they differ the table
says so (Germany: GW 260, COW 255; Yemen: GW 678, COW 679; Serbia/Yugoslavia; the Pacific
microstates). Historical states without an ISO code have ``iso3 = None`` (or their
ISO 3166-3 code where one exists: DDR, CSK, YUG, YMD). Codes, names and ISO codes are
public facts; the list was compiled for this package from the GW and COW state lists and
ISO 3166.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import attrs

__all__ = ["STATES", "State", "by_cow", "by_gwno", "by_name", "normal_name"]


@attrs.frozen
class State:
    """One state: its codes, name and other names it goes by."""

    gwno: int | None
    cow: int | None
    iso3: str | None
    name: str
    aliases: tuple[str, ...]


_TABLE: tuple[tuple[int | None, int | None, str | None, str, tuple[str, ...]], ...] = (
    (2, 2, "USA", "United States", ("US", "USA", "United States of America")),
    (20, 20, "CAN", "Canada", ()),
    (31, 31, "BHS", "Bahamas", ("Commonwealth of the Bahamas",)),
    (40, 40, "CUB", "Cuba", ("Republic of Cuba",)),
    (41, 41, "HTI", "Haiti", ("Republic of Haiti",)),
    (42, 42, "DOM", "Dominican Republic", ()),
    (51, 51, "JAM", "Jamaica", ()),
    (52, 52, "TTO", "Trinidad and Tobago", ("Republic of Trinidad and Tobago",)),
    (53, 53, "BRB", "Barbados", ()),
    (54, 54, "DMA", "Dominica", ("Commonwealth of Dominica",)),
    (55, 55, "GRD", "Grenada", ()),
    (56, 56, "LCA", "Saint Lucia", ("St. Lucia",)),
    (57, 57, "VCT", "Saint Vincent and the Grenadines", ("St. Vincent and the Grenadines",)),
    (58, 58, "ATG", "Antigua and Barbuda", ()),
    (60, 60, "KNA", "Saint Kitts and Nevis", ("St. Kitts and Nevis",)),
    (70, 70, "MEX", "Mexico", ("United Mexican States",)),
    (80, 80, "BLZ", "Belize", ()),
    (90, 90, "GTM", "Guatemala", ("Republic of Guatemala",)),
    (91, 91, "HND", "Honduras", ("Republic of Honduras",)),
    (92, 92, "SLV", "El Salvador", ("Republic of El Salvador",)),
    (93, 93, "NIC", "Nicaragua", ("Republic of Nicaragua",)),
    (94, 94, "CRI", "Costa Rica", ("Republic of Costa Rica",)),
    (95, 95, "PAN", "Panama", ("Republic of Panama",)),
    (99, 99, None, "Great Colombia", ()),
    (100, 100, "COL", "Colombia", ("Republic of Colombia",)),
    (101, 101, "VEN", "Venezuela", ("Bolivarian Republic of Venezuela",)),
    (110, 110, "GUY", "Guyana", ("Co-operative Republic of Guyana",)),
    (115, 115, "SUR", "Suriname", ("Republic of Suriname", "Surinam")),
    (130, 130, "ECU", "Ecuador", ("Republic of Ecuador",)),
    (135, 135, "PER", "Peru", ("Republic of Peru",)),
    (140, 140, "BRA", "Brazil", ("Federative Republic of Brazil",)),
    (145, 145, "BOL", "Bolivia", ("Plurinational State of Bolivia",)),
    (150, 150, "PRY", "Paraguay", ("Republic of Paraguay",)),
    (155, 155, "CHL", "Chile", ("Republic of Chile",)),
    (160, 160, "ARG", "Argentina", ("Argentine Republic",)),
    (165, 165, "URY", "Uruguay", ("Oriental Republic of Uruguay",)),
    (
        200,
        200,
        "GBR",
        "United Kingdom",
        ("Great Britain", "UK", "United Kingdom of Great Britain and Northern Ireland"),
    ),
    (205, 205, "IRL", "Ireland", ()),
    (210, 210, "NLD", "Netherlands", ("Kingdom of the Netherlands",)),
    (211, 211, "BEL", "Belgium", ("Kingdom of Belgium",)),
    (212, 212, "LUX", "Luxembourg", ("Grand Duchy of Luxembourg",)),
    (220, 220, "FRA", "France", ("French Republic",)),
    (221, 221, "MCO", "Monaco", ("Principality of Monaco",)),
    (223, 223, "LIE", "Liechtenstein", ("Principality of Liechtenstein",)),
    (225, 225, "CHE", "Switzerland", ("Swiss Confederation",)),
    (230, 230, "ESP", "Spain", ("Kingdom of Spain",)),
    (232, 232, "AND", "Andorra", ("Principality of Andorra",)),
    (235, 235, "PRT", "Portugal", ("Portuguese Republic",)),
    (240, 240, None, "Hanover", ()),
    (245, 245, None, "Bavaria", ()),
    (255, None, None, "Germany (Prussia)", ()),
    (260, 255, "DEU", "Germany", ("Federal Republic of Germany",)),
    (None, 260, None, "German Federal Republic", ()),
    (265, 265, "DDR", "German Democratic Republic", ("East Germany",)),
    (267, 267, None, "Baden", ()),
    (269, 269, None, "Saxony", ()),
    (271, 271, None, "Wuerttemberg", ()),
    (273, 273, None, "Hesse Electoral", ()),
    (275, 275, None, "Hesse Grand Ducal", ()),
    (280, 280, None, "Mecklenburg Schwerin", ()),
    (290, 290, "POL", "Poland", ("Republic of Poland",)),
    (300, 300, None, "Austria-Hungary", ()),
    (305, 305, "AUT", "Austria", ("Republic of Austria",)),
    (310, 310, "HUN", "Hungary", ("Republic of Hungary",)),
    (315, 315, "CSK", "Czechoslovakia", ()),
    (316, 316, "CZE", "Czech Republic", ("Czechia",)),
    (317, 317, "SVK", "Slovakia", ("Slovak Republic",)),
    (325, 325, "ITA", "Italy", ("Italian Republic",)),
    (327, 327, None, "Papal States", ()),
    (329, 329, None, "Two Sicilies", ()),
    (331, 331, "SMR", "San Marino", ("Republic of San Marino",)),
    (332, 332, None, "Modena", ()),
    (335, 335, None, "Parma", ()),
    (337, 337, None, "Tuscany", ()),
    (338, 338, "MLT", "Malta", ("Republic of Malta",)),
    (339, 339, "ALB", "Albania", ("Republic of Albania",)),
    (340, None, "SRB", "Serbia", ("Republic of Serbia",)),
    (341, 341, "MNE", "Montenegro", ()),
    (
        343,
        343,
        "MKD",
        "North Macedonia",
        ("Former Yugoslav Republic of Macedonia", "Macedonia", "Macedonia, FYR", "Republic of North Macedonia"),
    ),
    (344, 344, "HRV", "Croatia", ("Republic of Croatia",)),
    (345, 345, "YUG", "Yugoslavia", ("Serbia (Yugoslavia)", "Serbia and Montenegro")),
    (346, 346, "BIH", "Bosnia and Herzegovina", ("Bosnia-Hercegovina", "Bosnia-Herzegovina")),
    (347, 347, "XKX", "Kosovo", ("Republic of Kosovo",)),
    (349, 349, "SVN", "Slovenia", ("Republic of Slovenia",)),
    (350, 350, "GRC", "Greece", ("Hellenic Republic",)),
    (352, 352, "CYP", "Cyprus", ("Republic of Cyprus",)),
    (355, 355, "BGR", "Bulgaria", ("Republic of Bulgaria",)),
    (359, 359, "MDA", "Moldova", ("Republic of Moldova",)),
    (360, 360, "ROU", "Romania", ("Rumania",)),
    (365, 365, "RUS", "Russia", ("Russia (Soviet Union)", "Russian Federation")),
    (366, 366, "EST", "Estonia", ("Republic of Estonia",)),
    (367, 367, "LVA", "Latvia", ("Republic of Latvia",)),
    (368, 368, "LTU", "Lithuania", ("Republic of Lithuania",)),
    (369, 369, "UKR", "Ukraine", ()),
    (370, 370, "BLR", "Belarus", ("Republic of Belarus",)),
    (371, 371, "ARM", "Armenia", ("Republic of Armenia",)),
    (372, 372, "GEO", "Georgia", ()),
    (373, 373, "AZE", "Azerbaijan", ("Republic of Azerbaijan",)),
    (375, 375, "FIN", "Finland", ("Republic of Finland",)),
    (380, 380, "SWE", "Sweden", ("Kingdom of Sweden",)),
    (385, 385, "NOR", "Norway", ("Kingdom of Norway",)),
    (390, 390, "DNK", "Denmark", ("Kingdom of Denmark",)),
    (395, 395, "ISL", "Iceland", ("Republic of Iceland",)),
    (402, 402, "CPV", "Cabo Verde", ("Republic of Cabo Verde",)),
    (403, 403, "STP", "Sao Tome and Principe", ("Democratic Republic of São Tomé and Príncipe",)),
    (404, 404, "GNB", "Guinea-Bissau", ("Republic of Guinea-Bissau",)),
    (411, 411, "GNQ", "Equatorial Guinea", ("Republic of Equatorial Guinea",)),
    (420, 420, "GMB", "Gambia", ("Republic of the Gambia",)),
    (432, 432, "MLI", "Mali", ("Republic of Mali",)),
    (433, 433, "SEN", "Senegal", ("Republic of Senegal",)),
    (434, 434, "BEN", "Benin", ("Republic of Benin",)),
    (435, 435, "MRT", "Mauritania", ("Islamic Republic of Mauritania",)),
    (436, 436, "NER", "Niger", ("Republic of Niger",)),
    (437, 437, "CIV", "Cote d'Ivoire", ("Côte d'Ivoire", "Ivory Coast", "Republic of Côte d'Ivoire")),
    (438, 438, "GIN", "Guinea", ("Republic of Guinea",)),
    (439, 439, "BFA", "Burkina Faso", ("Burkina Faso (Upper Volta)",)),
    (450, 450, "LBR", "Liberia", ("Republic of Liberia",)),
    (451, 451, "SLE", "Sierra Leone", ("Republic of Sierra Leone",)),
    (452, 452, "GHA", "Ghana", ("Republic of Ghana",)),
    (461, 461, "TGO", "Togo", ("Togolese Republic",)),
    (471, 471, "CMR", "Cameroon", ("Republic of Cameroon",)),
    (475, 475, "NGA", "Nigeria", ("Federal Republic of Nigeria",)),
    (481, 481, "GAB", "Gabon", ("Gabonese Republic",)),
    (482, 482, "CAF", "Central African Republic", ()),
    (483, 483, "TCD", "Chad", ("Republic of Chad",)),
    (484, 484, "COG", "Congo", ("Congo Republic", "Congo-Brazzaville", "Republic of the Congo")),
    (490, 490, "COD", "DR Congo", ("DR Congo (Zaire)", "DRC", "Democratic Republic of the Congo", "Zaire")),
    (500, 500, "UGA", "Uganda", ("Republic of Uganda",)),
    (501, 501, "KEN", "Kenya", ("Republic of Kenya",)),
    (510, 510, "TZA", "Tanzania", ("United Republic of Tanzania",)),
    (516, 516, "BDI", "Burundi", ("Republic of Burundi",)),
    (517, 517, "RWA", "Rwanda", ("Republic of Rwanda",)),
    (520, 520, "SOM", "Somalia", ("Federal Republic of Somalia",)),
    (522, 522, "DJI", "Djibouti", ("Republic of Djibouti",)),
    (530, 530, "ETH", "Ethiopia", ("Federal Democratic Republic of Ethiopia",)),
    (531, 531, "ERI", "Eritrea", ("State of Eritrea",)),
    (540, 540, "AGO", "Angola", ("Republic of Angola",)),
    (541, 541, "MOZ", "Mozambique", ("Republic of Mozambique",)),
    (551, 551, "ZMB", "Zambia", ("Republic of Zambia",)),
    (552, 552, "ZWE", "Zimbabwe", ("Republic of Zimbabwe", "Zimbabwe (Rhodesia)")),
    (553, 553, "MWI", "Malawi", ("Republic of Malawi",)),
    (560, 560, "ZAF", "South Africa", ("Republic of South Africa",)),
    (565, 565, "NAM", "Namibia", ("Republic of Namibia",)),
    (570, 570, "LSO", "Lesotho", ("Kingdom of Lesotho",)),
    (571, 571, "BWA", "Botswana", ("Republic of Botswana",)),
    (572, 572, "SWZ", "Eswatini", ("Kingdom of Eswatini", "Swaziland")),
    (580, 580, "MDG", "Madagascar", ("Madagascar (Malagasy)", "Republic of Madagascar")),
    (581, 581, "COM", "Comoros", ("Union of the Comoros",)),
    (590, 590, "MUS", "Mauritius", ("Republic of Mauritius",)),
    (591, 591, "SYC", "Seychelles", ("Republic of Seychelles",)),
    (600, 600, "MAR", "Morocco", ("Kingdom of Morocco",)),
    (615, 615, "DZA", "Algeria", ("People's Democratic Republic of Algeria",)),
    (616, 616, "TUN", "Tunisia", ("Republic of Tunisia",)),
    (620, 620, "LBY", "Libya", ("State of Libya",)),
    (625, 625, "SDN", "Sudan", ("Republic of the Sudan",)),
    (626, 626, "SSD", "South Sudan", ("Republic of South Sudan",)),
    (630, 630, "IRN", "Iran", ("Islamic Republic of Iran",)),
    (640, 640, "TUR", "Turkey", ("Republic of Turkey", "Republic of Türkiye", "Türkiye")),
    (645, 645, "IRQ", "Iraq", ("Republic of Iraq",)),
    (651, 651, "EGY", "Egypt", ("Arab Republic of Egypt",)),
    (652, 652, "SYR", "Syria", ("Syrian Arab Republic",)),
    (660, 660, "LBN", "Lebanon", ("Lebanese Republic",)),
    (663, 663, "JOR", "Jordan", ("Hashemite Kingdom of Jordan",)),
    (666, 666, "ISR", "Israel", ("State of Israel",)),
    (670, 670, "SAU", "Saudi Arabia", ("Kingdom of Saudi Arabia",)),
    (None, 678, None, "Yemen Arab Republic", ("North Yemen",)),
    (678, 679, "YEM", "Yemen", ("Republic of Yemen", "Yemen (North Yemen)")),
    (680, 680, "YMD", "Yemen People's Republic", ("South Yemen",)),
    (690, 690, "KWT", "Kuwait", ("State of Kuwait",)),
    (692, 692, "BHR", "Bahrain", ("Kingdom of Bahrain",)),
    (694, 694, "QAT", "Qatar", ("State of Qatar",)),
    (696, 696, "ARE", "United Arab Emirates", ("United Arab Emirate",)),
    (698, 698, "OMN", "Oman", ("Sultanate of Oman",)),
    (700, 700, "AFG", "Afghanistan", ("Islamic Republic of Afghanistan",)),
    (701, 701, "TKM", "Turkmenistan", ()),
    (702, 702, "TJK", "Tajikistan", ("Republic of Tajikistan",)),
    (703, 703, "KGZ", "Kyrgyzstan", ("Kyrgyz Republic",)),
    (704, 704, "UZB", "Uzbekistan", ("Republic of Uzbekistan",)),
    (705, 705, "KAZ", "Kazakhstan", ("Republic of Kazakhstan",)),
    (710, 710, "CHN", "China", ("People's Republic of China",)),
    (712, 712, "MNG", "Mongolia", ()),
    (713, 713, "TWN", "Taiwan", ("Republic of China",)),
    (730, 730, None, "Korea", ()),
    (731, 731, "PRK", "North Korea", ("Democratic People's Republic of Korea",)),
    (732, 732, "KOR", "South Korea", ("Republic of Korea",)),
    (740, 740, "JPN", "Japan", ()),
    (750, 750, "IND", "India", ("Republic of India",)),
    (751, None, None, "Hyderabad", ()),
    (760, 760, "BTN", "Bhutan", ("Kingdom of Bhutan",)),
    (770, 770, "PAK", "Pakistan", ("Islamic Republic of Pakistan",)),
    (771, 771, "BGD", "Bangladesh", ("People's Republic of Bangladesh",)),
    (775, 775, "MMR", "Myanmar", ("Burma", "Myanmar (Burma)", "Republic of the Union of Myanmar")),
    (780, 780, "LKA", "Sri Lanka", ("Democratic Socialist Republic of Sri Lanka",)),
    (781, 781, "MDV", "Maldives", ("Republic of Maldives",)),
    (790, 790, "NPL", "Nepal", ("Federal Democratic Republic of Nepal",)),
    (800, 800, "THA", "Thailand", ("Kingdom of Thailand",)),
    (811, 811, "KHM", "Cambodia", ("Cambodia (Kampuchea)", "Kingdom of Cambodia")),
    (812, 812, "LAO", "Laos", ("Lao People's Democratic Republic",)),
    (816, 816, "VNM", "Vietnam", ("Socialist Republic of Vietnam", "Viet Nam", "Vietnam (North Vietnam)")),
    (817, 817, None, "Republic of Vietnam", ("South Vietnam",)),
    (820, 820, "MYS", "Malaysia", ()),
    (830, 830, "SGP", "Singapore", ("Republic of Singapore",)),
    (835, 835, "BRN", "Brunei", ("Brunei Darussalam", "Nation of Brunei, Abode of Peace")),
    (840, 840, "PHL", "Philippines", ("Republic of the Philippines",)),
    (850, 850, "IDN", "Indonesia", ("Republic of Indonesia",)),
    (860, 860, "TLS", "Timor-Leste", ("Democratic Republic of Timor-Leste", "East Timor")),
    (900, 900, "AUS", "Australia", ("Commonwealth of Australia",)),
    (910, 910, "PNG", "Papua New Guinea", ("Independent State of Papua New Guinea",)),
    (920, 920, "NZL", "New Zealand", ()),
    (935, 935, "VUT", "Vanuatu", ("Republic of Vanuatu",)),
    (940, 940, "SLB", "Solomon Islands", ()),
    (950, 950, "FJI", "Fiji", ("Republic of Fiji",)),
    (970, 946, "KIR", "Kiribati", ("Republic of Kiribati",)),
    (971, 970, "NRU", "Nauru", ("Republic of Nauru",)),
    (972, 955, "TON", "Tonga", ("Kingdom of Tonga",)),
    (973, 947, "TUV", "Tuvalu", ()),
    (983, 983, "MHL", "Marshall Islands", ("Republic of the Marshall Islands",)),
    (986, 986, "PLW", "Palau", ("Republic of Palau",)),
    (987, 987, "FSM", "Micronesia", ("Federated States of Micronesia", "Micronesia, Fed. Sts.")),
    (990, 990, "WSM", "Samoa", ("Independent State of Samoa",)),
)

STATES: tuple[State, ...] = tuple(State(*row) for row in _TABLE)


@cache
def _by_gwno() -> dict[int, State]:
    return {s.gwno: s for s in STATES if s.gwno is not None}


@cache
def _by_cow() -> dict[int, State]:
    return {s.cow: s for s in STATES if s.cow is not None}


_NOT_WORD = re.compile(r"[^\w]+")


def normal_name(text: str) -> str:
    """A name folded for comparison: no accents, case, punctuation or leading "the"."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    words = _NOT_WORD.sub(" ", folded).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@cache
def _by_name() -> dict[str, State]:
    names: dict[str, State] = {}
    ambiguous: set[str] = set()
    for state in STATES:
        if state.iso3 is None:
            continue
        for name in (state.name, *state.aliases):
            key = normal_name(name)
            if key in names and names[key] is not state:
                ambiguous.add(key)
            names[key] = state
    for key in ambiguous:
        del names[key]
    return names


def by_gwno(code: int) -> State | None:
    """The state with this Gleditsch-Ward number, if known."""
    return _by_gwno().get(code)


def by_cow(code: int) -> State | None:
    """The state with this Correlates of War number, if known."""
    return _by_cow().get(code)


def by_name(text: str) -> State | None:
    """The present-day state whose name, official name or a common alias is exactly
    ``text`` (ignoring case, accents, punctuation and a leading "the"), if any.
    """
    return _by_name().get(normal_name(text))
