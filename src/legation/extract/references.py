"""Reference lists: split a reference section into entries and parse each entry into a Reference.

Styles met in diplomatic history, all parsed by the same steps (best effort, never raising):

- APA as Russian journals print it: ``Ermakov, D. N. (2022). Title [English title]. Journal,
  2022, 3, 16–32. (In Russian).``; title-led works put the title before the year:
  ``1941 god: v 2 knigah. (1998). [1941: In Two Parts]. Moscow: Publisher.``
- Chicago author-date and bibliography: ``Molodyakov, Vasilii. 2012. Title. Moscow: AIRO-XXI.``,
  ``Hosoya, Chihiro. "Title." World Politics 26 (3): 353–72.``
- GOST (Russian): ``Molodyakov V. E. Title. M.: AIRO-XXI, 2012. 448 p.`` and
  ``Author A. B. Title // Journal. 2001. No. 3. P. 5–12.``
- Chicago notes-bibliography and MLA as digital-history essays print them: ``Hu, Minqing, and Bing
  Liu, 'Title.', *Proceedings* (KDD-2004), 2004.``, ``Liu, Bing. *Title* (Morgan & Claypool,
  2012).``, ``Peden, William, ed. Title...``, ``———. "Title." ...``, ``Nielsen, Finn Årup. 'Title'
  (2009-2011).``; and names given name first, ``Greta Franzini, Maria Moritz. Title. In *Book*.
  (2018). [Link](url)`` — a list written so (most of its entries) also reads ``Lincoln Mullen.``
  as a name.

Markdown is read, not parsed as text: list markers, ``[text](url)`` links, backslash escapes and
emphasis go, and what was set in emphasis marks a title (``*Title*`` at the head of what follows
the authors) or a container (``Title. *Journal* 27``, ``In *Book*``).

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
UNDATED = "n.d."  # the lead says the work has no date
SEP = "\x1f"  # stands where a recognised piece was cut out of the tail
CONTAINER_SEP = "\x1e"  # stands where "In:" or "//" was: the container follows it
SEPS = SEP + CONTAINER_SEP

# ---------------------------------------------------------------------------------------------
# Tables of words. Each is data: add a language's form here, not a new branch in the code.
NAME_PARTICLES = ("von", "van", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la",
                  "ten", "ter", "al", "el", "bin", "ibn", "d'", "dos", "das", "y", "e")  # "Agüera y Arcas"
ET_AL = (r"et\s+al\.?", r"и\s+др\.?", r"u\.\s*a\.", r"and\s+others")
NAME_SEPARATORS = (r",?\s+and\s+", r",?\s*&\s*", r",?\s+и\s+", r",?\s+und\s+", r";\s*",
                   # "Jiménez, C. M., y Calvo Tello, J.": the Spanish, Portuguese and French "and" separates
                   # only after a comma or an initial, as "y" and "e" also join double family names
                   r",\s+(?:y|e|et(?!\s+al\b))\s+", r"(?<=\.)\s+(?:y|e|et(?!\s+al\b))\s+")
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
THESIS_HINTS = ("diss", "thesis", "tesis", "trabajo de fin", "mémoire", "thèse", "ph", "candidate", "doctor", "dis.", "дис", "avtoref", "автореф", "kand", "канд",
                "dokt", "докт")
URL_HINTS = ("http", "www.", "url", "accessed", "retrieved", "available at", "обращения", "viewed")
# A container follows: "In: Book", "In Book", "// Journal", "В кн.: Book".
CONTAINER_MARKERS = (r"[Ii]n:", r"In(?=\s)", r"//", r"[Вв]\s+кн\.:?", r"[Вв]:", r"[Ii]m:", r"[Dd]ans:")
THESIS_WORDS = (r"[Dd]issertation", r"[Tt]hesis", r"[Tt]esis", r"[Tt]rabajo\s+de\s+[Ff]in\s+de\s+\w+",
                r"[Mm]aster'?s\s+[Tt]hesis", r"[Mm]émoire\s+de", r"[Tt]hèse", r"Ph\.?\s?D\.?", r"[Cc]andidate\s+of\s+\w+\s+[Ss]ciences",
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
    # prose that cites the list: "Smith et al. (2015) introduce...", "Cordell (2015) applied..."
    rf"{UP}[\w'’-]+(?:\s+et\s+al\.|\s+(?:and|&)\s+{UP}[\w'’-]+)?\s+\({YEAR}[a-z]?\)\s+{LOW}",
)
# Words an entry may open with that belong to the text around it, not to the work ("See also").
LEAD_INS = (r"[Ss]ee\s+also", r"[Ss]ee", r"[Cc]f\.", r"[Cc]ompare", r"[Vv]gl\.", r"[Vv]oir\s+aussi", r"[Vv]éase(?:\s+también)?",
            r"[Сс]м\.\s+также", r"[Сс]м\.", r"[Сс]р\.")
# "———." or "---," for the author(s) of the entry before (Chicago's 3-em dash).
SAME_AUTHORS = r"(?:[—–]{2,}|-{2,}|_{3,})\s*[.,]?(?:\s*(?P<editors>eds?\.|editors?|comp\.)[.,]?)?"
# Words before a year in parentheses: "(Spring 2022)", "(February 14, 2019)".
DATE_WORDS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December", r"Jan\.", r"Feb\.", r"Mar\.", r"Apr\.", r"Jun\.", r"Jul\.", r"Aug\.",
              r"Sept?\.", r"Oct\.", r"Nov\.", r"Dec\.", "Spring", "Summer", "Autumn", "Fall", "Winter")
# Works without a date: "(n.d.)", Spanish "s.f.", German "o.J.", Russian "б. г.".
NO_DATE = (r"n\.\s?d\.", r"s\.\s?f\.", r"o\.\s?J\.", r"б\.\s?г\.", r"б\.\s?д\.")
# A link's text that only stands for its address: "[Link](https://doi.org/...)".
LINK_WORDS = ("link", "here", "online", "pdf", "web", "url", "doi", "html", "full text", "enlace", "ссылка")
# Capitalised words that open the phrase after a name, never a given name ("In J. W. Morley (Ed.)").
NOT_NAMES = ("In", "Im", "Dans", "Ed", "Eds", "Trans", "Vol", "No", "The", "A", "An", "And", "See", "Cf")
# Words that make an entry's last sentence its publisher ("... Imperial College Press.").
PUBLISHER_NAMES = ("Press", "Publishing", "Publishers", "Publisher", "Verlag", "Books", "Éditions", "Editions",
                   "Routledge", "Springer", "Palgrave", "Macmillan", "Wiley", "Elsevier", "Norton", "Penguin",
                   "Sage", "Brill", "Blackwell")
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
# Markdown: "[text](address)" (the address may hold parentheses and a line break), "<address>", "\*".
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\(\s*(?P<url>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)")
ANGLE_URL = re.compile(r"<(?P<url>(?:https?://|www\.)[^<>\s]+)>")
BACKSLASH_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!'\"])")
# Emphasis: "*Title*", "**27**", "_Title_" (not "a_b"); the title or the container of an entry.
EMPHASIS = re.compile(r"(?P<mark>\*{1,3})(?P<text>[^*]+?)(?P=mark)|(?<![\w_])(?P<umark>_{1,2})(?P<utext>[^_]+?)(?P=umark)(?![\w_])")
LINK_TARGET = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:|www\.|/|#)")  # what a link's address starts with
LETTER = re.compile(r"[^\W\d_]")
LEAD_IN = re.compile(rf"^{alternatives(LEAD_INS)}\s*:?\s+(?=\S)")
SAME_AUTHORS_LEAD = re.compile(rf"^\s*{SAME_AUTHORS}\s*")
TIDY_STOPS = re.compile(r"([.,;:])(?:\s*\.)+(?!\.)|\s+(?=[.,;:](?:\s|$))")  # "Press. ." left by a cut (not "...")
DOI = re.compile(
    r"(?:(?:https?://)?(?:dx\.)?doi\.org/|\bdoi:\s*|\bDOI:?\s*)?\b(?P<doi>10\.\d{4,9}/[^\s\"<>]*[^\s\"<>.,;)\]])",
    re.I)
URL_NOTE = re.compile(
    r"(?:\b(?:URL|Retrieved\s+from|Available\s+at)\s*:?\s*)?(?:https?://|www\.)\S+"
    r"|\(\s*(?:accessed|дата\s+обращения|retrieved|viewed)[^)]*\)"
    r"|\b(?:accessed|retrieved|viewed|consulted|consultado)\s+(?:on\s+|el\s+)?[^.()]{0,30}?\b(?:1[5-9]|20)\d\d\b\.?",
    re.I)
LANGUAGE_NOTE = re.compile(
    r"[(\[]\s*(?:[Ii]n|[Нн]а)\s+(?P<language>[^\W\d_]+)\.?(?:\s+(?:language|яз\.?|языке))?\s*[)\]]")

# Names. An initial is "V." or "Yu."; joined initials "I.A." and "J.-P." are one token, so that
# the outer loops over spaces cannot split the same text in two ways (no backtracking blow-up).
INITIAL = rf"{UP}{LOW}?\."
INITIALS = rf"{INITIAL}(?:-?{INITIAL})*"
BARE_INITIAL = rf"{UP}(?![\w'’.-])"  # "Axel J Soto", "Williams, Blair E": an initial without its stop
SURNAME_WORD = rf"{UP}[\w'’]*\w(?:-[\w'’]+)*"
SURNAME = rf"(?:{alternatives(NAME_PARTICLES)}(?:\s+|(?<=')))*{SURNAME_WORD}"  # whole words: one way to split
GIVEN_NAME = rf"(?!{alternatives(NOT_NAMES)}\b){UP}{LOW}+(?:-{UP}{LOW}+)?"
GIVEN = rf"(?:{GIVEN_NAME}|{INITIALS})(?:\s+(?:{GIVEN_NAME}|{INITIALS}|{BARE_INITIAL})){{0,3}}"  # bounded: no long scans
# Three orders of a name: "Molodyakov, V. E." (inverted), "Molodyakov V. E." (GOST), "V. E. Molodyakov".
INVERTED_FAMILY = rf"{SURNAME}(?:\s+{SURNAME}){{0,2}}"  # "Santa María Fernández", "Agüera y Arcas"
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
FULL_WORD = re.compile(rf"{UP}{LOW}")  # a word that is not an initial
TITLE_AFTER_INITIAL = re.compile(rf"{INITIAL}\s+{UP}{LOW}+\s+{UP}{LOW}")
QUOTE_MARK = re.compile(r"[\"“«„‘]|(?<!\w)'")
INITIAL_IN_GIVEN = re.compile(rf"(?:^|\s){UP}{LOW}?\.|(?:^|\s){UP}(?!\S)")
SENTENCE_STOP_AFTER_NAME = re.compile(rf"(?<!\b{UP})(?<!\b{UP}{LOW})\.$")  # "Smith, John." but not "J."
ET_AL_TAIL = re.compile(rf",?\s*{alternatives(ET_AL)}\s*$")
NAME_SEPARATOR = re.compile(alternatives(NAME_SEPARATORS))
ROLE_NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*|\s+и\s+")
SPACE_AFTER_INITIAL = re.compile(r"(?<=\.)(?=\w)")

# The lead: "Author, A. (2001)." / "Author, A. 2001." / "Author A. Title" / "Title. (2001)."
YEAR_RANGE = rf"(?:\s*[–—/-]\s*(?:{YEAR}|\d\d)(?!\d))?"  # "2009-2011", "1998–99": the first year counts
DATE_BEFORE_YEAR = rf"(?:{alternatives(DATE_WORDS)}\s+(?:\d{{1,2}},?\s+)?)?"
PAREN_YEAR = re.compile(
    rf"\({DATE_BEFORE_YEAR}(?P<year>{YEAR})(?P<suffix>[a-z]?)(?P<range>{YEAR_RANGE})(?:,[^()]{{0,40}})?\)"
    rf"(?=\s*[.,:;\[]|\s*$)"
    rf"|\((?P<nd>{alternatives(NO_DATE)})\)")
# Harvard: "Smith, J. and Jones, K. (2001) The Cold War." — after names only, no stop needed.
LEAD_PAREN_YEAR = re.compile(rf"\((?P<year>{YEAR})(?P<suffix>[a-z]?)\)(?=\s)|(?P<nd>(?!))")
SENTENCE_YEAR = re.compile(
    rf"(?<=\.)\s+(?:(?P<year>{YEAR})(?P<suffix>[a-z]?){YEAR_RANGE}\.|(?P<nd>{alternatives(NO_DATE)}))(?=\s|$)")
GOST_LEAD = re.compile(rf"(?P<names>{GOST}(?:\s*,\s*{GOST})*(?:,?\s+{alternatives(ET_AL)})?)\s+(?=\S)")
NAMES_START = re.compile(rf"{INVERTED_FAMILY}(?:,\s*|\s+)(?:{GIVEN_NAME}|{INITIAL})")
# "Greta Franzini, Maria Moritz." / "David A. Smith," / "Lincoln Mullen." / "Minqing Hu and Bing Liu,"
DIRECT_START = re.compile(rf"{GIVEN}\s+{SURNAME}(?=\s*(?:[,.;&]|\s(?:and|y|e|et|und)\s))")
INVERTED_START = re.compile(rf"{INVERTED_FAMILY},\s*(?:{GIVEN_NAME}|{INITIAL})")
# "Morley, J. W. (Ed.)." or Chicago's "Peden, William, ed.": the names are the editors'.
EDITOR_NOTE = re.compile(rf"(?:\s*\((?:{alternatives(ROLE_SUFFIXES['editors'])})\)|,\s*(?:eds?\.|editors?|comp\.|hrsg\.|ред\.))"
                         rf"\.?\s*$")
# Where an author block may end: a full stop, or a comma before a quoted title ("Hu, M., and B. Liu, 'Title'").
LEAD_BREAK = re.compile(r"(?<=\.)\s+(?=\S)|,\s+(?=[\"“‘'«„])")
COMMA_BREAK = re.compile(r",\s+")  # before an emphasised title: "Escobar Varela, Miguel, *Theater as Data*"
MAX_LEAD_BREAKS = 8  # an author block is over within this many full stops ("Smith, J. W., Jones, K. L.")
STANDALONE_YEAR = re.compile(
    rf"(?:^|(?<=[\s,.(\[{SEPS}]))(?P<year>{YEAR})(?P<suffix>[a-z]?)(?=\s*[.,;:)\]{SEPS}]|\s*$|[–—-]\s*(?:[.,;)]|$))")

# The title's end.
ENGLISH_TITLE = re.compile(r"\[(?P<title>[^\[\]]*[^\W\d_]{2}[^\[\]]*)\]")
# A quoted title: Chicago's "Title." Container (the stop inside the quotes), '"Title". Container', British
# and MLA 'Title' or ‘Title’. Closing marks in order of trust: a stop before the quote, a stop right
# after it, a space after it. A quote inside the title ("On "Las bizarrías de Belisa".") is kept.
QUOTES = {"double": ("\"“«„", "\"”»“"), "single": ("'‘", "'’")}
QUOTED_OPENING = {kind: re.compile(rf"^\s*[{re.escape(opening)}]") for kind, (opening, _) in QUOTES.items()}
QUOTED_CLOSINGS = {kind: (re.compile(rf"(?:(?P<keep>[?!])|[.,])[{re.escape(closing)}](?=\s|$)"),
                          re.compile(rf"(?P<keep>)[{re.escape(closing)}](?=[.,;:](?:\s|$))"),
                          # "'Title' Journal" — but not "«Кантокуэн» — «Барбаросса» по-японски"
                          re.compile(rf"(?P<keep>[?!]?)[{re.escape(closing)}](?=\s+[^\s—–\-«»\"“”‘’'{re.escape(_LOWER)}])"))
                   for kind, (_, closing) in QUOTES.items()}
PLACE = rf"{UP}[\w.'’-]*(?:\s+(?:{UP}[\w.'’-]*|am|an|upon|on|sur|de|del|na)){{0,3}}"  # "Frankfurt am Main"
PLACES = rf"{PLACE}(?:(?:\s*[;,–—]|\s+-)\s*{PLACE})?"  # "London - New York"
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
    rf"|\s+\((?={NAME_LIST},\s*{_any_role(ROLE_SUFFIXES)}\))"
    # Chicago notes-bibliography's publication parenthesis: "Title (New York: Herder, 1972)."
    rf"|\s*\((?=[^()]*[^\W\d_][^()]*,\s*{YEAR}[a-z]?{YEAR_RANGE}\)\s*(?:[.,;:]|$))"
    # a sentence that is only the year: "Viral Texts: Mapping Networks. 2017. http://..."
    rf"|(?<=[.?!])\s+(?={YEAR}[a-z]?\.(?:\s|$))"
    # APA's publisher without a place, the entry's last sentence: "Title. University of Chicago Press."
    rf"|(?<=[.?!])\s+(?=(?:[{UP_CHARS}&][\w&'’.-]*\s+){{0,6}}?{alternatives(PUBLISHER_NAMES)}\b[^.?!]*\.?\s*$)"
    # pages before the container: "Title. 221–238 In Text Mining", "Title. 2364, 394–544 In Proceedings"
    rf"|(?<=[.?!\"”’'])\s+(?=(?:\d+,\s*)?\d+\s*[–—-]\s*\d+\s+{alternatives(CONTAINER_MARKERS)}\s)")
# What stands before an emphasised container: a stop, or a container marker ("In *Book*").
BEFORE_EMPHASIS = re.compile(rf"(?:[.,:;?!\"”’']|(?<=\s)(?P<marker>{alternatives(CONTAINER_MARKERS)}))\s*$")
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
_PAGES = r"(?P<pages>[A-Z]?\d+(?:\s*[–—-]\s*[A-Z]?\d+)?)"  # "417–45", "E1–15"
_ISSUE_IN_PARENS = r"\s*\((?P<issue>[^()]{1,12})\)"
_AFTER_NAME = r"(?<![.№])(?:,\s*|\s+)"
JOURNAL_NUMBERS = tuple(re.compile(pattern + _NUMBERS_END) for pattern in (
    rf",\s*(?P<year>{YEAR}),\s*(?P<issue>\d{{1,4}}),\s*{_PAGES}",  # "Journal, 2022, 3, 16–32"
    rf"{_AFTER_NAME}(?!{YEAR}\s*,)(?P<volume>\d{{1,4}})(?:{_ISSUE_IN_PARENS})?\s*[,:]\s*{_PAGES}",  # ", 14 (6), 92–116"
    rf",\s*{_ISSUE_IN_PARENS},\s*{_PAGES}",  # "Journal, (2), 5–20"
    rf"\s+(?P<volume>\d{{1,4}}),\s*[Nn]os?\.\s*(?P<issue>[\w/–-]{{1,8}})\s*:\s*{_PAGES}",  # "Journal 24, no. 4: 659–77"
    rf"{_AFTER_NAME}(?P<volume>\d{{1,4}}){_ISSUE_IN_PARENS}",  # "Journal, 1 (75)"
    rf"\s+(?P<volume>\d{{1,4}}),\s*[Nn]os?\.\s*(?P<issue>[\w/–-]{{1,8}})",  # "Journal 1, no. 1" (no pages)
))
IMPRINT = re.compile(
    rf"(?P<place>{PLACES})\s*:\s*(?P<publisher>[^,;()\s][^,;()]*?)"
    rf"(?=\s*(?:[,;(]|\.\s*(?:$|[{SEPS}]|\d|\(|{UP}{LOW}*\.?\s*\d)|$|[{SEPS}]))"
    rf"(?:\s*,\s*(?P<year>{YEAR})(?P<suffix>[a-z]?)(?![\d–—-]))?")
# "(Andres Bello, 1999)", "(New York: Herder and Herder, 1972)", "(M.I.T. Press, 1966)".
PAREN_IMPRINT = re.compile(
    rf"\((?:(?P<place>{PLACES})\s*:\s*)?(?P<publisher>[^():;,]*[^\W\d_][^():;]*?),\s*"
    rf"(?P<year>{YEAR})(?P<suffix>[a-z]?){YEAR_RANGE}\)")
# "(Tesis doctoral, University of Nebraska - Lincoln, 2017b)": the school, then the year.
THESIS_SCHOOL = re.compile(rf",\s*(?P<school>[^(),]*[^\W\d_][^(),]*?)\s*(?:,\s*(?P<year>{YEAR})(?P<suffix>[a-z]?))?\s*\)?\.?$")
THESIS_WORD = re.compile(alternatives(THESIS_WORDS), re.I)
ENTRY_REST_EMPTY = re.compile(r"[\s.,;]*$")
OPENING_TAIL = re.compile(rf"[\s.,:;{SEPS}]*|.*{CONTAINER_SEP}\s*", re.S)  # what may stand before the container
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
# A line that goes on with the entry before it, whatever that one ended with.
TAIL_LINE = re.compile(
    rf"(?:{UP}[\w'’-]*(?:\s+(?:{UP}[\w'’-]*|am|an|upon|on|de|del)){{0,3}}(?:,\s*{UP}{UP}\.?)?"  # "Cambridge, MA"
    rf"\s*:\s*[^.:]{{1,80}}?,\s*{YEAR}[a-z]?\.?$"  # "London: Macmillan, 1999."
    rf"|(?:{alternatives(PAGE_MARKERS)})\s*\d"  # "pp. 12–30."
    rf"|(?:https?://|www\.|doi:|10\.\d{{4,9}}/)"
    rf"|(?:[Rr]etrieved|[Aa]ccessed|[Aa]vailable\s+(?:at|from)|[Ee]dited\s+by|[Tt]rans(?:lated)?\.?\s+by)\b)")
LABEL_SUFFIX = re.compile(r"\d([a-z]?)$")
MAX_LEAD_LENGTH = 300  # an entry so far longer than this has more than names and a year
SLUG_WORDS = 6
MAX_ENTRY = 2000  # longer text is not one reference: parse its head only, keep ``text`` whole


# ---------------------------------------------------------------------------------------------
# One entry.


@dataclass
class _Context:
    """What the reading of one entry knows besides its plain text."""

    emphasized: tuple[str, ...] = ()  # the texts set in emphasis ("*Title*", "_Journal_"), in order
    direct_order: bool = False  # the list writes names given name first: "Lincoln Mullen." is a name


@dataclass
class _Tail:
    """The part of an entry after its title, with each recognised piece cut out in turn."""

    text: str
    year: tuple[int, str] | None = None  # (year, letter) when the tail gives it: "M.: Nauka, 2001"
    is_thesis: bool = False
    is_journal: bool = False  # numbered like a journal: "Journal, 14 (6), 92–116"
    emphasized: tuple[str, ...] = ()  # the entry's texts set in emphasis: the container may be one

    def cut(self, match: re.Match, mark: str = SEP) -> None:
        self.text = self.text[:match.start()] + mark + self.text[match.end():]

    def segments(self) -> tuple[list[str], list[str]]:
        """The pieces left between the cuts: before a container marker, and from it on."""
        before, _, after = self.text.partition(CONTAINER_SEP)
        return _pieces(before), _pieces(after)


def _pieces(text: str) -> list[str]:
    return [piece for piece in (PUNCTUATION_EDGES.sub("", part) for part in text.split(SEP)) if piece]


def parse_reference(text: str, *, direct_order: bool = False) -> Reference:
    """Parse one reference-list entry (list marker and Markdown links and emphasis are tolerated).

    ``direct_order``: the entry's list writes names given name first ("Greta Franzini, Maria
    Moritz."), so a single name of that form leading the entry ("Lincoln Mullen.") is its author.
    Without it such a name counts only with an initial ("David A. Smith.") or beside other names.
    """
    if not isinstance(text, str):
        text = ""
    ref = Reference(id="", label="", text=text.strip())
    clean, emphasized = _clean(text[:MAX_ENTRY])
    context = _Context(emphasized, direct_order)
    clean = _take_notes(ref, clean)
    year, suffix, rest = _take_lead(ref, clean, context)
    tail = _Tail(_take_title(ref, rest, context))
    tail.emphasized = emphasized
    _read_tail(ref, tail, need_year=year is None)
    if year is None and suffix != UNDATED:
        year, suffix = tail.year or _any_year(clean)
    ref.year = year
    _set_label_and_id(ref, "" if suffix == UNDATED else suffix)
    return ref


def _set_label_and_id(ref: Reference, suffix: str) -> None:
    ref.label = _label(ref, suffix)
    ref.id = _slug(ref, suffix)


def _clean(text: str) -> tuple[str, tuple[str, ...]]:
    """The entry as plain text, and the texts it set in emphasis.

    Markdown goes: the list marker, links ("[Title](url)" keeps "Title"; "[Link](url)" keeps the
    address, which may be a DOI), backslash escapes and emphasis marks. A lead-in ("See also") and
    a repeated-author dash ("———.") go too: neither is part of the work.
    """
    text = LIST_MARKER.sub("", text, count=1)
    if "](" in text:
        text = MARKDOWN_LINK.sub(_link_text, text)
    if "<" in text:
        text = ANGLE_URL.sub(r"\g<url>", text)
    if "\\" in text:
        text = BACKSLASH_ESCAPE.sub("", text)
    emphasized = _emphasized(text) if "*" in text or "_" in text else ()
    text = text.replace("*", "")
    if "_" in text:
        text = UNDERSCORE_EMPHASIS.sub("", text)
    text = " ".join(text.split())
    text = SAME_AUTHORS_LEAD.sub("", text, count=1)
    return LEAD_IN.sub("", text, count=1), emphasized


def _link_text(match: re.Match) -> str:
    """A link as printed: its text, or its address when the text only points at it ("Link")."""
    text, url = " ".join(match.group("text").split()), match.group("url")
    if not LINK_TARGET.match(url):
        return match.group()  # "[English title](1999)" is not a link
    return url if not text or text.strip(" .").lower() in LINK_WORDS else text


def _emphasized(text: str) -> tuple[str, ...]:
    spans = []
    for match in EMPHASIS.finditer(text):
        inner = " ".join((match.group("text") or match.group("utext") or "").replace("*", "").split())
        inner = UNDERSCORE_EMPHASIS.sub("", inner) if "_" in inner else inner
        if LETTER.search(inner):
            spans.append(inner.strip(" "))
    return tuple(spans)


def _take_notes(ref: Reference, text: str) -> str:
    """Set DOI and language; drop URLs and access dates, which would only confuse what follows."""
    text = _take_language(ref, _take_doi(ref, text))
    if _hinted(text, URL_HINTS):
        text = URL_NOTE.sub(" ", text)
    return _tidy(text).strip()


def _tidy(text: str) -> str:
    return TIDY_STOPS.sub(lambda m: m.group() if m.group() == "..." else m.group(1) or "", text)


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


def _take_lead(ref: Reference, text: str, context: _Context) -> tuple[int | None, str, str]:
    """Authors and year at the head of the entry; returns (year, suffix, the rest)."""
    for pattern in (PAREN_YEAR, SENTENCE_YEAR, LEAD_PAREN_YEAR):
        match = pattern.search(text)
        if match and _take_names(ref, text[:match.start()], context):
            return _year_of(match), _suffix_of(match), _after(text, match.end())
    lead = _names_in_lead(text, context)
    match = GOST_LEAD.match(text)
    authors = parse_names(match.group("names")) if match else None
    # "Molodyakov V. E. Rossiya..." is GOST; "David A. Smith, Ryan Cordell, Abby Mullen." is not
    if authors and not (lead and (len(lead[0]) > 1 or context.direct_order)):
        ref.authors = authors
        return _title_led_year(text[match.end():])
    if lead is None:
        return _title_led_year(text)
    names, role, end = lead
    setattr(ref, role, names)
    return _title_led_year(text[end:])


def _take_names(ref: Reference, head: str, context: _Context) -> bool:
    """Set the authors — or the editors of an edited volume, "Morley, J. W. (Ed.)." or "Peden,
    William, ed." — from a head."""
    names, role = _lead_names(head, context)
    if names:
        setattr(ref, role, names)
    return names is not None


def _lead_names(head: str, context: _Context, before_title: bool = False) -> tuple[list[dict[str, str]] | None, str]:
    """The names of a head and their role; ``before_title``: a comma and a quoted or emphasised
    title follow, so a lone "Lincoln Mullen" is a name (as in "Lincoln Mullen, "Title," 2016")."""
    editors = EDITOR_NOTE.search(head)
    names = _parse_names(head[:editors.start()] if editors else head, lenient=context.direct_order or before_title)
    return names, "editors" if editors else "authors"


def _names_in_lead(text: str, context: _Context) -> tuple[list[dict[str, str]], str, int] | None:
    """ "Erickson, John. The Soviet High Command...", "Greta Franzini, Maria Moritz. Using...",
    "Hu, Minqing, and Bing Liu, 'Mining...'": the longest run of names before a full stop, or
    before a comma that a quoted or emphasised title follows; (names, role, where the rest starts).

    Tried stop by stop rather than by one pattern: a pattern for a list of names in either order
    can split "A B, A B, A B" in exponentially many ways before it fails. A longer run must add a
    name, or one given name ("Pate, C. Marvin."): "Moretti, F. Distant Reading." is Moretti, F. and
    a title.
    """
    if not (INVERTED_START.match(text) or DIRECT_START.match(text)):
        return None
    best, best_start = None, 0
    for i, (start, end) in enumerate(_lead_breaks(text, context)):
        if i == MAX_LEAD_BREAKS:
            break
        names, role = _lead_names(text[:start], context, before_title=text[start] == ",")
        if names and (best is None or _families(names) != _families(best[0])
                      or len(FULL_WORD.findall(text, best_start, start)) < 2):
            best, best_start = (names, role, end), start
    return best


def _families(names: list[dict[str, str]]) -> list[str | None]:
    return [name.get("family") for name in names]


def _lead_breaks(text: str, context: _Context) -> list[tuple[int, int]]:
    """Where the author block may end — never inside a quoted or emphasised title."""
    limit = QUOTE_MARK.search(text)
    limit = limit.start() + 1 if limit else len(text)
    breaks = [m.span() for m in LEAD_BREAK.finditer(text, 0, limit)]
    if context.emphasized:
        titles = [at for at in (text.find(span, 1) for span in context.emphasized) if at > 0]
        limit = min(titles, default=limit)
        breaks = [b for b in breaks if b[0] < limit]
        breaks += [m.span() for m in COMMA_BREAK.finditer(text, 0, limit + 1) if m.end() == limit]
        breaks.sort()
    return breaks


def _title_led_year(text: str) -> tuple[int | None, str, str]:
    """A year in parentheses after the lead ("Title. (1998).", "Journal 26 (1974): 1–9"): cut it out.

    A range of years is the work's date only at the end of the entry ("'AFINN' (2009-2011)."); in
    the middle it is the period a title names ("Rossiya i Yaponiya (1905–1945). Moscow").
    """
    match = next((m for m in PAREN_YEAR.finditer(text) if not m.group("range") or ENTRY_REST_EMPTY.match(text, m.end())),
                 None)
    if not match:
        return None, "", text
    joined = text[:match.start()].rstrip() + text[match.end():]
    return _year_of(match), _suffix_of(match), _tidy(joined)


def _year_of(match: re.Match) -> int | None:
    return int(match.group("year")) if match.group("year") else None


def _suffix_of(match: re.Match) -> str:
    """The letter after the year ("2017a"), or UNDATED for "(n.d.)": no later year stands in for it."""
    return UNDATED if match.group("nd") else match.group("suffix") or ""


def _after(text: str, end: int) -> str:
    return text[end:].lstrip(" .,:")


def _any_year(text: str) -> tuple[int | None, str]:
    """Last resort: the last year that stands alone (not in a range like 1937–1939)."""
    last = None
    for last in STANDALONE_YEAR.finditer(text):
        pass
    return (int(last.group("year")), last.group("suffix")) if last else (None, "")


def parse_names(block: str) -> list[dict[str, str]] | None:
    """CSL name dicts from an author block, or None when the block is not a list of names.

    Three orders are read: family name first throughout ("Smith, J., Jones, K., & Brown, L.",
    GOST's "Pozdneev D. M., Polivanov E. D."); the first name family first and the others given
    name first (Chicago's "Arnold, Taylor, and Lauren Tilton", "Heuser, Ryan, Franco Moretti,
    Erik Steiner"); and given name first throughout ("Greta Franzini, Maria Moritz", "Minqing Hu
    and Bing Liu", "Axel J Soto").
    """
    return _parse_names(block, lenient=True)


def _parse_names(block: str, lenient: bool) -> list[dict[str, str]] | None:
    """As parse_names; unless ``lenient``, a lone "Given Family" — which may as well be a title,
    "Japanese Diplomacy" — counts only with an initial in it ("David A. Smith")."""
    if not isinstance(block, str):
        return None
    block = SENTENCE_STOP_AFTER_NAME.sub("", block.strip(" ,;"))
    if not (NAMES_START.match(block) or DIRECT_START.match(block + ".")):
        return None
    block, et_al = ET_AL_TAIL.sub("", block), bool(ET_AL_TAIL.search(block))
    parts = [[token.strip() for token in part.strip(" ,").split(",")] for part in NAME_SEPARATOR.split(block)]
    names = (_given_first(parts, lenient or et_al) or _first_family_first(parts) or _family_first(parts))
    if names is None:
        return None
    if et_al:
        names.append({"literal": "et al."})
    return names or None


def _given_first(parts: list[list[str]], lenient: bool) -> list[dict[str, str]] | None:
    """Every name "Given Family": "Greta Franzini, Maria Moritz", "David A. Smith".

    Unless ``lenient``, shapes that read as well family first need more: a lone "Lincoln Mullen"
    (a title, "Japanese Diplomacy"?) an initial; two names parted by a comma alone ("Rodríguez
    Treviño, Julio César") an initial or "and".
    """
    matches = [_direct_name(token) for part in parts for token in part]
    if not matches or not all(matches):
        return None
    names = [_name(match) for match in matches]
    with_initial = any(INITIAL_IN_GIVEN.search(name["given"]) for name in names)
    if not lenient and len(names) < 3 and len(parts) == 1 and not with_initial:
        return None
    return names


def _direct_name(token: str) -> re.Match | None:
    """ "Janie P. Vu" — also with the stop of the sentence after it, which a family name never ends with."""
    return DIRECT_NAME.fullmatch(token) or (DIRECT_NAME.fullmatch(token[:-1]) if token.endswith(".") else None)


def _inverted_pair(family: str, given: str) -> re.Match | None:
    """ "Smith, J.", "Pate, C. Marvin" — but not "Moretti, F. Distant Reading", a title after initials."""
    match = INVERTED_NAME.fullmatch(f"{family}, {given}")
    return None if match is None or TITLE_AFTER_INITIAL.search(match.group("given")) else match


def _first_family_first(parts: list[list[str]]) -> list[dict[str, str]] | None:
    """Chicago: "Family, Given" for the first name only, then "Given Family"."""
    tokens = [token for part in parts for token in part]
    if len(tokens) < 3:
        return None
    first = _inverted_pair(tokens[0], tokens[1])
    others = [_direct_name(token) for token in tokens[2:]]
    if first is None or not all(others):
        return None
    return [_name(first), *(_name(match) for match in others)]


def _family_first(parts: list[list[str]]) -> list[dict[str, str]] | None:
    names: list[dict[str, str]] = []
    for part in parts:
        part_names = _names_in_part(part, first=not names)
        if part_names is None:
            return None
        names.extend(part_names)
    return names


def _names_in_part(tokens: list[str], first: bool) -> list[dict[str, str]] | None:
    """A comma-separated run of names: "Smith, J., Jones, K." or "Smith J., Jones K."."""
    names, i = [], 0
    while i < len(tokens):
        pair = _inverted_pair(tokens[i], tokens[i + 1]) if i + 1 < len(tokens) else None
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


def _take_title(ref: Reference, rest: str, context: _Context) -> str:
    """Set title (and the English title in brackets); return the tail after it."""
    english = ENGLISH_TITLE.search(rest)
    while english and english.group("title").strip().lower() in MEDIUM_NOTES:
        english = ENGLISH_TITLE.search(rest, english.end())
    if english:
        ref.title_en = english.group("title").strip()
        title, tail = rest[:english.start()], rest[english.end():]
    elif quoted := _quoted_title(rest):
        title, tail = quoted
    elif emphasized := _emphasized_title(rest, context):
        title, tail = emphasized
    else:
        end = _title_end(rest, context)
        title, tail = rest[:end], rest[end:]
    ref.title = _strip_title(title)
    return tail


def _quoted_title(rest: str) -> tuple[str, str] | None:
    """A title in quotes at the head of ``rest``: (title, what follows), or None."""
    for kind, opening in QUOTED_OPENING.items():
        start = opening.match(rest)
        if start is None:
            continue
        for closing in QUOTED_CLOSINGS[kind]:
            end = closing.search(rest, start.end())
            if end and end.start() > start.end():
                return rest[start.end():end.start()] + (end.group("keep") or ""), rest[end.end():]
    return None


def _emphasized_title(rest: str, context: _Context) -> tuple[str, str] | None:
    """A title set in emphasis at the head of ``rest`` ("*Sentiment Analysis and Opinion Mining*")."""
    head = rest.lstrip(" .,:;")
    for span in context.emphasized:
        if head.startswith(span):
            at = len(rest) - len(head) + len(span)
            return span, rest[at:]
    return None


def _strip_title(title: str) -> str | None:
    """Trim punctuation around a title but keep the period of a closing abbreviation ("v 2 t.")."""
    stripped = PUNCTUATION_EDGES.sub("", title)
    last_word = stripped.rsplit(" ", 1)[-1].lower()
    if title.rstrip(" ,;:/").endswith(".") and (last_word in ABBREVIATED_WORDS or
                                                 len(last_word) == 1 and last_word.isalpha()):
        stripped += "."
    return stripped or None


def _title_end(rest: str, context: _Context | None = None) -> int:
    """Where an unmarked title stops: the earliest mark of what follows, or a journal's name."""
    ends = [m.start() for m in (TITLE_END.search(rest),) if m]
    places = list(PLACE_BOUNDARY.finditer(rest))
    if places and places[-1].start() > 0:
        ends.append(places[-1].start())  # the last imprint: titles may have colons themselves
    if context and context.emphasized and (container := _before_emphasis(rest, context)) is not None:
        ends.append(container)
    journal = None if ends else _first_match(JOURNAL_NUMBERS, rest)
    if journal:
        return _last_sentence_break(rest[:journal.start()])
    return min(ends) if ends else len(rest)


def _before_emphasis(rest: str, context: _Context) -> int | None:
    """Where the first emphasised text after a stop begins: the container ("Title. *Journal* 27")."""
    for span in context.emphasized:
        at = rest.find(span)
        if at <= 0:
            continue
        stop = BEFORE_EMPHASIS.search(rest, 0, at)
        if stop and stop.start() > 0:
            return stop.start() if stop.group("marker") else at
    return None


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
    _take_publication_parenthesis(ref, tail)
    has_container_marker = _take_container_marker(tail)
    _take_emphasized_container(ref, tail)
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
        school = THESIS_SCHOOL.search(match.group()) if match.group().startswith("(") else None
        if school and not THESIS_WORD.search(school.group("school")):
            ref.publisher = school.group("school")  # "(PhD diss., Stanford University, 2014)"
            if school.group("year"):
                tail.year = (int(school.group("year")), school.group("suffix"))
        tail.cut(match)


def _take_publication_parenthesis(ref: Reference, tail: _Tail) -> None:
    """Chicago notes-bibliography: "(Andres Bello, 1999)", "(New York: Herder and Herder, 1972)"."""
    found = None
    for found in PAREN_IMPRINT.finditer(tail.text) if "(" in tail.text else ():
        pass
    if found is None or ref.publisher:
        return
    if found.group("place"):
        ref.place = found.group("place").strip()
    ref.publisher = found.group("publisher").strip()
    tail.year = (int(found.group("year")), found.group("suffix"))
    tail.cut(found)


def _take_emphasized_container(ref: Reference, tail: _Tail) -> None:
    """The journal, book or website the tail opens with, set in emphasis ("*American Literary
    History* 27", "In *Text Mining: From Ontology Learning...*. Springer"): cut out whole, so that
    its colons and numbers are not read as an imprint or numbering."""
    for span in tail.emphasized:
        at = tail.text.find(span) if span != ref.title else -1
        if at >= 0 and OPENING_TAIL.fullmatch(tail.text, 0, at):
            ref.container = span
            tail.text = tail.text[:at] + SEP + tail.text[at + len(span):]
            return


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
    if ref.publisher is None and any(word in ref.place.lower() for word in PUBLISHER_WORDS):
        ref.place, ref.publisher = None, ref.place  # "Oxford University Press, 2015": no place given
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
    if ref.container is not None:
        pass  # set in emphasis
    elif has_container_marker and after:
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
    entries = _entries(chunks)
    texts = [" ".join(entry.lines) for entry in entries]
    parsed = [parse_reference(text) for text in texts]
    if _names_given_first(parsed):  # "Greta Franzini, Maria Moritz." — so "Lincoln Mullen." is a name too
        parsed = [parse_reference(text, direct_order=True) for text in texts]
    references: list[Reference] = []
    for entry, ref in zip(entries, parsed):
        if ref.year is None and not _title_like(ref):
            continue
        same = SAME_AUTHORS_LEAD.match(ref.text)
        if same and references and not ref.authors:
            _same_authors_as(ref, references[-1], bool(same.group("editors")))  # "———. Title.": the same author
        ref.source_start, ref.source_end = entry.start, entry.end
        references.append(ref)
    _make_ids_unique(references)
    return references


def _names_given_first(refs: list[Reference]) -> bool:
    """Whether the list writes its authors given name first: more entries do than family first."""
    given_first = family_first = 0
    for ref in refs:
        first = next(iter(ref.authors or ref.editors), {})
        if first.get("family") and first.get("given"):
            at_given, at_family = ref.text.find(first["given"]), ref.text.find(first["family"])
            if 0 <= at_given < at_family:
                given_first += 1
            elif 0 <= at_family < at_given:
                family_first += 1
    return given_first >= 2 and given_first > family_first


def _same_authors_as(ref: Reference, before: Reference, as_editors: bool) -> None:
    """The dash stands for the first names of the entry before: its authors, or its editors when it
    had none; "———, ed." makes them this entry's editors."""
    names = [dict(name) for name in before.authors or before.editors]
    if as_editors or not before.authors:
        ref.editors = names
    else:
        ref.authors = names
    suffix = LABEL_SUFFIX.search(ref.label)
    _set_label_and_id(ref, suffix.group(1) if suffix else "")


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
                if marker and previous and not previous.marked and previous.lines[-1].endswith(":"):
                    entries.remove(previous)  # "... articles of particular relevance are:" opens the list
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
    if (entry.marked and adjacent) or last.endswith("-") or CONTINUATION_START.match(line) or not WORD.search(line):
        return True
    if TAIL_LINE.match(line):
        return True  # "London: Macmillan, 1999.", "pp. 12–30.", "https://doi.org/...": never an entry's start
    opens_entry = INVERTED_START.match(line) or GOST_LEAD.match(line)
    if not ENTRY_END.search(last):
        return not opens_entry
    # "Molodyakov, V. E." then "(2012). Title..." on the next line: the lead is not complete yet.
    # Only the entry's head can hold the year that completes a lead, so no more is searched.
    if LAST_INITIAL.search(last) and not STANDALONE_YEAR.search(" ".join(entry.lines[:MAX_LEAD_BREAKS])):
        return True
    # "Smith, John. 1999." then "A History of Things. London: Macmillan.": names and year, no title yet
    return not (opens_entry or DIRECT_START.match(line)) and _names_without_title(entry)


def _names_without_title(entry: _Entry) -> bool:
    if sum(map(len, entry.lines)) > MAX_LEAD_LENGTH:
        return False
    ref = parse_reference(" ".join(entry.lines))
    return ref.title is None and bool(ref.authors or ref.editors)


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
