"""Reference lists: split a reference section into entries and parse each entry into a Reference.

Styles met in diplomatic history, all parsed by the same steps (best effort, never raising):

- APA as Russian journals print it: ``Ermakov, D. N. (2022). Title [English title]. Journal,
  2022, 3, 16–32. (In Russian).``; title-led works put the title before the year:
  ``1941 god: v 2 knigah. (1998). [1941: In Two Parts]. Moscow: Publisher.``
- Chicago author-date and bibliography: ``Molodyakov, Vasilii. 2012. Title. Moscow: AIRO-XXI.``,
  ``Hosoya, Chihiro. "Title." World Politics 26 (3): 353–72.``
- GOST (Russian): ``Molodyakov V. E. Title. M.: AIRO-XXI, 2012. 448 p.`` and
  ``Author A. B. Title // Journal. 2001. No. 3. P. 5–12.``

An entry is read left to right: the author block and year (the lead), then the title, which ends
at an English title in brackets, a closing quote or the first mark of what follows it (``//``,
``In:``, ``Ed. by``, an imprint ``Place: Publisher``, ``Vol.``). From the rest (the tail)
recognisable pieces are cut out one by one — responsibility statements, thesis notes, pages,
numbering, the imprint — and what stays between the cuts is the container.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from legation.model import Reference

# ---------------------------------------------------------------------------------------------
# Letters. ``re`` has no \p{Lu}; build the classes once from the scripts we meet (Latin, Greek,
# Cyrillic), so names like Ōshima or Молодяков are recognised.
_LETTER_RANGE = [*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)]
_UPPER = "".join(ch for ch in map(chr, _LETTER_RANGE) if ch.isupper())
_LOWER = "".join(ch for ch in map(chr, _LETTER_RANGE) if ch.islower())
UP_CHARS = re.escape(_UPPER)  # for use inside a character class
UP = f"[{UP_CHARS}]"
LOW = f"[{re.escape(_LOWER)}]"

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
PAGE_RANGE = r"[\dIVXLCivxlc]+(?:\s*[–—-]\s*[\dIVXLCivxlc]+)?"
SEP = "\x1f"  # stands where a recognised piece was cut out of the tail
CONTAINER_SEP = "\x1e"  # stands where "In:" or "//" was: the container follows it
SEPS = SEP + CONTAINER_SEP

# ---------------------------------------------------------------------------------------------
# Tables of words. Each is data: add a language's form here, not a new branch in the code.
NAME_PARTICLES = ("von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la",
                  "ten", "ter", "al", "el", "bin", "ibn", "d'", "dos", "das")
ET_AL = (r"et\s+al\.?", r"и\s+др\.?", r"u\.\s*a\.", r"and\s+others")
NAME_SEPARATORS = (r",?\s+and\s+", r",?\s*&\s*", r",?\s+и\s+", r",?\s+und\s+", r";\s*")
# Statements of responsibility: marker before the names ("Trans. by J. W. Morley") ...
ROLE_PREFIXES = {
    "translators": (r"[Tt]rans(?:l)?(?:ated)?\.?\s+(?:from\s+\w+\.?\s+)?by", r"[Tt]r\.\s+by",
                    r"[Pp]er\.\s+s\s+\w+\.", r"[Пп]ер\.(?:\s+с\s+\w+\.)?", r"[Pp]erevod",
                    r"[Üü]bers\.\s+von", r"[Üü]bersetzt\s+von"),
    "editors": (r"[Ee]d(?:s)?\.\s+by", r"[Ee]dited\s+by", r"[Pp]od\s+red\.", r"[Пп]од\s+(?:общ\.\s+)?ред\.",
                r"[Oo]tv\.\s+red\.", r"[Оо]тв\.\s+ред\.", r"[Hh]rsg\.\s+von", r"[Hh]erausgegeben\s+von",
                r"[Cc]omp\.\s+by", r"[Cc]ompiled\s+by", r"[Сс]ост\."),
}
# ... and marker after them ("J. W. Morley (Ed.)", "(J. W. Morley, Trans.)").
ROLE_SUFFIXES = {
    "translators": (r"[Tt]rans\.", r"[Tt]ranslator", r"[Пп]ер\."),
    "editors": (r"[Ee]ds?\.", r"[Ee]ditors?", r"[Hh]rsg\.", r"[Rr]ed\.", r"[Рр]ед\.", r"[Cc]omp\."),
}
# Cheap pre-checks (lower case): a pattern below runs only on text holding one of its hints.
ROLE_HINTS = ("by", "red.", "ред.", "per.", "пер.", "perevod", "hrsg", "herausg", "übers", "comp.", "сост.",
              "ed.", "eds.", "trans", "editor")
THESIS_HINTS = ("diss", "thesis", "ph", "candidate", "doctor", "dis.", "дис", "avtoref", "автореф", "kand", "канд",
                "dokt", "докт")
URL_HINTS = ("http", "www.", "url", "accessed", "retrieved", "available at", "обращения", "viewed")
# A container follows: "In: Book", "In Book", "// Journal", "В кн.: Book".
CONTAINER_MARKERS = (r"[Ii]n:", r"In(?=\s)", r"//", r"[Вв]\s+кн\.:?", r"[Вв]:", r"[Ii]m:", r"[Dd]ans:")
THESIS_WORDS = (r"[Dd]issertation", r"[Tt]hesis", r"Ph\.?\s?D\.?", r"[Cc]andidate\s+of\s+\w+\s+[Ss]ciences",
                r"[Dd]octor\s+of\s+\w+\s+[Ss]ciences", r"[Dd]is\.\s", r"[Дд]исс?\.", r"[Дд]иссертаци",
                r"[Aa]vtoref", r"[Аа]втореф", r"[Kk]and\.\s+\w+\.\s+nauk", r"[Кк]анд\.\s+\w+\.\s+наук")
VOLUME_MARKERS = (r"[Vv]ols?\.", r"[Vv]olume", r"T\.", r"Т\.", r"[Tt]om", r"Bd\.", r"Band", r"Kn\.", r"Кн\.")
ISSUE_MARKERS = (r"[Nn]o\.", r"[Nn]os\.", r"№", r"[Ii]ss\.", r"[Ii]ssue", r"[Vv]yp\.", r"[Вв]ып\.",
                 r"Nr\.", r"H\.", r"Heft", r"[Nn]umber")
PAGE_MARKERS = (r"[Pp]p\.", r"[Pp]\.", r"S\.", r"SS\.", r"[Сс]\.", r"[Ss]s\.", r"[Сс]тр\.")
PAGE_COUNT_MARKERS = (r"p", r"pp", r"с", r"s", r"S", r"стр", r"л")  # "300 p.", "448 с."
# Bracketed notes that are not an English title.
MEDIUM_NOTES = ("electronic resource", "электронный ресурс", "text", "текст", "online", "map", "film")
LANGUAGE_ABBREVIATIONS = {"russ": "Russian", "rus": "Russian", "русском": "Russian", "рус": "Russian",
                          "engl": "English", "eng": "English", "jpn": "Japanese", "japan": "Japanese",
                          "germ": "German", "ger": "German", "fr": "French", "chin": "Chinese",
                          "ukr": "Ukrainian", "pol": "Polish"}
NOT_LANGUAGES = ("press", "print", "preparation", "progress", "review")
# Lines of a reference section that are never entries: contact details, notes on the article.
NON_ENTRY_WORDS = ("@", "orcid", "originally published", "first published")  # anywhere in the line, lower case
NON_ENTRY_STARTS = (
    r"(?:E-?mail|Tel\.?|Phone|Address)\s*:",
    rf"{UP}{{2,}}(?:-{UP}{{2,}})?\s+{UP}{LOW}+(?:\s+{UP}{LOW}+)?\s*[–—-]\s",  # "DEGTEV Ivan – Post-Graduate..."
    r"(?:This|The)\s+(?:article|paper|study|research|work)\b",
    r"(?:About the authors?|Information about the authors?|For citations?|Received|Accepted|"
    r"Funding|Acknowledg\w+|Conflicts? of interest|Keywords|Corresponding author|Review)\b",
    r"(?:Для цитирования|Об авторе|Сведения об авторе|Поступила|Финансирование|Благодарност)",
    r"#",  # a heading
)
# Capitalised words that open the phrase after a name, never a given name ("In J. W. Morley (Ed.)").
NOT_NAMES = ("In", "Im", "Dans", "Ed", "Eds", "Trans", "Vol", "No", "The", "A", "An", "And", "See", "Cf")
PUBLISHER_WORDS = ("press", "verlag", "publisher", "publishers", "publishing", "university", "books",
                   "izdatel", "izd-vo", "издательств", "изд-во", "nauka", "наука", "éditions", "editions")
ABBREVIATED_WORDS = frozenset(
    "vol vols no nos pp p t ed eds trans tr s ss c ch st g gg kn vyp red comp izd dr jr sr pt bd hrsg "
    "т с г гг кн вып ред изд сост пер".split())

# ---------------------------------------------------------------------------------------------
# Compiled patterns.


def alternatives(words) -> str:
    """A non-capturing group of regex alternatives, one per word of a table."""
    return "(?:" + "|".join(words) + ")"


def _any_role(table: dict[str, tuple[str, ...]]) -> str:
    return alternatives(marker for markers in table.values() for marker in markers)


def _role_groups(table: dict[str, tuple[str, ...]]) -> str:
    """One group per role, named after the Reference field it fills: (?P<translators>...)|(?P<editors>...)."""
    return "(?:" + "|".join(f"(?P<{role}>{alternatives(markers)})" for role, markers in table.items()) + ")"


LIST_MARKER = re.compile(r"^\s*(?:[-*•–—]\s+|\d{1,3}[.)]\s+|\[\d{1,4}\]\s*)")
UNDERSCORE_EMPHASIS = re.compile(r"(?<!\w)_+|_+(?!\w)")  # "_Title_" but not "a_b" in a DOI
TIDY_STOPS = re.compile(r"([.,;:])(?:\s*\.)+(?!\.)|\s+(?=[.,;:](?:\s|$))")  # "Press. ." left by a cut
DOI = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s*)?\b(?P<doi>10\.\d{4,9}/[^\s\"<>]*[^\s\"<>.,;)\]])",
    re.I)
URL_NOTE = re.compile(
    r"(?:\b(?:URL|Retrieved\s+from|Available\s+at)\s*:?\s*)?(?:https?://|www\.)\S+"
    r"|\(\s*(?:accessed|дата\s+обращения|retrieved|viewed)[^)]*\)", re.I)
LANGUAGE_NOTE = re.compile(
    r"[(\[]\s*(?:[Ii]n|[Нн]а)\s+(?P<language>[^\W\d_]+)\.?(?:\s+(?:language|яз\.?|языке))?\s*[)\]]")

# Names. An initial is "V." or "Yu."; joined initials "I.A." and "J.-P." are one token, so that
# the outer loops over spaces cannot split the same text in two ways (no backtracking blow-up).
INITIAL = rf"{UP}{LOW}?\."
INITIALS = rf"{INITIAL}(?:-?{INITIAL})*"
SURNAME_WORD = rf"{UP}[\w'’]*\w(?:-[\w'’]+)*"
SURNAME = rf"(?:{alternatives(NAME_PARTICLES)}\s*)*{SURNAME_WORD}"
GIVEN_NAME = rf"(?!{alternatives(NOT_NAMES)}\b){UP}{LOW}+(?:-{UP}{LOW}+)?"
GIVEN = rf"(?:{GIVEN_NAME}|{INITIALS})(?:\s+(?:{GIVEN_NAME}|{INITIALS})){{0,3}}"  # bounded: no long scans
# Three orders of a name: "Molodyakov, V. E." (inverted), "Molodyakov V. E." (GOST), "V. E. Molodyakov".
INVERTED_FAMILY = rf"{SURNAME}(?:\s+{SURNAME_WORD})?"
INVERTED_GIVEN = rf"{GIVEN}(?:\s+{alternatives(NAME_PARTICLES)})?"  # "Weizsäcker, E. von"
GOST_FAMILY, GOST_GIVEN = SURNAME, rf"{INITIALS}(?:\s+{INITIALS}){{0,3}}"
INVERTED = rf"{INVERTED_FAMILY},\s*{INVERTED_GIVEN}"
GOST = rf"{GOST_FAMILY}\s+{GOST_GIVEN}"
DIRECT = rf"{GIVEN}\s+{SURNAME}"
INVERTED_NAME = re.compile(rf"(?P<family>{INVERTED_FAMILY}),\s*(?P<given>{INVERTED_GIVEN})")
GOST_NAME = re.compile(rf"(?P<family>{GOST_FAMILY})\s+(?P<given>{GOST_GIVEN})")
DIRECT_NAME = re.compile(rf"(?P<given>{GIVEN})\s+(?P<family>{SURNAME})")
ONE_NAME = rf"(?:{GOST_GIVEN}\s*{SURNAME}|{SURNAME}\s+{GOST_GIVEN}|{GIVEN}\s+{SURNAME})"  # any order
NAME_LIST = rf"{ONE_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*|\s+и\s+){ONE_NAME})*(?:,?\s+{alternatives(ET_AL)})?"
SENTENCE_STOP_AFTER_NAME = re.compile(rf"(?<!\b{UP})(?<!\b{UP}{LOW})\.$")  # "Smith, John." but not "J."
ET_AL_TAIL = re.compile(rf",?\s*{alternatives(ET_AL)}\s*$")
NAME_SEPARATOR = re.compile(alternatives(NAME_SEPARATORS))
ROLE_NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*|\s+и\s+")
SPACE_AFTER_INITIAL = re.compile(r"(?<=\.)(?=\w)")

# The lead: "Author, A. (2001)." / "Author, A. 2001." / "Author A. Title" / "Title. (2001)."
PAREN_YEAR = re.compile(
    rf"\((?P<year>{YEAR})(?P<suffix>[a-z]?)(?:,[^()]{{0,40}})?\)(?=\s*[.,:\[]|\s*$)|\((?P<nd>n\.\s?d\.|б\.\s?г\.)\)")
SENTENCE_YEAR = re.compile(rf"(?<=\.)\s+(?P<year>{YEAR})(?P<suffix>[a-z]?)\.(?=\s|$)")
GOST_LEAD = re.compile(rf"(?P<names>{GOST}(?:\s*,\s*{GOST})*(?:,?\s+{alternatives(ET_AL)})?)\s+(?=\S)")
NAMES_START = re.compile(rf"{SURNAME}(?:\s+{SURNAME_WORD})?(?:,\s*|\s+)(?:{GIVEN_NAME}|{INITIAL})")
INVERTED_START = re.compile(rf"{INVERTED_FAMILY},\s*(?:{GIVEN_NAME}|{INITIAL})")
EDITOR_NOTE = re.compile(rf"\s*\((?:{alternatives(ROLE_SUFFIXES['editors'])})\)\.?\s*$")
SENTENCE_BREAK = re.compile(r"(?<=\.)\s+(?=\S)")
MAX_LEAD_BREAKS = 8  # an author block is over within this many full stops ("Smith, J. W., Jones, K. L.")
STANDALONE_YEAR = re.compile(
    rf"(?:^|(?<=[\s,.(\[{SEPS}]))(?P<year>{YEAR})(?P<suffix>[a-z]?)(?=\s*[.,;:)\]{SEPS}]|\s*$)")

# The title's end.
ENGLISH_TITLE = re.compile(r"\[(?P<title>[^\[\]]*[^\W\d_]{2}[^\[\]]*)\]")
# Chicago's "Title." Container: the stop sits inside the quotes (or right after them).
QUOTED_TITLE = re.compile(r"^\s*[\"“«„](?P<title>[^\"“”«»„]+?)(?:[,.][\"”»“]|[\"”»“](?=[.,]))(?P<after>.*)$", re.S)
PLACE = rf"{UP}[\w.'’-]*(?:\s+(?:{UP}[\w.'’-]*|am|an|upon|on|sur|de|del|na)){{0,3}}"  # "Frankfurt am Main"
PLACES = rf"{PLACE}(?:\s*[;,–—]\s*{PLACE})?"
TITLE_END = re.compile(
    rf"\s+//\s+"
    rf"|\s+/\s+(?={_any_role(ROLE_PREFIXES)}|{ONE_NAME})"
    rf"|(?<=[.?!\"”])\s+(?={alternatives(CONTAINER_MARKERS)}\s)"
    rf"|(?<=[.?!\"”])\s+(?={_any_role(ROLE_PREFIXES)})"
    rf"|(?<=[.?!\"”])\s+(?={alternatives(VOLUME_MARKERS + ISSUE_MARKERS)}\s*[\dIVXLC])"
    rf"|\s*\((?={alternatives(PAGE_MARKERS)}\s*\d)"
    rf"|(?<=\.)\s+(?={PLACES},\s*{YEAR}\.?$)"
    rf"|\s*\((?=[^()]*{alternatives(THESIS_WORDS)})"
    rf"|\s*:\s*(?={alternatives(THESIS_WORDS)})"
    rf"|\s+\((?={NAME_LIST},\s*{_any_role(ROLE_SUFFIXES)}\))")
PLACE_BOUNDARY = re.compile(rf"(?:^|(?<=[.?!\"”{SEPS}]))\s*(?={PLACES}\s*:\s*\S)")

# Pieces cut out of the tail.
ROLE_BEFORE_NAMES = re.compile(rf"(?:^|(?<=[\s/.,;(])){_role_groups(ROLE_PREFIXES)}\s*(?P<names>{NAME_LIST})")
ROLE_AFTER_NAMES = re.compile(rf"\(?(?P<names>{NAME_LIST})\s*(?:,\s*|\(){_role_groups(ROLE_SUFFIXES)}\)")
THESIS = re.compile(rf"(?:dis|дис|avtoref\.\s*dis|автореф\.\s*дис)\.\s*(?:\.\.\.|…)?\s*(?:kand|dokt|канд|докт)\.\s*"
                    rf"\w+\.\s*(?:nauk|наук)\.?"  # GOST: "dis. ... kand. ist. nauk."
                    rf"|\([^()]*{alternatives(THESIS_WORDS)}[^()]*\)|{alternatives(THESIS_WORDS)}[^.]*\.?", re.I)
CONTAINER_MARKER = re.compile(rf"(?:^|(?<=[\s.,{SEPS}]))(?:{alternatives(CONTAINER_MARKERS)})\s*")
EXPLICIT_PAGES = re.compile(rf"\(?(?<![\w.])(?:{alternatives(PAGE_MARKERS)})\s*(?P<pages>{PAGE_RANGE})\)?(?!\w)")
PAGE_COUNT = re.compile(rf"(?<![\w–—-])\d+\s*(?:{alternatives(PAGE_COUNT_MARKERS)})\.(?=\s*(?:$|[{SEPS}]|\.))")
VOLUME = re.compile(rf"(?<!\w)(?:{alternatives(VOLUME_MARKERS)})\s*(?P<volume>[\dIVXLC]+[a-z]?)(?!\w)")
ISSUE = re.compile(rf"(?<!\w)(?:{alternatives(ISSUE_MARKERS)})\s*(?P<issue>\d+[a-z]?(?:\s*[–/-]\s*\d+)?)(?!\w)")
# How journals number an article at the end of an entry, tried in this order. A number right after
# a marker ("No. 3, 16–32") is left to the markers.
_NUMBERS_END = r"\s*\.?\s*$"
_PAGES = r"(?P<pages>\d+(?:\s*[–—-]\s*\d+)?)"
_ISSUE_IN_PARENS = r"\s*\((?P<issue>[^()]{1,12})\)"
_AFTER_NAME = r"(?<![.№])(?:,\s*|\s+)"
JOURNAL_NUMBERS = tuple(re.compile(pattern + _NUMBERS_END) for pattern in (
    rf",\s*(?P<year>{YEAR}),\s*(?P<issue>\d{{1,4}}),\s*{_PAGES}",  # "Journal, 2022, 3, 16–32"
    rf"{_AFTER_NAME}(?!{YEAR}\s*,)(?P<volume>\d{{1,4}})(?:{_ISSUE_IN_PARENS})?\s*[,:]\s*{_PAGES}",  # ", 14 (6), 92–116"
    rf",\s*{_ISSUE_IN_PARENS},\s*{_PAGES}",  # "Journal, (2), 5–20"
    rf"\s+(?P<volume>\d{{1,4}}),\s*[Nn]os?\.\s*(?P<issue>[\w/–-]{{1,8}})\s*:\s*{_PAGES}",  # "Journal 24, no. 4: 659–77"
    rf"{_AFTER_NAME}(?P<volume>\d{{1,4}}){_ISSUE_IN_PARENS}",  # "Journal, 1 (75)"
))
IMPRINT = re.compile(
    rf"(?P<place>{PLACES})\s*:\s*(?P<publisher>[^,;()\s][^,;()]*?)"
    rf"(?=\s*(?:[,;(]|\.\s*(?:$|[{SEPS}]|\d|\(|{UP}{LOW}*\.?\s*\d)|$|[{SEPS}]))"
    rf"(?:\s*,\s*(?P<year>{YEAR})(?P<suffix>[a-z]?)(?![\d–—-]))?")
PLACE_YEAR = re.compile(rf"(?:^|(?<=[.\s{SEPS}]))(?P<place>{PLACES}),\s*(?P<year>{YEAR})(?P<suffix>[a-z]?)\s*\.?\s*$")
BARE_PAGES = re.compile(rf"^[\s,.:;]*(?P<pages>\d+\s*[–—-]\s*\d+)[\s.,;]*$")
LONE_PLACE = re.compile(rf"^\s*(?P<place>{PLACES})\s*(?:,\s*{YEAR})?\s*\.?\s*$")
PUNCTUATION_EDGES = re.compile(r"^[\s.,;:/]+|[\s.,;:/]+$")
NON_ENTRY_START = re.compile(alternatives(NON_ENTRY_STARTS), re.I)
WORD = re.compile(r"\w+")
LINE = re.compile(r"[^\n]+")
SENTENCE_END = re.compile(r"[.?!]\s+(?=\S)")
DASHES = re.compile(r"\s*[—-]\s*|\s+–\s+")  # page ranges get an en dash
DIGIT = re.compile(r"\d")
COMBINING_MARK = re.compile(r"[\u0300-\u036f]")
NOT_ASCII = re.compile(r"[^\x00-\x7f]")
LABEL_END = re.compile(rf":|(?<!\b{UP})\.(?=\s|$)")
CYRILLIC_TO_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "iu", "я": "ia", "і": "i", "ї": "i", "є": "e", "ґ": "g"})
ENTRY_END = re.compile(r"(?:[.)\]]|https?://\S+|10\.\d{4,9}/\S+)$")  # DOIs and URLs close entries unpunctuated
CONTINUATION_START = re.compile(rf"[({LOW}\[](?!\d{{1,4}}\])")
LAST_INITIAL = re.compile(rf"(?:^|\s){INITIAL}$")
SLUG_WORDS = 6
MAX_ENTRY = 2000  # longer text is not one reference: parse its head only, keep ``text`` whole


# ---------------------------------------------------------------------------------------------
# One entry.


@dataclass
class _Tail:
    """The part of an entry after its title, with each recognised piece cut out in turn."""

    text: str
    year: tuple[int, str] | None = None  # (year, letter) when the tail gives it: "M.: Nauka, 2001"
    is_thesis: bool = False
    is_journal: bool = False  # numbered like a journal: "Journal, 14 (6), 92–116"

    def cut(self, match: re.Match, mark: str = SEP) -> None:
        self.text = self.text[:match.start()] + mark + self.text[match.end():]

    def segments(self) -> tuple[list[str], list[str]]:
        """The pieces left between the cuts: before a container marker, and from it on."""
        before, _, after = self.text.partition(CONTAINER_SEP)
        return _pieces(before), _pieces(after)


def _pieces(text: str) -> list[str]:
    return [piece for piece in (PUNCTUATION_EDGES.sub("", part) for part in text.split(SEP)) if piece]


def parse_reference(text: str) -> Reference:
    """Parse one reference-list entry (list marker and Markdown emphasis are tolerated)."""
    ref = Reference(id="", label="", text=text.strip())
    clean = _take_notes(ref, _clean(text[:MAX_ENTRY]))
    year, suffix, rest = _take_lead(ref, clean)
    tail = _Tail(_take_title(ref, rest))
    _read_tail(ref, tail, need_year=year is None)
    if year is None:
        year, suffix = tail.year or _any_year(clean)
    ref.year = year
    ref.label = _label(ref, suffix)
    ref.id = _slug(ref, suffix)
    return ref


def _clean(text: str) -> str:
    text = LIST_MARKER.sub("", text, count=1).replace("*", "")
    if "_" in text:
        text = UNDERSCORE_EMPHASIS.sub("", text)
    return " ".join(text.split())


def _take_notes(ref: Reference, text: str) -> str:
    """Set DOI and language; drop URLs and access dates, which would only confuse what follows."""
    text = _take_language(ref, _take_doi(ref, text))
    if _hinted(text, URL_HINTS):
        text = URL_NOTE.sub(" ", text)
    return TIDY_STOPS.sub(r"\1", text).strip()


def _take_doi(ref: Reference, text: str) -> str:
    match = DOI.search(text) if "10." in text else None
    if not match:
        return text
    ref.doi = match.group("doi")
    return text[:match.start()] + text[match.end():]


def _take_language(ref: Reference, text: str) -> str:
    for match in LANGUAGE_NOTE.finditer(text):
        word = match.group("language")
        if word.lower() in NOT_LANGUAGES:
            continue
        ref.language = LANGUAGE_ABBREVIATIONS.get(word.lower(), word[:1].upper() + word[1:])
        return text[:match.start()] + text[match.end():]
    return text


# --- the lead: authors and year -------------------------------------------------------------


def _take_lead(ref: Reference, text: str) -> tuple[int | None, str, str]:
    """Authors and year at the head of the entry; returns (year, suffix, the rest)."""
    for pattern in (PAREN_YEAR, SENTENCE_YEAR):
        match = pattern.search(text)
        if match and _take_names(ref, text[:match.start()]):
            return _year_of(match), match.group("suffix") or "", _after(text, match.end())
    match = GOST_LEAD.match(text)
    authors = parse_names(match.group("names")) if match else None
    if authors:
        ref.authors = authors
        return _title_led_year(text[match.end():])
    return _inverted_lead(ref, text)


def _take_names(ref: Reference, head: str) -> bool:
    """Set the authors — or the editors of an edited volume, "Morley, J. W. (Ed.)." — from a head."""
    editors = EDITOR_NOTE.search(head) if head.rstrip(" .").endswith(")") else None
    names = parse_names(head[:editors.start()] if editors else head)
    if names:
        setattr(ref, "editors" if editors else "authors", names)
    return names is not None


def _inverted_lead(ref: Reference, text: str) -> tuple[int | None, str, str]:
    """ "Erickson, John. The Soviet High Command..." — the longest run of names before a full stop.

    Tried stop by stop rather than by one pattern: a pattern for a list of names in either order
    can split "A B, A B, A B" in exponentially many ways before it fails.
    """
    best = None
    if not INVERTED_START.match(text):
        return _title_led_year(text)
    for i, stop in enumerate(SENTENCE_BREAK.finditer(text)):
        if i == MAX_LEAD_BREAKS:
            break
        authors = parse_names(text[:stop.start()])
        if authors:
            best = (authors, stop.end())
    if best is None:
        return _title_led_year(text)
    ref.authors = best[0]
    return _title_led_year(text[best[1]:])


def _title_led_year(text: str) -> tuple[int | None, str, str]:
    """A year in parentheses after the lead ("Title. (1998).", "Journal 26 (1974): 1–9"): cut it out."""
    match = PAREN_YEAR.search(text)
    if not match:
        return None, "", text
    joined = text[:match.start()].rstrip() + text[match.end():]
    return _year_of(match), match.group("suffix") or "", TIDY_STOPS.sub(r"\1", joined)


def _year_of(match: re.Match) -> int | None:
    return int(match.group("year")) if match.group("year") else None


def _after(text: str, end: int) -> str:
    return text[end:].lstrip(" .,:")


def _any_year(text: str) -> tuple[int | None, str]:
    """Last resort: the last year that stands alone (not in a range like 1937–1939)."""
    last = None
    for last in STANDALONE_YEAR.finditer(text):
        pass
    return (int(last.group("year")), last.group("suffix")) if last else (None, "")


def parse_names(block: str) -> list[dict[str, str]] | None:
    """CSL name dicts from an author block, or None when the block is not a list of names."""
    block = SENTENCE_STOP_AFTER_NAME.sub("", block.strip(" ,;"))
    if not NAMES_START.match(block):
        return None
    block, et_al = ET_AL_TAIL.sub("", block), bool(ET_AL_TAIL.search(block))
    names: list[dict[str, str]] = []
    for part in NAME_SEPARATOR.split(block):
        part_names = _names_in_part(part.strip(" ,"), first=not names)
        if part_names is None:
            return None
        names.extend(part_names)
    if et_al:
        names.append({"literal": "et al."})
    return names or None


def _names_in_part(part: str, first: bool) -> list[dict[str, str]] | None:
    """A comma-separated run of names: "Smith, J., Jones, K." or "Smith J., Jones K."."""
    tokens = [t.strip() for t in part.split(",")]
    names, i = [], 0
    while i < len(tokens):
        pair = INVERTED_NAME.fullmatch(f"{tokens[i]}, {tokens[i + 1]}") if i + 1 < len(tokens) else None
        if pair:
            names.append(_name(pair))
            i += 2
            continue
        # Only the first author of a block stands family-first without a comma (GOST); the
        # later ones may also be "John Smith" (Chicago's "Smith, John, and Mary Jones").
        single = GOST_NAME.fullmatch(tokens[i]) or (None if first and not names else DIRECT_NAME.fullmatch(tokens[i]))
        if not single:
            return None
        names.append(_name(single))
        i += 1
    return names


def _name(match: re.Match) -> dict[str, str]:
    given = SPACE_AFTER_INITIAL.sub(" ", match.group("given"))  # "I.A." → "I. A."
    return {"family": match.group("family"), "given": given}


def _names_from(text: str) -> list[dict[str, str]]:
    """Names after a responsibility marker, in any order of given and family name."""
    text, et_al = ET_AL_TAIL.sub("", text.strip(" ,;")), bool(ET_AL_TAIL.search(text))
    names = []
    for part in ROLE_NAME_SEPARATOR.split(text):
        match = GOST_NAME.fullmatch(part) or DIRECT_NAME.fullmatch(part)
        if match:
            names.append(_name(match))
        elif part:
            names.append({"literal": part})
    return names + ([{"literal": "et al."}] if et_al else [])


# --- the title ------------------------------------------------------------------------------


def _take_title(ref: Reference, rest: str) -> str:
    """Set title (and the English title in brackets); return the tail after it."""
    english = ENGLISH_TITLE.search(rest)
    while english and english.group("title").strip().lower() in MEDIUM_NOTES:
        english = ENGLISH_TITLE.search(rest, english.end())
    if english:
        ref.title_en = english.group("title").strip()
        title, tail = rest[:english.start()], rest[english.end():]
    elif quoted := QUOTED_TITLE.match(rest):
        title, tail = quoted.group("title"), quoted.group("after")
    else:
        end = _title_end(rest)
        title, tail = rest[:end], rest[end:]
    ref.title = _strip_title(title)
    return tail


def _strip_title(title: str) -> str | None:
    """Trim punctuation around a title but keep the period of a closing abbreviation ("v 2 t.")."""
    stripped = PUNCTUATION_EDGES.sub("", title)
    last_word = stripped.rsplit(" ", 1)[-1].lower()
    if title.rstrip(" ,;:/").endswith(".") and (last_word in ABBREVIATED_WORDS or
                                                 len(last_word) == 1 and last_word.isalpha()):
        stripped += "."
    return stripped or None


def _title_end(rest: str) -> int:
    """Where an unmarked title stops: the earliest mark of what follows, or a journal's name."""
    ends = [m.start() for m in (TITLE_END.search(rest),) if m]
    places = list(PLACE_BOUNDARY.finditer(rest))
    if places and places[-1].start() > 0:
        ends.append(places[-1].start())  # the last imprint: titles may have colons themselves
    journal = None if ends else _first_match(JOURNAL_NUMBERS, rest)
    if journal:
        return _last_sentence_break(rest[:journal.start()])
    return min(ends) if ends else len(rest)


def _last_sentence_break(text: str) -> int:
    """The start of the last sentence ("Title. Journal of Things") or the end if there is none."""
    best = len(text)
    for match in SENTENCE_END.finditer(text):
        word = text[:match.start()].rsplit(" ", 1)[-1]
        if len(word) > 1 and word.lower().strip("(") not in ABBREVIATED_WORDS:
            best = match.start()
    return best


# --- the tail -------------------------------------------------------------------------------


def _read_tail(ref: Reference, tail: _Tail, need_year: bool) -> None:
    _take_roles(ref, tail)
    _take_thesis(ref, tail)
    has_container_marker = _take_container_marker(tail)
    _take_journal_numbers(ref, tail)
    _take_numbering(ref, tail)
    if not tail.is_journal:
        _take_imprint(ref, tail)
    if need_year:
        _take_tail_year(tail)
    _read_segments(ref, tail, has_container_marker)
    ref.type = _type_of(ref, tail, has_container_marker)


def _take_roles(ref: Reference, tail: _Tail) -> None:
    if not _hinted(tail.text, ROLE_HINTS):
        return
    for pattern in (ROLE_BEFORE_NAMES, ROLE_AFTER_NAMES):
        for match in reversed(list(pattern.finditer(tail.text))):
            role = next(role for role in ROLE_PREFIXES if match.group(role))
            getattr(ref, role)[:0] = _names_from(match.group("names"))  # found last to first
            tail.cut(match)


def _hinted(text: str, hints: tuple[str, ...]) -> bool:
    lower = text.lower()
    return any(hint in lower for hint in hints)


def _take_thesis(ref: Reference, tail: _Tail) -> None:
    match = THESIS.search(tail.text) if _hinted(tail.text, THESIS_HINTS) else None
    if match:
        tail.is_thesis = True
        tail.cut(match)


def _take_container_marker(tail: _Tail) -> bool:
    """Cut "In:" or "//", leaving a mark the container follows."""
    match = CONTAINER_MARKER.search(tail.text)
    if match:
        tail.cut(match, CONTAINER_SEP)
    return match is not None


def _take_numbering(ref: Reference, tail: _Tail) -> None:
    if not DIGIT.search(tail.text):
        return
    for pattern, name in ((EXPLICIT_PAGES, "pages"), (VOLUME, "volume"), (ISSUE, "issue")):
        match = pattern.search(tail.text) if getattr(ref, name) is None else None
        if match:
            setattr(ref, name, _dash(match.group(name)))
            tail.cut(match)
    for match in reversed(list(PAGE_COUNT.finditer(tail.text))):
        tail.cut(match)  # "300 p." counts a book's pages; it is not a page range


def _take_imprint(ref: Reference, tail: _Tail) -> None:
    """"Place: Publisher[, Year]" — the last one, as titles have colons too; or GOST's bare "M., 2001"."""
    boundaries = [m.end() for m in PLACE_BOUNDARY.finditer(tail.text)]
    match = next((m for m in (IMPRINT.match(tail.text, start) for start in reversed(boundaries)) if m), None)
    match = match or PLACE_YEAR.search(tail.text)
    if not match:
        return
    found = match.groupdict()
    ref.place = found["place"].strip()
    ref.publisher = found.get("publisher") and found["publisher"].strip()
    if found["year"]:
        tail.year = (int(found["year"]), found["suffix"])
    tail.cut(match)


def _take_journal_numbers(ref: Reference, tail: _Tail) -> None:
    if not DIGIT.search(tail.text):
        return
    match = _first_match(JOURNAL_NUMBERS, tail.text)
    if match:
        found = match.groupdict()
        ref.volume, ref.issue = found.get("volume"), found.get("issue") and found["issue"].strip()
        ref.pages = found.get("pages") and _dash(found["pages"])
        tail.is_journal = True
        tail.cut(match)


def _first_match(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    return next((match for match in (pattern.search(text) for pattern in patterns) if match), None)


def _take_tail_year(tail: _Tail) -> None:
    """GOST and Chicago bibliography styles give the year late: "Journal. 2001. No. 3"."""
    if tail.year:
        return
    found = None
    for found in STANDALONE_YEAR.finditer(tail.text):
        pass
    if found:
        tail.year = (int(found.group("year")), found.group("suffix"))
        tail.cut(found)


def _read_segments(ref: Reference, tail: _Tail, has_container_marker: bool) -> None:
    """What stayed between the cuts: a bare page range, the container, a lone place or publisher."""
    before, after = (_without_pages(ref, pieces) for pieces in tail.segments())
    if has_container_marker and after:
        ref.container = after.pop(0)
    elif before and (tail.is_journal or (ref.volume or ref.issue) and ref.publisher is None):
        ref.container = before.pop(0)
    for segment in before + after:
        if ref.publisher is None and any(word in segment.lower() for word in PUBLISHER_WORDS):
            ref.publisher = segment
        elif ref.place is None and tail.is_thesis and (place := LONE_PLACE.match(segment)):
            ref.place = place.group("place")  # "(PhD Dissertation). Saint Petersburg."


def _without_pages(ref: Reference, segments: list[str]) -> list[str]:
    """Take a segment that is only a page range ("..., 179–257.") as the pages."""
    kept = []
    for segment in segments:
        bare = BARE_PAGES.match(segment)
        if bare and ref.pages is None:
            ref.pages = _dash(bare.group("pages"))
        else:
            kept.append(segment)
    return kept


def _type_of(ref: Reference, tail: _Tail, has_container_marker: bool) -> str:
    if tail.is_thesis:
        return "thesis"
    if ref.container and (has_container_marker and (ref.publisher or ref.place or ref.editors)):
        return "chapter"
    if ref.container and (ref.volume or ref.issue or ref.pages):
        return "article-journal"
    if ref.container and has_container_marker:
        return "chapter"
    return "book"


def _dash(pages: str) -> str:
    return DASHES.sub("–", pages.strip())


# --- label and id ---------------------------------------------------------------------------


def _label(ref: Reference, suffix: str) -> str:
    """How a reader cites the work: "Molodyakov 2012", "A and B 2001", "A et al. 2001", "1941 god 1998"."""
    year = f"{ref.year}{suffix}" if ref.year else "n.d."
    return f"{_label_key(ref)} {year}".strip()


def _label_key(ref: Reference) -> str:
    names = ref.authors or ref.editors
    people = [a for a in names if a.get("family")]
    if people:
        if len(people) >= 3 or len(people) < len(names):
            return f"{people[0]['family']} et al."
        return " and ".join(p["family"] for p in people)
    title = ref.title or ref.text
    return LABEL_END.split(title, maxsplit=1)[0].strip()


def _slug(ref: Reference, suffix: str) -> str:
    people = [a["family"] for a in ref.authors or ref.editors if a.get("family")]
    words = WORD.findall(_ascii(people[0] if people else _label_key(ref)))[:SLUG_WORDS]
    year = f"{ref.year}{suffix}" if ref.year else "nd"
    return "-".join([*words, year]) if words else f"ref-{year}"


def _ascii(text: str) -> str:
    """Lower-case ASCII for ids: Cyrillic transliterated, accents dropped, other signs made spaces."""
    text = unicodedata.normalize("NFKD", text.lower().translate(CYRILLIC_TO_LATIN))
    return NOT_ASCII.sub(" ", COMBINING_MARK.sub("", text)).replace("_", " ")


# ---------------------------------------------------------------------------------------------
# The list.


@dataclass
class _Entry:
    lines: list[str]
    start: int
    end: int
    marked: bool  # began with a list marker


def parse_reference_list(chunks: list[tuple[str, int]]) -> list[Reference]:
    """Entries of a reference section given as (text, offset-in-file) chunks, parsed, with unique ids.

    One entry per line or paragraph; a line that clearly continues the previous one is joined to
    it. ``text`` is the entry without its list marker, its lines joined by single spaces;
    ``source_start``/``source_end`` span those lines in the file.
    """
    references = []
    for entry in _entries(chunks):
        ref = parse_reference(" ".join(entry.lines))
        if ref.year is None and not _title_like(ref):
            continue
        ref.source_start, ref.source_end = entry.start, entry.end
        references.append(ref)
    _make_ids_unique(references)
    return references


def _entries(chunks: list[tuple[str, int]]) -> list[_Entry]:
    entries: list[_Entry] = []
    previous: _Entry | None = None  # the entry a next line may continue
    previous_line_end = None
    for chunk, offset in chunks:
        for line in LINE.finditer(chunk):
            marker = LIST_MARKER.match(line.group())
            body_start = line.start() + (marker.end() if marker else len(line.group()) - len(line.group().lstrip()))
            body = chunk[body_start:line.end()].rstrip()
            adjacent = previous_line_end == offset + line.start() - 1  # no blank line in between
            previous_line_end = offset + line.end()
            if not body:
                continue
            if _not_an_entry(body):
                previous = None
                continue
            start, end = offset + body_start, offset + body_start + len(body)
            if previous and not marker and _continues(previous, body, adjacent):
                previous.lines.append(body)
                previous.end = end
            else:
                previous = _Entry([body], start, end, marker is not None)
                entries.append(previous)
    return entries


def _not_an_entry(line: str) -> bool:
    lower = line.lower()
    return NON_ENTRY_START.match(line) is not None or any(word in lower for word in NON_ENTRY_WORDS)


def _continues(entry: _Entry, line: str, adjacent: bool) -> bool:
    """Whether a line without a list marker goes on with the entry before it.

    It does in a marked list when no blank line parts them; after a hyphen; when it starts in
    lower case or with a bracket; when the entry broke off mid-sentence and this line does not
    open with an author's name; and when the entry so far is only an author's name.
    """
    last = entry.lines[-1]
    if (entry.marked and adjacent) or last.endswith("-") or CONTINUATION_START.match(line):
        return True
    if not ENTRY_END.search(last):
        return not (INVERTED_START.match(line) or GOST_LEAD.match(line))
    # "Molodyakov, V. E." then "(2012). Title..." on the next line: the lead is not complete yet.
    # Only the entry's head can hold the year that completes a lead, so no more is searched.
    return bool(LAST_INITIAL.search(last)) and not STANDALONE_YEAR.search(" ".join(entry.lines[:MAX_LEAD_BREAKS]))


def _title_like(ref: Reference) -> bool:
    return bool(ref.title) and len(WORD.findall(ref.title)) >= 3


def _make_ids_unique(references: list[Reference]) -> None:
    """Works sharing an id (two by one author in one year) become id-a, id-b, ... in list order."""
    groups: dict[str, list[Reference]] = {}
    for ref in references:
        groups.setdefault(ref.id, []).append(ref)
    for same in groups.values():
        if len(same) > 1:
            for i, ref in enumerate(same):
                ref.id = f"{ref.id}-{_letter(i)}"


def _letter(i: int) -> str:
    return chr(ord("a") + i) if i < 26 else f"{chr(ord('a') + i // 26 - 1)}{chr(ord('a') + i % 26)}"
