"""People, sides and dates on FRUS volumes, scored against the editors' own markup (issue 21).

    .venv/bin/python eval/frus_people.py                       # 12 volumes, 80 documents each (3½ min)
    .venv/bin/python eval/frus_people.py --examples 5          # and the main error classes, 5 examples each
    .venv/bin/python eval/frus_people.py --docs 0              # every document of every volume
    .venv/bin/python eval/frus_people.py --volumes frus1964-68v22 frus1977-80v21 --docs 20
    .venv/bin/python eval/frus_people.py --jobs 1 --dump-spurious 70 --held-out 30 --out /tmp/drawn.yaml

The FRUS volumes from 1952 on (``shared/data/frus-series/*.xml.gz``, read compressed) carry the
editors' List of Persons (``div[@xml:id="persons"]``: ``<persName xml:id="p_EDD1">Eisenhower,
Dwight D.</persName>, President of the United States``) and tag the mentions of those persons in
the documents (``persName[@corresp="#p_EDD1"]``). That markup is the gold here; nobody in this
project wrote it. It is partial: people the list leaves out are mentioned untagged ("Andy
Goodpaster") and some mentions are tagged without an identity (``<persName>Harold</persName>``).

Each volume is read on two paths, each as ``legation ingest`` reads it
(``legation.pipeline.read_collection``: the file's units, with what the collection itself says
of its people in force; then ``legation.pipeline.extract_unit`` with the actors layer):

- TEI: the volume itself (``ingest.tei.iter_reports``, one unit per document, laid out from the
  markup; its List of Persons is read by legation too, so on this path the side score compares
  two readings of the same identifications);
- text: the volume's text rendering (``ingest.tei.render_volume``, what ``scripts/tei_to_text.py``
  writes: the documents, without the List of Persons), written to a temporary ``.txt`` file and
  read as a file of reports, split by the plain-text reader, which never sees the XML;
- text+list: the same rendering opened by the volume's List of Persons as lines of text, as the
  printed volume opens (``scripts/tei_to_text.py --persons-list``): the text reader finds the
  list under its heading and reads each entry (``ingest.persons_list``), so this path shows what
  a text file of a whole printed volume gives, the first two what the documents alone give.

``--docs N`` samples N documents per volume, evenly spaced (0: all). Only the BODY of a document is
scored: its paragraphs, lists, tables and enclosures, not its header (number, source note,
heading, dateline, opener) nor its footnotes. ``Document.body`` of both paths holds the header
block too, so the scored region is the body after the header block, placed in the volume's
rendering (the text both paths read) through each reader's text maps.

Gold mentions: the ``persName[@corresp]`` elements of a document's body (outside ``note``), found
in document order in the TEI path's ``Document.body`` by their whitespace-normalised text, each
search starting where the previous one ended, at the first occurrence preceded by the words the
markup has before it (else the first occurrence); those not found are counted. A ``persName``
without ``@corresp`` is a person without identity: a prediction on it is neither right nor
spurious.

Measures, per volume and overall, per path:

1. mentions: predicted = ``doc.mentions`` of kind "person"; a prediction matches a gold mention
   when their spans overlap (one-to-one, largest overlap first). Recall over the located gold.
   "R+bare" (informative) counts the persNames without identity too. Precision over the
   predicted NAMES (method other than "coreference"); descriptions ("the Secretary", method
   "coreference") are counted apart ("desc"), since the editors tag names only. The editors'
   tagging is partial, so precision is a lower bound: "P¬gap" (informative) leaves out the
   spurious predictions holding a family name the editors mark as a person somewhere in the
   volume (its List of Persons, any persName) — a gap in the gold more likely than an error.
   "Estimated precision" (printed below the table, per text path) is the measure of what a
   reader would find: the spurious names were sampled and read by hand
   (``eval/corpus/frus_people/spurious_sample*.yaml``, each drawn at its own commit and
   estimated from apart; the second drawn after the rules the first informed, all of it held
   out: person, person-wrong-span, not-person),
   and the share of real persons, correctly spanned, among them is credited to all the path's
   spurious names: (matched + spurious × share) / names, with a 95% Wilson interval on the
   share. It is an estimate from that sample (drawn on the default run at one commit): on the
   default documents, the share is taken over the sample's items the run still finds spurious
   (an item a later rule no longer predicts is listed apart, with its label: rules that drop
   real persons show there), elsewhere over the whole sample. The sample's not-person names by
   class are printed with it: what legation should fix next.
2. identity: over the matched mentions of a volume, B-cubed precision, recall and F1 and pairwise
   F1 of the predicted grouping (``Mention.entity``; the same id in two documents of a volume is
   one person) against the gold one (the ``@corresp`` id).
3. sides: the gold side of a listed person is read from their identification in the List of
   Persons by this script's rules (``gold_side``): a nationality adjective or a state named
   other than as a host ("Soviet Ambassador", "President of Mexico" → USSR, MEX; "Ambassador to
   Turkey" names a host) gives that state; with none, a US office ("Ambassador to Turkey",
   "Secretary of State", "Senator from Oregon", "CIA") gives USA — a US edition names foreign
   officials by nationality; an ambiguous word ("Vietnamese", "Congolese", "Berlin")
   or an international office alone ("Secretary-General of the United Nations") gives no gold
   side, and the person is not scored. The codes are legation's, with its conventions (CHN is
   the Chinese state, the Republic of China included; renamed states take their present code,
   Rhodesia ZWE) except one: "German" in these lists is the Federal Republic, FRG (legation reads
   it as DEU). The predicted side is that of the Person record the
   matched mention points to (``entities.side_of``). Its last source is the persons reference
   (``legation.lexicon.reference``, from the lists of persons of the series' other volumes):
   ``scripts/build_persons_reference.py`` leaves out the volumes scored here by default, so a
   person scored here gets a side from it only where another volume lists them. Scored per matched mention and per (volume,
   gold person), the latter by the side most of the person's matched mentions were given; no
   side counts wrong ("sided": the share given a side at all; "ok|sided": right among those).
   The rules' own accuracy is reported on a hand-read sample,
   ``eval/corpus/frus_people/sides_sample.yaml``.
4. dating, over the events of every document read: dated before 1900; dated more than a year
   after the report's date (``doc.report.date``); spanning (date..date_end) more than a month.

``--examples K`` prints, per path, the K most frequent classes of each error with K examples
each, spread over the volumes: missed gold mentions (read as an organisation or a place, run
together with another name, a speaker label "Vance:", a signature, a name in capitals, after a
title, in running text),
spurious predicted persons (an office or organisation, a title alone, a state or nationality
word, a gold gap, other), split and merged identities, wrong sides, dating problems. ``--jobs``
volumes are read in parallel (default 2). ``--dump-spurious N --held-out M --seed S S2 --out
FILE`` writes a sample to read by hand: N of the text paths' spurious names (a span spurious on
both paths is one item) drawn by ``random.Random(S)``, then M of the rest by ``Random(S2)``,
marked held out, each with its volume, document, span, method, context and class.

Targets (issue 21): text renderings mention recall and precision ≥ 0.90, identity F1 ≥ 0.90,
side accuracy ≥ 0.95; TEI volumes ≥ 0.98 each.
"""

from __future__ import annotations

import argparse
import bisect
import math
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml
from lxml import etree

from legation.devdata import shared_path
from legation.ingest.source import open_content
from legation.errors import InputError
from legation.ingest.tei import REPORT_SEPARATOR, render_persons_list
from legation.ingest.units import Unit
from legation.lexicon.sides import states
from legation.model import Document

REPO = Path(__file__).resolve().parents[1]
SERIES = shared_path("data", "frus-series")
SIDES_SAMPLE = REPO / "eval" / "corpus" / "frus_people" / "sides_sample.yaml"
SPURIOUS_SAMPLES = sorted((REPO / "eval" / "corpus" / "frus_people").glob("spurious_sample*.yaml"))
LABELS = ("person", "person-wrong-span", "not-person")  # of a hand-read spurious name
# Two volumes of each sub-series from 1955 on, topics spread (Middle East, USSR, Latin America,
# Germany, Africa, Iran, China, Southeast Asia, southern Africa, general, Cyprus/Greece/Turkey).
DEFAULT_VOLUMES = ("frus1955-57v14", "frus1955-57v24", "frus1958-60v05", "frus1958-60v09",
                   "frus1961-63v05", "frus1961-63v21", "frus1964-68v22", "frus1964-68v30",
                   "frus1969-76v20", "frus1969-76v28", "frus1977-80v01", "frus1977-80v21")
DEFAULT_DOCS = 80  # per volume: the default run takes 3½ minutes with 2 jobs on an idle 2-core machine
PATHS = ("TEI", "text", "text+list")
TEXT_PATHS = PATHS[1:]
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PARSER = dict(resolve_entities=False, load_dtd=False, no_network=True, collect_ids=False, recover=True)


def local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def flat(text: str) -> str:
    return " ".join(text.split())


# ==============================================================================================
# Gold sides: a listed person's identification → a side code (legation's codes), or None

# The codes follow legation's conventions (data/demonyms.toml): CHN is the Chinese state, the
# Republic of China included; renamed states take their present code (Burma MMR, Rhodesia ZWE,
# Zaire COD). One deliberate difference: "German" is the Federal Republic (FRG), as the lists
# (from 1952) use it — they call the GDR "East German" — where legation reads "German" as DEU.
# Nationality words → code; None: the word does not tell which state.
ADJECTIVES = {
    "Afghan": "AFG", "Albanian": "ALB", "Algerian": "DZA", "American": "USA", "Angolan": "AGO",
    "Argentine": "ARG", "Argentinian": "ARG", "Australian": "AUS", "Austrian": "AUT", "Belgian": "BEL",
    "Bolivian": "BOL", "Brazilian": "BRA", "British": "GBR", "Bulgarian": "BGR", "Burmese": "MMR",
    "Cambodian": "KHM", "Cameroonian": "CMR", "Canadian": "CAN", "Ceylonese": "LKA", "Chilean": "CHL",
    "Colombian": "COL", "Costa Rican": "CRI", "Cuban": "CUB", "Cypriot": "CYP", "Greek Cypriot": "CYP",
    "Turkish Cypriot": "CYP", "Czech": "CSK", "Czechoslovak": "CSK", "Danish": "DNK", "Dominican": "DOM",
    "Dutch": "NLD", "Ecuadoran": "ECU", "Ecuadorean": "ECU", "Egyptian": "EGY", "Ethiopian": "ETH",
    "Finnish": "FIN", "French": "FRA", "Gabonese": "GAB", "German": "FRG", "West German": "FRG",
    "East German": "DDR", "Ghanaian": "GHA", "Greek": "GRC", "Guatemalan": "GTM", "Guinean": "GIN",
    "Haitian": "HTI", "Honduran": "HND", "Hungarian": "HUN", "Icelandic": "ISL", "Indian": "IND",
    "Indonesian": "IDN", "Iranian": "IRN", "Iraqi": "IRQ", "Irish": "IRL", "Israeli": "ISR",
    "Italian": "ITA", "Ivorian": "CIV", "Jamaican": "JAM", "Japanese": "JPN", "Jordanian": "JOR",
    "Kenyan": "KEN", "Korean": "KOR", "South Korean": "KOR", "North Korean": "PRK", "Kuwaiti": "KWT",
    "Lao": "LAO", "Laotian": "LAO", "Lebanese": "LBN", "Liberian": "LBR", "Libyan": "LBY",
    "Malagasy": "MDG", "Malawian": "MWI", "Malaysian": "MYS", "Malayan": "MYS", "Malian": "MLI",
    "Maltese": "MLT", "Mexican": "MEX", "Mongolian": "MNG", "Moroccan": "MAR", "Mozambican": "MOZ",
    "Nepalese": "NPL", "Nicaraguan": "NIC", "Nigerian": "NGA", "Norwegian": "NOR", "Pakistani": "PAK",
    "Panamanian": "PAN", "Paraguayan": "PRY", "Peruvian": "PER", "Philippine": "PHL", "Filipino": "PHL",
    "Polish": "POL", "Portuguese": "PRT", "Rhodesian": "ZWE", "Romanian": "ROU", "Rumanian": "ROU",
    "Russian": "USSR", "Salvadoran": "SLV", "Saudi": "SAU", "Senegalese": "SEN", "Somali": "SOM",
    "South African": "ZAF", "Soviet": "USSR", "Spanish": "ESP", "Sudanese": "SDN", "Swedish": "SWE",
    "Swiss": "CHE", "Syrian": "SYR", "Tanzanian": "TZA", "Thai": "THA", "Tunisian": "TUN",
    "Turkish": "TUR", "Ugandan": "UGA", "Uruguayan": "URY", "Venezuelan": "VEN",
    "South Vietnamese": "RVN", "North Vietnamese": "VDR", "Yemeni": "YEM", "Yugoslav": "YUG",
    "Yugoslavian": "YUG", "Zambian": "ZMB", "Zairian": "COD", "U.S.": "USA", "US": "USA",
    "USAF": "USA", "USN": "USA", "USMC": "USA", "USA": "USA",
    "Chinese": "CHN", "Vietnamese": None, "Congolese": None, "Arab": None, "Palestinian": None,
    "Bundestag": "FRG", "Bundeswehr": "FRG", "Bundesbank": "FRG", "Hellenes": "GRC", "Hellenic": "GRC",
    "Knesset": "ISR", "Kremlin": "USSR", "CPSU": "USSR",
    "Anglo": "GBR", "Sino": "CHN",  # only in relations ("Anglo-Egyptian"), which are left out
    "Chinese Communist": "CHN", "Chinese Nationalist": "CHN", "GRC": "CHN", "GVN": "RVN", "DRV": "VDR",
}
# State names → code, besides pycountry's (names of the period, and names it spells otherwise).
STATE_NAMES = {
    "Soviet Union": "USSR", "USSR": "USSR", "U.S.S.R.": "USSR", "United Kingdom": "GBR", "Great Britain": "GBR",
    "England": "GBR", "United States": "USA", "Federal Republic of Germany": "FRG", "Federal Republic": "FRG",
    "West Germany": "FRG", "Germany": "FRG", "German Democratic Republic": "DDR", "East Germany": "DDR",
    "GDR": "DDR", "Republic of China": "CHN", "Nationalist China": "CHN", "Taiwan": "CHN",
    "People's Republic of China": "CHN", "Communist China": "CHN", "PRC": "CHN", "Burma": "MMR",
    "Ceylon": "LKA", "Zaire": "COD", "Rhodesia": "ZWE", "Southern Rhodesia": "ZWE",
    "United Arab Republic": "EGY", "UAR": "EGY", "Tanganyika": "TZA", "Dahomey": "BEN", "Upper Volta": "BFA",
    "Puerto Rico": "USA", "Rhodesia and Nyasaland": None, "Union of South Africa": "ZAF",
    "Republic of Vietnam": "RVN", "South Vietnam": "RVN", "Democratic Republic of Vietnam": "VDR",
    "North Vietnam": "VDR", "Republic of Korea": "KOR", "South Korea": "KOR", "North Korea": "PRK",
    "Korea": "KOR", "Iran": "IRN", "Laos": "LAO", "Syria": "SYR", "Vatican": "VAT", "Holy See": "VAT",
    "Ivory Coast": "CIV", "Czechoslovakia": "CSK", "Yugoslavia": "YUG", "Turkey": "TUR", "Russia": "USSR",
    "Cape Verde": "CPV", "Swaziland": "SWZ", "Zanzibar": "TZA", "China": "CHN",
    # the north's own state, like its community ("Turkish Cypriot" above), is Cyprus's: not Turkey's
    "Turkish Republic of Northern Cyprus": "CYP", "Turkish Federated State of Cyprus": "CYP",
    "Vietnam": None, "Viet-Nam": None, "Congo": None, "Republic of the Congo": None, "Berlin": None, "Palestine": None,
}
US_STATES = re.compile(r"\b(?:Georgia|New Mexico|New Jersey)\b")  # not states: "Senator (D-Georgia)"
# A state after these words is where an office is, or what it deals with, not whose it is.
HOST_WORDS = {"to", "in", "at", "for", "near", "with", "on", "toward", "towards", "over", "about", "concerning",
              "regarding"}
# Phrases that name a State Department desk or a subject, not the person's state: "Office of
# Greek, Turkish, and Iranian Affairs", "Adviser on Soviet Affairs", "Chief, Soviet Section",
# "Head of the Rhodesia Department" (of the British Foreign Office).
DESK = re.compile(r"\b(?:of|for|on)\s+(?:the\s+)?(?:[A-Z][\w.’'/–-]*,?\s+(?:and\s+)?)+(?:Affairs|Desk)\b"
                  r"|\b(?:[A-Z][\w.’'/–-]*,?\s+(?:and\s+)?){1,5}"
                  r"(?:Affairs|Desk|Section|Division|Branch|Cluster|Task Force|Working Group|Department|Dept)\b")
INTERNATIONAL = re.compile(r"\b(?:United Nations|U\.N\.|UN|NATO|SEATO|CENTO|OAS|IMF|World Bank|International Bank"
                           r"|European (?:Economic )?Community|European Commission|Arab League|ICRC|IAEA)\b")
US_OFFICES = re.compile(
    r"\b(?:Department of State|State Department|Department\b|Secretary of State(?! for [A-Z])"
    r"|(?:Under |Assistant |Deputy )Secretary of State"
    r"|Secretary of (?:Defense|the (?:Treasury|Army|Navy|Air Force|Interior)"
    r"|Commerce|Agriculture|Labor|Health|Transportation|Education|Energy|Housing)"
    r"|Attorney General|Senator|Senate|Congressman|Congresswoman|Congress"
    r"|Representative|House of Representatives|Speaker of the House|Central Intelligence|CIA|National Security"
    r"|NSC|Joint Chiefs|JCS|White House|President of the United States|Vice President|to the President"
    r"|President's|Presidential|to President|Ambassador|Embassy|Legation|Consul(?:ate)?|Chargé|Charge d|Mission"
    r"|Counselor|Foreign Service|Policy Planning|Bureau|Office of|Officer in Charge|Country Director|Desk Officer"
    r"|USIA|Information Agency|AID|Agency for International Development|ICA|International Cooperation Administration"
    r"|Atomic Energy Commission|AEC|ACDA|Arms Control and Disarmament Agency|Federal Reserve|Budget|Treasury"
    r"|Army|Navy|Air Force|Marine Corps|Commander in Chief|CINC\w*|Joint Staff|Operations Coordinating Board"
    r"|Peace Corps|FBI|Export-Import Bank|Council of Economic Advisers|Special Assistant|Legal Adviser"
    r"|Chief of Naval Operations|National Aeronautics|NASA"
    r"|President (?:Truman|Eisenhower|Kennedy|Johnson|Nixon|Ford|Carter))")


@dataclass(frozen=True)
class Clue:
    start: int
    side: str | None  # None: a foreign or international word that does not tell which state
    text: str


def _name_table() -> dict[str, str | None]:
    """State names → code: pycountry's names (those without commas), then STATE_NAMES."""
    import pycountry

    names: dict[str, str | None] = {}
    for country in [*pycountry.historic_countries, *pycountry.countries]:
        for name in (country.name, getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if name and "," not in name and "(" not in name:
                names.setdefault(name, country.alpha_3)
    names.update(STATE_NAMES)
    return names


def _alternatives(words) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                      + r")(?!\w)")


NAMES = _name_table()
NAME_PATTERN = _alternatives(NAMES)
ADJECTIVE_PATTERN = _alternatives(ADJECTIVES)


def _check_codes() -> None:
    unknown = {c for c in [*ADJECTIVES.values(), *STATE_NAMES.values()] if c} - set(states())
    if unknown:
        raise SystemExit(f"gold side codes legation does not know: {sorted(unknown)}")


def _hosted(text: str, start: int, host_ends: list[int]) -> bool:
    """A state named as a host: "Ambassador to (the) Turkey", "Embassy in the United Kingdom", or
    listed after one ("Emissary to Greece, Turkey, and Cyprus"; ``host_ends``: where those end)."""
    if any(re.fullmatch(r",?\s*(?:and\s+)?(?:the\s+)?", text[end:start]) for end in host_ends if end <= start):
        return True
    before = re.findall(r"[\w’']+", text[max(0, start - 30):start])
    while before and before[-1].lower() == "the":
        before.pop()
    return bool(before) and before[-1].lower() in HOST_WORDS


def clues(identification: str) -> list[Clue]:
    """The words of an identification that name a state, in order: desks, hosts and relations
    between states left out."""
    blank = lambda m: " " * len(m.group())  # noqa: E731  offsets kept
    text = DESK.sub(blank, US_STATES.sub(blank, identification.replace("’", "'")))
    found: list[Clue] = []
    host_ends: list[int] = []
    names = list(NAME_PATTERN.finditer(text))
    for m in sorted([*names, *INTERNATIONAL.finditer(text)], key=lambda m: m.start()):
        if _hosted(text, m.start(), host_ends):
            host_ends.append(m.end())
        else:
            found.append(Clue(m.start(), NAMES.get(m.group()), m.group()))
    inside_name = lambda m: any(n.start() <= m.start() < n.end() for n in names)  # noqa: E731  "Soviet Union"
    found += [Clue(m.start(), ADJECTIVES[m.group()], m.group()) for m in ADJECTIVE_PATTERN.finditer(text)
              if not inside_name(m)]
    found.sort(key=lambda c: (c.start, -len(c.text)))
    kept: list[Clue] = []
    for clue in found:  # "South Vietnamese" over "Vietnamese", "Republic of China" over "China"
        if not kept or clue.start >= kept[-1].start + len(kept[-1].text):
            kept.append(clue)
    return _without_relations(kept, text)


def _without_relations(found: list[Clue], text: str) -> list[Clue]:
    """Two states joined by a hyphen name a relation, not a side: "U.S.-Soviet negotiations",
    "Anglo-Egyptian Sudan"."""
    paired: set[Clue] = set()
    for a, b in zip(found, found[1:]):
        if text[a.start + len(a.text):b.start] in ("-", "–"):
            paired |= {a, b}
    return [clue for clue in found if clue not in paired]


def gold_side(identification: str) -> str | None:
    """The side an identification tells: its first clue that names one state; None when its
    clues name none ("Vietnamese", "Secretary-General of the United Nations"); with no clue at
    all, USA for a US office; else None (not told)."""
    found = clues(identification)
    if found:
        return next((clue.side for clue in found if clue.side), None)
    return "USA" if US_OFFICES.search(identification) else None


# ==============================================================================================
# The gold: the List of Persons and the tagged mentions of each document's body


@dataclass
class Listed:
    id: str
    name: str
    identification: str
    side: str | None


@dataclass
class GoldMention:
    start: int  # into the volume's rendering
    end: int
    text: str
    person: str | None  # the corresp id; None for a persName without identity


@dataclass
class GoldDoc:
    id: str
    region: tuple[int, int]  # the scored body, in the volume's rendering
    mentions: list[GoldMention] = field(default_factory=list)
    unlocated: list[str] = field(default_factory=list)


@dataclass
class Volume:
    name: str  # frus1964-68v22
    listed: dict[str, Listed]  # the List of Persons by id
    documents: list[etree._Element]  # in reading order
    person_words: set[str]  # folded family names of every persName of the volume, listed or not


def read_volume_xml(path: Path) -> Volume:
    """The List of Persons, the volume's documents in reading order (a document inside a
    document is part of it, as the TEI reader prints it), and the family names the editors
    mark as persons anywhere in it."""
    with open_content(path) as handle:
        root = etree.parse(handle, etree.XMLParser(**PARSER)).getroot()
    listed: dict[str, Listed] = {}
    for div in root.iter("{*}div"):
        if div.get(XML_ID) == "persons":
            for name in div.iter("{*}persName"):
                if name.get(XML_ID):
                    person = _listed(name)
                    listed[person.id] = person
    documents = [d for d in root.iter("{*}div") if d.get("type") == "document"
                 and not any(a.get("type") == "document" for a in d.iterancestors("{*}div"))]
    words = {_family(flat("".join(name.itertext())), name.get(XML_ID) is not None) for name in root.iter("{*}persName")}
    name = path.name.removesuffix(".gz").removesuffix(".xml")
    return Volume(name, listed, documents, {w for w in words if len(w) > 2})


def _family(name: str, listed: bool) -> str:
    """The folded family name of a written name: "Eisenhower, Dwight D." (as listed) → "eisenhower",
    "Harold Brown" → "brown"."""
    name = name.split(",")[0] if listed else name
    words = [w for w in name.split() if not re.fullmatch(r"(?:Jr|Sr|II|III|[A-Z])\.?", w)]
    return fold_word(words[-1]) if words else ""


def fold_word(word: str) -> str:
    """A word as names are compared: case-folded, without a possessive or closing punctuation."""
    return re.sub(r"(?:[’']s)?[.,:;’']*$", "", word.casefold())


def _listed(name: etree._Element) -> Listed:
    item = next((a for a in name.iterancestors() if local(a) == "item"), name.getparent())
    written, whole = flat("".join(name.itertext())), flat("".join(item.itertext()))
    identification = whole.split(written, 1)[1].lstrip(" ,;:") if written in whole else whole
    return Listed(name.get(XML_ID), written, identification, gold_side(identification))


HEADER_ELEMENTS = {"head", "dateline", "opener"}


def body_names(div: etree._Element) -> list[tuple[str, str | None, str]]:
    """(text, corresp id or None, the letters just before it) of the persNames of a document's
    body, in order: after the leading header elements (head, dateline, opener, the source note),
    outside notes, outermost."""
    children = [c for c in div if local(c) and local(c) != "pb"]
    k = 0
    while k < len(children) and (local(children[k]) in HEADER_ELEMENTS
                                 or (local(children[k]) == "note" and children[k].get("type") == "source")):
        k += 1
    found = []
    for child in children[k:]:
        for name in child.iter("{*}persName"):
            if not _inside(name, child, ("note", "persName")):
                corresp = (name.get("corresp") or "").split()
                previous = name.getprevious()
                before = (previous.tail if previous is not None else name.getparent().text) or ""
                found.append((_visible_text(name), corresp[0].lstrip("#") if corresp else None, _letters(before)[-6:]))
    return found


def _letters(text: str) -> str:
    return re.sub(r"[\W\d_]", "", text)


def _inside(el: etree._Element, top: etree._Element, names: tuple[str, ...]) -> bool:
    """Is ``el`` inside an element of one of ``names`` below ``top``? (A note child of the
    document itself prints as a paragraph of the body; notes further down print as markers.)"""
    for ancestor in el.iterancestors():
        if ancestor is top:
            return False
        if local(ancestor) in names:
            return True
    return False


def _visible_text(el: etree._Element) -> str:
    """An element's text as the body shows it: notes (markers) left out, a line break a space."""
    parts = [el.text or ""]
    for child in el:
        if local(child) == "lb":
            parts.append(" ")
        elif local(child) != "note":
            parts.append(_visible_text(child))
        parts.append(child.tail or "")
    return flat("".join(parts))


def gold_document(unit: Unit, div: etree._Element) -> GoldDoc:
    """A document's scored region and its gold mentions, placed in the volume's rendering."""
    layout, offset = unit.laid_out, unit.report.start
    body, blocks = layout.body.text, layout.blocks
    scored = blocks[1:] if blocks and blocks[0].kind == "heading" else blocks
    if not scored:
        return GoldDoc(unit.report.id, (offset, offset))
    begin, end = scored[0].start, scored[-1].end
    to_volume = lambda s, e: tuple(offset + x for x in layout.body.span_to_source(s, e))  # noqa: E731
    gold = GoldDoc(unit.report.id, to_volume(begin, end))
    cursor = begin
    for text, person, before in body_names(div):
        found = _locate(body, text, before, cursor, end)
        if found is None:
            gold.unlocated.append(f"{unit.report.id}: {text!r}")
            continue
        cursor = found[1]
        gold.mentions.append(GoldMention(*to_volume(*found), text, person))
    return gold


def _locate(body: str, text: str, before: str, start: int, end: int) -> tuple[int, int] | None:
    """The next occurrence of a name in body[start:end], whitespace-insensitive: the first one
    after the words the markup has before it (an untagged "Raúl Castro" earlier in the paragraph
    does not take the tagged "Castro"), else the first one."""
    pattern = r"\s*".join(re.escape(word) for word in text.split())
    if not pattern:
        return None
    matches = list(re.compile(pattern).finditer(body, start, end))
    chosen = next((m for m in matches if _letters(body[max(0, m.start() - 40):m.start()]).endswith(before)),
                  matches[0] if matches else None)
    return (chosen.start(), chosen.end()) if chosen else None


# ==============================================================================================
# The two paths: legation's Documents, and what they predict in volume coordinates


@dataclass
class Predicted:
    start: int  # into the volume's rendering
    end: int
    text: str
    kind: str
    entity: str | None
    method: str
    side: str | None


@dataclass
class Dating:
    problem: str  # "before 1900" | "after report" | "long span"
    example: str


def predictions(doc: Document, offset: int) -> list[Predicted]:
    from legation.extract.entities import side_of

    return [Predicted(offset + m.source_start, offset + m.source_end, m.text, m.kind, m.entity, m.method,
                      side_of(doc, m.entity) if m.kind == "person" else None)
            for m in doc.mentions if m.source_start is not None]


def dating_problems(doc: Document) -> list[Dating]:
    """The events of a document dated before 1900, more than a year after the report, or over
    more than a month."""
    found = []
    reported = _day(doc.report.date) if doc.report else None
    for event in doc.events:
        first, last = _day(event.date), _day(event.date_end, last=True)
        shown = (f"{doc.report.id if doc.report else '?'} report {doc.report.date if doc.report else '?'}: "
                 f"{event.date}..{event.date_end or ''} ({event.date_precision}) "
                 f"{flat(doc.body[event.evidence.start:event.evidence.end])[:140]!r}")
        if first and first.year < 1900:
            found.append(Dating("before 1900", shown))
        if first and reported and first > reported + timedelta(days=366):
            found.append(Dating("after report", shown))
        if first and last and (last - first).days > 31:
            found.append(Dating("long span", shown))
    return found


def _day(value: str | None, last: bool = False) -> date | None:
    """An ISO date, partial allowed ("1964-03" → its first day, or its last with ``last``)."""
    if not value or not re.match(r"^\d{4}(-\d{2}){0,2}$", value):
        return None
    parts = [int(p) for p in value.split("-")]
    try:
        if len(parts) == 3:
            return date(*parts)
        if len(parts) == 2:
            return (date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1) - timedelta(days=1)) if last \
                else date(parts[0], parts[1], 1)
        return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)
    except ValueError:
        return None


def reports_of(path: Path) -> list[Unit]:
    """The report units of a file as ``legation ingest`` reads it (problems left out)."""
    from legation.pipeline import read_collection

    return [u for u in read_collection(path) if not isinstance(u, InputError) and u.report is not None]


def text_units(rendering: str, name: str) -> list[Unit]:
    """The rendering read back as a user's text file of reports (split by its own shape)."""
    with tempfile.TemporaryDirectory(prefix="legation-frus-people-") as folder:
        path = Path(folder) / f"{name}.txt"
        path.write_text(rendering, encoding="utf-8")
        return reports_of(path)


def listed_text_units(path: Path, rendering: str, name: str) -> list[Unit]:
    """The rendering opened by the volume's list of persons, as the printed volume is
    (``tei_to_text.py --persons-list``), read back as a text file of reports; the reports'
    offsets are moved back by the list's length, so that they point into ``rendering``."""
    front = render_persons_list(path)
    front += REPORT_SEPARATOR if front else ""
    units = text_units(front + rendering, name)
    for unit in units:
        unit.report.start -= len(front)
        unit.report.end -= len(front)
    return units


def read_path(units: list[Unit], regions: list[tuple[int, int]], score: "PathScore") -> list[Predicted]:
    """Extract the units whose text overlaps a scored region: their predictions; the events'
    dating problems go into ``score``."""
    from legation.pipeline import extract_unit

    predicted = []
    for unit in units:
        start, end = unit.report.start, unit.report.end
        if any(start < b and a < end for a, b in regions if a < b):
            doc = extract_unit(unit)
            predicted += predictions(doc, start)
            score.events_docs += 1
            score.events += len(doc.events)
            for problem in dating_problems(doc):
                score.dating[problem.problem] += 1
                score.examples["dating"].append(Example(problem.problem, f"{score.label} {problem.example}"))
    return predicted


# ==============================================================================================
# Scoring one path over one volume


@dataclass
class Example:
    kind: str  # the error class
    text: str
    item: dict | None = None  # a spurious name's fields, for --dump-spurious


@dataclass
class PathScore:
    label: str = ""  # "[volume path]", shown with examples
    gold: int = 0
    found: int = 0
    bare_gold: int = 0  # persNames without identity
    bare_found: int = 0
    names: int = 0  # predicted person names in scored regions (not on an identity-less persName)
    right: int = 0  # of them, matched
    gaps: int = 0  # spurious names of listed persons the editors left untagged
    descriptions: int = 0
    descriptions_matched: int = 0
    b3_precision: float = 0.0  # sums over matched mentions
    b3_recall: float = 0.0
    b3_mentions: int = 0
    pairs: Counter = field(default_factory=Counter)  # "both", "gold", "predicted": same-cluster pairs
    side_mentions: list[int] = field(default_factory=lambda: [0, 0, 0])  # right, scored, with a side
    side_persons: list[int] = field(default_factory=lambda: [0, 0])
    documents: int = 0
    dating: Counter = field(default_factory=Counter)
    events_docs: int = 0
    events: int = 0
    examples: dict[str, list[Example]] = field(default_factory=lambda: defaultdict(list))

    def add(self, other: "PathScore") -> None:
        for name in ("gold", "found", "bare_gold", "bare_found", "names", "right", "gaps", "descriptions",
                     "descriptions_matched", "b3_precision", "b3_recall", "b3_mentions", "documents",
                     "events_docs", "events"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.pairs.update(other.pairs)
        self.dating.update(other.dating)
        self.side_mentions = [a + b for a, b in zip(self.side_mentions, other.side_mentions)]
        self.side_persons = [a + b for a, b in zip(self.side_persons, other.side_persons)]
        for group, rows in other.examples.items():
            self.examples[group] += rows


OFFICE_WORDS = re.compile(
    r"\b(?:Embassy|Legation|Consulate|Headquarters|Department|Ministry|Committee|Commission|Council|Government"
    r"|Delegation|Office|Bureau|Agency|Staff|Library|Mission|Command|Army|Navy|Forces?|Party|Assembly|Congress"
    r"|Senate|Parliament|Cabinet|Secretariat|Conference|Bank|Fund|Company|Corporation|University|Institute"
    r"|Foundation|Plan|Pact|Treaty|Doctrine|Program|Act|Agreement|Group|Board|Service|Corps|Union|Front"
    r"|Movement|League|Organization|Administration|Court|Station|Base|Airport|Radio|News|Times|Post)\b", re.I)
TITLE_ONLY = re.compile(
    r"^(?:the\s+)?(?:(?:Vice|Deputy|Under|Assistant|Acting|Prime|Foreign|Defense|Chief|Secretary|General|Special|Mr\.?"
    r"|President|Minister|Ambassador|Chairman|Premier|King|Queen|Shah|Emperor|Prince|Sultan|Pope|Governor|Senator"
    r"|Admiral|Colonel|Major|Captain|Marshal|Chancellor|Director|Counselor|Chargé|Consul|Commander|Lord|Sir|Dr\.?)"
    r"\s*)+$", re.I)


def score_path(golds: list[GoldDoc], predicted: list[Predicted], volume: Volume, rendering: str,
               score: PathScore) -> None:
    label, listed = score.label, volume.listed
    score.documents = len(golds)
    ordered = sorted(predicted, key=lambda p: p.start)
    starts = [p.start for p in ordered]
    matched: list[tuple[GoldMention, Predicted]] = []
    for gold in golds:
        a, b = gold.region
        inside = ordered[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]
        inside = [p for p in inside if p.end <= b]
        people = [p for p in inside if p.kind == "person"]
        tagged = [g for g in gold.mentions if g.person]
        pairs = _match(tagged, people)
        matched += pairs
        score.gold += len(tagged)
        score.found += len(pairs)
        taken = {id(p) for _, p in pairs}
        hit = {id(g) for g, _ in pairs}
        for g in tagged:
            if id(g) not in hit:
                kind = _missed_class(g, inside, rendering, gold.region)
                score.examples["missed"].append(Example(kind, f"{label} {gold.id}: {g.text!r} in "
                                                              f"'{_context(rendering, g.start, g.end)}'"
                                                              f"{_overlapping(g, inside)}"))
        bare = [g for g in gold.mentions if not g.person]
        score.bare_gold += len(bare)
        score.bare_found += len(_match(bare, [p for p in people if id(p) not in taken]))
        for p in people:
            if p.method == "coreference":
                score.descriptions += 1
                score.descriptions_matched += id(p) in taken
                continue
            if id(p) not in taken and any(g.start < p.end and p.start < g.end for g in bare):
                continue  # a person the editors marked without identity
            score.names += 1
            if id(p) in taken:
                score.right += 1
                continue
            kind = _spurious_class(p.text, volume.person_words)
            score.gaps += kind == GOLD_GAP
            score.examples["spurious"].append(Example(
                kind, f"{label} {gold.id}: {p.text!r} [{p.method}, {p.entity}] in "
                      f"'{_context(rendering, p.start, p.end)}'",
                dict(volume=volume.name, document=gold.id, start=p.start, end=p.end, span=p.text, method=p.method,
                     context=_context(rendering, p.start, p.end, 80))))
    _identity(matched, score, listed, label)
    _sides(matched, score, listed, label)


def _match(gold: list[GoldMention], predicted: list[Predicted]) -> list[tuple[GoldMention, Predicted]]:
    """One-to-one by overlap, the largest overlaps first."""
    candidates = sorted(((min(g.end, p.end) - max(g.start, p.start), i, j)
                         for i, g in enumerate(gold) for j, p in enumerate(predicted)
                         if g.start < p.end and p.start < g.end), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def _overlapping(gold: GoldMention, inside: list[Predicted]) -> str:
    found = [f"{p.kind} {p.text!r}" for p in inside if p.start < gold.end and gold.start < p.end]
    return f" (read as {'; '.join(found)})" if found else ""


def _context(text: str, start: int, end: int, width: int = 45) -> str:
    before, after = flat(text[max(0, start - width):start]), flat(text[end:end + width])
    return f"…{before} [[{flat(text[start:end])}]] {after}…"


TITLE_BEFORE = re.compile(r"(?:Mr|Mrs|Dr|Secretary|President|Ambassador|Minister|General|Senator|Chairman|Premier"
                          r"|Governor|Admiral|King|Shah|Prince|Marshal|Chancellor|Representative)\.?\s+$", re.I)


def _missed_class(gold: GoldMention, inside: list[Predicted], rendering: str, region: tuple[int, int]) -> str:
    """What a missed gold mention looks like: taken for something else, or its written form and place."""
    over = [p for p in inside if p.start < gold.end and gold.start < p.end]
    if any(p.kind == "person" for p in over):
        return "in a person span matched to another name (names run together)"
    if over:
        return f"typed as {over[0].kind}"
    after = rendering[gold.end:region[1]]
    before = rendering[max(region[0], gold.start - 30):gold.start]
    if not after.strip():
        return "signature (the body's last words)"
    if gold.text.isupper() and len(gold.text) > 3:
        return "name in capitals"
    one = "one-word" if len(gold.text.split()) == 1 else "several-word"
    if after.startswith(":"):
        return f"{one} name as a speaker label (Name:)"
    if TITLE_BEFORE.search(before):
        return f"{one} name after a title"
    if re.match(r"[’']s\b", after):
        return f"{one} name with a possessive"
    return f"{one} name in running text"


GOLD_GAP = "a name the editors mark as a person elsewhere in the volume (gold gap)"


def _spurious_class(text: str, person_words: set[str]) -> str:
    """What a spurious predicted person is: an office, a title, a state, a name the editors left
    untagged here, or something else."""
    if OFFICE_WORDS.search(text):
        return "office or organisation"
    if TITLE_ONLY.match(text):
        return "title alone"
    if clues(text) or ADJECTIVE_PATTERN.search(text):
        return "state or nationality word"
    if any(fold_word(w) in person_words for w in text.split()):
        return GOLD_GAP
    return "other, one word" if len(text.split()) == 1 else "other, several words"


def _identity(matched: list[tuple[GoldMention, Predicted]], score: PathScore, listed: dict[str, Listed],
              label: str) -> None:
    """B-cubed sums and pair counts over the matched mentions; split and merged identities."""
    predicted_id = lambda k, p: p.entity or f"(none {k})"  # noqa: E731  an unresolved mention is alone
    cells = Counter((g.person, predicted_id(k, p)) for k, (g, p) in enumerate(matched))
    by_gold, by_predicted = Counter(), Counter()
    for (g, p), n in cells.items():
        by_gold[g] += n
        by_predicted[p] += n
    for (g, p), n in cells.items():
        score.b3_precision += n * n / by_predicted[p]
        score.b3_recall += n * n / by_gold[g]
    score.b3_mentions += len(matched)
    pairs = lambda counts: sum(n * (n - 1) // 2 for n in counts.values())  # noqa: E731
    score.pairs.update(both=pairs(cells), gold=pairs(by_gold), predicted=pairs(by_predicted))
    name = lambda pid: listed[pid].name if pid in listed else pid  # noqa: E731
    for g in by_gold:
        parts = sorted(((n, p) for (gg, p), n in cells.items() if gg == g), reverse=True)
        if len(parts) > 1:
            score.examples["split"].append(Example(
                f"{len(parts)} ids" if len(parts) < 5 else "5+ ids",
                f"{label} {g} {name(g)!r} ({by_gold[g]} mentions) → " + ", ".join(f"{p}×{n}" for n, p in parts[:8])))
    for p in by_predicted:
        parts = sorted(((n, g) for (g, pp), n in cells.items() if pp == p), reverse=True)
        if len(parts) > 1:
            score.examples["merged"].append(Example(
                "surname id" if "-" not in p else "full-name id",
                f"{label} {p} ({by_predicted[p]} mentions) ← "
                + ", ".join(f"{name(g)!r}×{n}" for n, g in parts[:6])))


def _sides(matched: list[tuple[GoldMention, Predicted]], score: PathScore, listed: dict[str, Listed],
           label: str) -> None:
    per_person: dict[str, Counter] = defaultdict(Counter)
    for g, p in matched:
        truth = listed[g.person].side if g.person in listed else None
        if truth is None:
            continue
        score.side_mentions[1] += 1
        score.side_mentions[0] += p.side == truth
        score.side_mentions[2] += p.side is not None
        per_person[g.person][p.side] += 1
    for person, sides in per_person.items():
        truth = listed[person].side
        given = max(sides, key=lambda s: (sides[s], s is not None))
        score.side_persons[1] += 1
        score.side_persons[0] += given == truth
        if given != truth:
            kind = ("no side" if given is None else "USA for a foreign person" if given == "USA"
                    else "a foreign side for a US person" if truth == "USA" else "another foreign side")
            score.examples["side"].append(Example(kind, f"{label} {listed[person].name!r} "
                                                        f"({listed[person].identification[:90]!r}): predicted "
                                                        f"{dict(sides)}, gold {truth}"))


# ==============================================================================================
# One volume, both paths


@dataclass
class VolumeResult:
    name: str
    documents: int
    sampled: int
    unlocated: list[str]
    listed: int
    listed_with_side: int
    scores: dict[str, PathScore]
    seconds: float


def evenly(n: int, k: int) -> list[int]:
    """k indices of n, evenly spaced (all of them when k is 0 or at least n)."""
    return list(range(n)) if k <= 0 or k >= n else sorted({int((i + 0.5) * n / k) for i in range(k)})


def score_volume(path: Path, docs: int) -> VolumeResult:
    began = time.time()
    volume = read_volume_xml(path)
    name = volume.name
    listed, divs = volume.listed, volume.documents
    units = reports_of(path)
    if len(units) != len(divs) or any(not u.report.id.startswith(d.get(XML_ID) or f"r{d.sourceline}")
                                      for u, d in zip(units, divs)):
        raise SystemExit(f"{name}: the TEI reader's documents are not the volume's document divs")
    rendering = REPORT_SEPARATOR.join(u.text for u in units)
    picked = evenly(len(units), docs)
    golds = [gold_document(units[k], divs[k]) for k in picked]
    regions = [g.region for g in golds]
    scores = {}
    paths = (("TEI", [units[k] for k in picked]), ("text", text_units(rendering, name)),
             ("text+list", listed_text_units(path, rendering, name)))
    for label, path_units in paths:
        scores[label] = score = PathScore(label=f"[{name} {label}]")
        score_path(golds, read_path(path_units, regions, score), volume, rendering, score)
    unlocated = [u for g in golds for u in g.unlocated]
    return VolumeResult(name, len(units), len(picked), unlocated, len(listed),
                        sum(p.side is not None for p in listed.values()), scores, time.time() - began)


# ==============================================================================================
# Printing


def ratio(right: float, total: float) -> float | None:
    return right / total if total else None


def f1(p: float | None, r: float | None) -> float | None:
    return 2 * p * r / (p + r) if p and r else None


def b_cubed(s: PathScore) -> tuple[float | None, float | None]:
    return ratio(s.b3_precision, s.b3_mentions), ratio(s.b3_recall, s.b3_mentions)


# The table's columns: heading, width, value of a PathScore (a float prints with 3 decimals).
COLUMNS = [
    ("gold", 7, lambda s: s.gold),
    ("found", 7, lambda s: s.found),
    ("recall", 7, lambda s: ratio(s.found, s.gold)),
    ("R+bare", 7, lambda s: ratio(s.found + s.bare_found, s.gold + s.bare_gold)),
    ("names", 7, lambda s: s.names),
    ("prec", 6, lambda s: ratio(s.right, s.names)),
    ("P¬gap", 6, lambda s: ratio(s.right, s.names - s.gaps)),
    ("desc", 5, lambda s: s.descriptions),
    ("B3-P", 6, lambda s: b_cubed(s)[0]),
    ("B3-R", 6, lambda s: b_cubed(s)[1]),
    ("B3-F1", 6, lambda s: f1(*b_cubed(s))),
    ("pairF", 6, lambda s: f1(ratio(s.pairs["both"], s.pairs["predicted"]), ratio(s.pairs["both"], s.pairs["gold"]))),
    ("side/m", 7, lambda s: ratio(*s.side_mentions[:2])),
    ("n", 7, lambda s: s.side_mentions[1]),
    ("sided", 6, lambda s: ratio(s.side_mentions[2], s.side_mentions[1])),
    ("ok|sided", 9, lambda s: ratio(s.side_mentions[0], s.side_mentions[2])),
    ("side/p", 7, lambda s: ratio(*s.side_persons)),
    ("n", 6, lambda s: s.side_persons[1]),
    ("events", 7, lambda s: s.events),
    ("<1900", 6, lambda s: s.dating["before 1900"]),
    (">rep+1y", 8, lambda s: s.dating["after report"]),
    (">1mo", 5, lambda s: s.dating["long span"]),
]
HEADER = f"{'path':<9}" + "".join(f"{title:>{width}}" for title, width, _ in COLUMNS)


def row(label: str, score: PathScore) -> str:
    cells = []
    for _, width, value in COLUMNS:
        x = value(score)
        cells.append(f"{'-' if x is None else f'{x:.3f}' if isinstance(x, float) else x:>{width}}")
    return f"{label:<9}" + "".join(cells)


def print_volume(result: VolumeResult) -> None:
    print(f"\n== {result.name}: {result.sampled} of {result.documents} documents, "
          f"{result.listed} listed persons ({result.listed_with_side} with a gold side), "
          f"{len(result.unlocated)} gold mentions not located, {result.seconds:.0f} s")
    print(HEADER)
    for label in PATHS:
        print(row(label, result.scores[label]))


def print_examples(totals: dict[str, PathScore], k: int) -> None:
    titles = {"missed": "missed gold mentions", "spurious": "spurious predicted persons",
              "split": "split identities (one gold person, several predicted ids)",
              "merged": "merged identities (one predicted id, several gold persons)",
              "side": "wrong sides (per volume and gold person)", "dating": "dating problems"}
    for label in PATHS:
        for group, title in titles.items():
            rows = totals[label].examples[group]
            if not rows:
                continue
            classes = Counter(e.kind for e in rows)
            print(f"\n-- {label}: {title}: {len(rows)}")
            for kind, n in classes.most_common(k):
                print(f"   {kind}: {n}")
                for example in _spread([e for e in rows if e.kind == kind], k):
                    print(f"      {example.text[:300]}")


def _spread(rows: list[Example], k: int) -> list[Example]:
    """k examples spread over the list (so over the volumes)."""
    return [rows[i] for i in evenly(len(rows), k)]


def sides_sample_accuracy(path: Path = SIDES_SAMPLE) -> None:
    """How often the gold side rules agree with a person's reading, on the development part of
    the hand-read sample and on its held-out part."""
    if not path.is_file():
        print(f"\n(no hand-read side sample at {path})")
        return
    sample = yaml.safe_load(path.read_text(encoding="utf-8"))["identifications"]
    print(f"\ngold side rules against the hand-read sample ({path.relative_to(REPO)}):")
    for part, rows in (("development", [s for s in sample if not s.get("held_out")]),
                       ("held out", [s for s in sample if s.get("held_out")])):
        wrong = [(s, gold_side(s["identification"])) for s in rows if gold_side(s["identification"]) != s["side"]]
        print(f"   {part}: {len(rows) - len(wrong)}/{len(rows)} agree")
        for s, rule in wrong:
            print(f"      {s['volume']} {s['name']!r} {s['identification'][:80]!r}: by hand {s['side']}, rules {rule}")


def spurious_pool(totals: dict[str, PathScore]) -> list[dict]:
    """The spurious predicted names of the text paths, once each in a fixed order: a span
    spurious on both paths is one item, with both paths (and both methods, if they differ)."""
    pool: dict[tuple, dict] = {}
    for label in TEXT_PATHS:
        for example in totals[label].examples["spurious"]:
            found = example.item
            item = pool.setdefault((found["volume"], found["start"], found["end"]),
                                   {**found, "class": example.kind, "paths": []})
            item["paths"].append(label)
            if found["method"] not in item["method"].split("/"):
                item["method"] += "/" + found["method"]
    return [pool[key] for key in sorted(pool)]


def dump_spurious(pool: list[dict], n: int, held_out: int, seeds: list[int], out: Path) -> None:
    """n items of the pool drawn by random.Random(seeds[0]), then held_out more of the rest by
    random.Random(seeds[1]), marked held_out, written as a sample to read by hand (label: null)."""
    drawn = random.Random(seeds[0]).sample(pool, min(n, len(pool)))
    taken = {id(item) for item in drawn}
    rest = [item for item in pool if id(item) not in taken]
    drawn += [{**item, "held_out": True} for item in random.Random(seeds[1]).sample(rest, min(held_out, len(rest)))]
    rows = [yaml.safe_dump({**{k: v for k, v in item.items() if k != "context"}, "label": None, "kind": None,
                            "reason": None, "context": item["context"]},
                           default_flow_style=True, width=10 ** 6, allow_unicode=True, sort_keys=False).strip()
            for item in drawn]
    out.write_text(f"# {len(drawn)} of {len(pool)} spurious predicted names of the text paths "
                   f"(random.Random({seeds[0]}).sample, then {held_out} by random.Random({seeds[1]}) "
                   f"of the rest); label each one of {', '.join(LABELS)}\nspurious:\n"
                   + "".join(f"- {row}\n" for row in rows), encoding="utf-8")
    print(f"\nwrote {len(drawn)} of {len(pool)} spurious names of the text paths to {out}")


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a share k/n (95% with z = 1.96)."""
    centre, half = k + z * z / 2, z * math.sqrt(k * (n - k) / n + z * z / 4)
    return (centre - half) / (n + z * z), (centre + half) / (n + z * z)


def still_spurious(sample: list[dict], totals: dict[str, PathScore], label: str) -> tuple[list[dict], list[dict]]:
    """The sample's items of a path that this run still finds spurious, and those it no longer
    predicts (a rule changed since the draw). The kept ones are a random sample of what the draw's
    pool and this run's spurious names share, so their share of persons is the one to use."""
    now = {(e.item["volume"], e.item["start"], e.item["end"]) for e in totals[label].examples["spurious"]}
    rows = [s for s in sample if label in s["paths"]]
    kept = [s for s in rows if (s["volume"], s["start"], s["end"]) in now]
    return kept, [s for s in rows if (s["volume"], s["start"], s["end"]) not in now]


def estimated_precision(totals: dict[str, PathScore], scored: set[str], same_documents: bool, path: Path) -> None:
    """Per text path, the precision a reader would find: the matched names, plus the spurious
    ones times the share of real persons, correctly spanned, in the hand-read sample of them that
    this run still finds spurious (drawn on the default run's documents: on other documents the
    draw's share is assumed to hold)."""
    if not path.is_file():
        print(f"\n(no hand-read sample of spurious names at {path})")
        return
    sample = yaml.safe_load(path.read_text(encoding="utf-8"))["spurious"]
    if same_documents:
        sample = [s for s in sample if s["volume"] in scored]
    print(f"\nESTIMATED precision of the text paths from a hand-read sample of their spurious names "
          f"({path.relative_to(REPO)}; drawn on the default run): (matched + spurious × share of "
          f"persons in the sample's items still spurious) / names, 95% interval from the share's Wilson interval"
          + ("" if same_documents else "; NOT the default run's documents: the draw's share is assumed to hold here"))
    for label in TEXT_PATHS:
        score = totals[label]
        if same_documents:
            rows, gone = still_spurious(sample, totals, label)
            if gone:
                print(f"   {label:<9} {len(gone)} of the sample's items are no longer predicted: "
                      + ", ".join(f"{s['span']!r} ({s['label']})" for s in gone)[:400])
        else:
            rows = [s for s in sample if label in s["paths"]]
        if not score.names or not rows:
            continue
        k = sum(s["label"] == "person" for s in rows)
        low, high = wilson(k, len(rows))
        spurious = score.names - score.right
        estimate = lambda share: (score.right + spurious * share) / score.names  # noqa: E731
        held = [s["label"] == "person" for s in rows if s.get("held_out")]
        print(f"   {label:<9} prec {score.right / score.names:.3f}  estimated {estimate(k / len(rows)):.3f} "
              f"({estimate(low):.3f}–{estimate(high):.3f}): persons {k}/{len(rows)} = {k / len(rows):.2f} "
              f"({low:.2f}–{high:.2f}) of the sample, {sum(held)}/{len(held)} of its held-out part")
    for label in LABELS[1:]:
        rows = [s for s in sample if s["label"] == label]
        for key, by in (("class", "the eval's class"), ("kind", "what they are, read by hand")):
            print(f"   the sample's {len(rows)} {label} names by {by}:")
            for kind, n in Counter(s.get(key) for s in rows).most_common():
                shown = ", ".join(repr(s["span"]) for s in rows if s.get(key) == kind)
                print(f"      {n:>3} {kind}: {shown[:150]}")


def resolve(volume: str) -> Path:
    path = Path(volume)
    if path.exists():
        return path
    named = SERIES / (volume if volume.endswith(".xml.gz") else f"{volume}.xml.gz")
    if not named.exists():
        raise SystemExit(f"no volume {volume!r} (looked for {named})")
    return named


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--volumes", nargs="+", help="volume ids (frus1964-68v22) or paths (default: 12 volumes, "
                                                     "two of each sub-series from 1955 on)")
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS,
                        help=f"documents per volume, evenly spaced; 0: all (default {DEFAULT_DOCS})")
    parser.add_argument("--examples", type=int, default=0, metavar="K",
                        help="print the K most frequent classes of each error, K examples each")
    parser.add_argument("--jobs", type=int, default=2, help="volumes read in parallel (default 2)")
    parser.add_argument("--dump-spurious", type=int, default=0, metavar="N",
                        help="write N spurious predicted names of the text paths, drawn at random, to --out")
    parser.add_argument("--held-out", type=int, default=0, metavar="M",
                        help="with --dump-spurious, M more drawn from the rest by the second seed, marked held_out")
    parser.add_argument("--seed", type=int, nargs=2, default=[21, 2121], metavar=("S", "S2"),
                        help="the seeds of --dump-spurious and --held-out (default 21 2121)")
    parser.add_argument("--out", type=Path, help="the file --dump-spurious writes")
    args = parser.parse_args(argv)
    if args.dump_spurious and not args.out:
        parser.error("--dump-spurious needs --out FILE")
    _check_codes()
    paths = [resolve(v) for v in (args.volumes or DEFAULT_VOLUMES)]
    began = time.time()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(score_volume, paths, [args.docs] * len(paths)))
    totals = {label: PathScore() for label in PATHS}
    for result in results:
        print_volume(result)
        for label in PATHS:
            totals[label].add(result.scores[label])
    unlocated = [u for r in results for u in r.unlocated]
    print(f"\n== all {len(results)} volumes, {sum(r.sampled for r in results)} documents, "
          f"{len(unlocated)} gold mentions not located, {time.time() - began:.0f} s")
    print(HEADER)
    for label in PATHS:
        print(row(label, totals[label]))
    print("targets: text recall, precision ≥ 0.90, identity F1 ≥ 0.90, side ≥ 0.95; TEI ≥ 0.98 each")
    sides_sample_accuracy()
    for sample in SPURIOUS_SAMPLES:
        estimated_precision(totals, scored={r.name for r in results}, path=sample,
                            same_documents=args.docs == DEFAULT_DOCS and set(args.volumes or DEFAULT_VOLUMES) <= set(DEFAULT_VOLUMES))
    if args.dump_spurious:
        dump_spurious(spurious_pool(totals), args.dump_spurious, args.held_out, args.seed, args.out)
    if args.examples:
        if unlocated:
            print(f"\n-- gold mentions not located: {len(unlocated)}")
            for text in unlocated[:args.examples * 3]:
                print(f"      {text}")
        print_examples(totals, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
