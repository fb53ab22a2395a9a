"""The events stage: interactions between actors, coded in CAMEO, mapped to PLOVER, scored by Goldstein.

Two sources of events, both driven by data:
- named events (``data/authorities/events.yaml``): battles, pacts, incidents found by their names
  (and "the pact" for the pact last named), with the authority's dates, parties and place;
- trigger rules (``data/event_rules.yaml``): words and phrases matched on spaCy's parse of each
  sentence; the parse gives the trigger's actors (subject, object, "to"/"with" phrases), whether it
  is negated or hypothetical (then it is no event) and whether an intention governs it.
Actors come from the entities stage's mentions where there are any, else from side words, else
from their position around the trigger (``_fill_sides``); dates from the dates stage
(``dates.date_for``), else from the named event the paragraph is about; footnotes from
``context.footnote_for``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from legation.extract import correspondents, dates, entities
from legation.extract.context import SentenceIndex, Views, footnote_for, views
from legation.lexicon.dates import date_span, day_span
from legation.lexicon.eventcoding import lookup
from legation.lexicon.matching import by_first_character
from legation.model import Diagnostic, Document, Event, Span
from legation.nlp import LONG_RUN, MAX_PARAGRAPH, MAX_RUN

# A report's time: acts dated from this many years before its date to this many after it.
HORIZON_YEARS_BEFORE = 5
HORIZON_YEARS_AFTER = 1
# A named event that ended this long before a report is recalled by it, not reported.
RECALLED_AFTER = timedelta(days=31)
# A sentence longer than this is not parsed (a 1 MB "paragraph" is debris, not prose); named
# events are still found in it.
MAX_SENTENCE_CHARS = 5000
# Nor is a sentence holding a run of MAX_RUN non-space characters: spaCy's tokenizer takes time
# quadratic in such a run (8,000 quotation marks in a row: 7 s), and it is debris, not words.
# Prepositions that introduce the target of an interaction ("protest to Germany", "meeting with Smetanin").
_TARGET_PREPOSITIONS = {"to", "with", "against", "at", "on", "upon", "towards", "toward", "between", "from"}
# Dependencies that end a clause: negation, hedges and intentions do not cross them.
_CLAUSE_HEADS = {"ROOT", "ccomp", "advcl", "relcl", "parataxis"}
_PRONOUNS = {"he", "she", "they", "it", "him", "her", "them", "who", "which", "that"}
_FIRST_PERSON = {"i", "me", "we", "us", "my", "our"}  # a quotation's speaker, else a report's sender
_SECOND_PERSON = {"you", "your"}  # outside a quotation, a report's recipient ("Your 1234")
_THIRD_PERSON = {"he", "she", "him", "her"}  # the person last named


# --- the data ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Slot:
    words: frozenset[str]
    pos: str | None  # a spaCy coarse part of speech, or None for any


GAP = None  # a "*" in a pattern: up to four other tokens
Pattern = tuple[Slot | None, ...]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    cameo: str
    patterns: tuple[Pattern, ...]
    intent: str | None
    needs_source: bool


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: tuple[Rule, ...]
    intent_markers: frozenset[str]
    negators: frozenset[str]
    implicatives: frozenset[str]
    hedges: frozenset[str]
    speculation: re.Pattern[str]
    future_markers: frozenset[str]
    obligation_markers: frozenset[str]
    obligation_code: str
    intent_by_category: dict[str, str]
    rejection_code: str
    cooperative: frozenset[str]
    one_per_sentence: frozenset[str]
    repeats: tuple[Pattern, ...]
    spoken: tuple[str, ...]
    side_words: re.Pattern[str]
    side_of_word: dict[str, str]
    domestic: frozenset[str]
    own_institutions: frozenset[str]
    patterns: tuple[tuple[int, Rule, Pattern], ...]  # every rule's patterns (with the rule's number), in rule order
    by_first_word: dict[str, tuple[int, ...]]  # the numbers of the patterns a word may open
    open_patterns: tuple[int, ...]  # the patterns that open with a gap: tried on every sentence


@dataclass(frozen=True, slots=True)
class NamedEvent:
    id: str
    name: str
    cameo: str
    date: str
    date_end: str | None
    source: tuple[str, ...]
    target: tuple[str, ...]
    place: str | None


@dataclass(frozen=True, slots=True)
class Authority:
    names: re.Pattern[str]  # every variant, longest first
    by_variant: dict[str, NamedEvent]
    anaphors: re.Pattern[str] | None
    anaphor_code: dict[str, str]
    framework_before: re.Pattern[str]  # matched at the end of the text before a name
    framework_after: re.Pattern[str]  # matched at the start of the text after it


def _load_yaml(*path: str) -> Any:
    return yaml.safe_load(resources.files("legation.data").joinpath("/".join(path)).read_text(encoding="utf-8"))


def _slot(text: str) -> Slot:
    words, _, pos = text.partition("/")
    return Slot(frozenset(w.lower() for w in words.split("|")), pos or None)


def _pattern(text: str) -> Pattern:
    return tuple(GAP if part == "*" else _slot(part) for part in text.split())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = _load_yaml("event_rules.yaml")
    rules = tuple(Rule(r["id"], r["cameo"], tuple(_pattern(p) for p in r["patterns"]), r.get("intent"),
                       bool(r.get("needs_source"))) for r in data["rules"])
    side_of_word = {word.casefold(): side for side, words in data["sides"].items() for word in words}
    words = sorted(side_of_word, key=len, reverse=True)
    side_words = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)
    speculation = re.compile(r"^\W*(?:" + "|".join(map(re.escape, data["sentence_hedges"])) + r")\b", re.IGNORECASE)
    patterns = tuple((order, rule, pattern) for order, rule in enumerate(rules) for pattern in rule.patterns)
    by_first_word: dict[str, list[int]] = {}
    for number, (_, _, pattern) in enumerate(patterns):
        for word in pattern[0].words if pattern[0] is not GAP else ():
            by_first_word.setdefault(word, []).append(number)
    return Lexicon(rules, frozenset(data["intent_markers"]), frozenset(data["negators"]),
                   frozenset(data["negative_implicatives"]), frozenset(data["hedges"]), speculation,
                   frozenset(data["future_markers"]), frozenset(data["obligation_markers"]), data["obligation_code"],
                   dict(data["intent_by_category"]), data["rejection_code"], frozenset(data["cooperative"]),
                   frozenset(data["one_per_sentence"]), tuple(_pattern(p) for p in data["repeats"]),
                   tuple(data["spoken"]), side_words, side_of_word, frozenset(data["domestic"]),
                   frozenset(data["own_institutions"]), patterns,
                   {word: tuple(numbers) for word, numbers in by_first_word.items()},
                   tuple(n for n, (_, _, pattern) in enumerate(patterns) if pattern[0] is GAP))


def _name_regex(variants: list[str]) -> re.Pattern[str]:
    """Variants as one case-insensitive alternation; hyphens, dashes and spaces between words alike."""
    def rest(variant: str) -> str:
        parts = re.split(r"[\s\-‐‑–—]+", variant.strip())
        return r"[\s\-‐‑–—]+".join(re.escape(p) for p in parts)[len(re.escape(variant.strip()[0])):]
    def first(variant: str) -> str:  # one group for "Treaty" and "treaty", so the longest still wins
        return variant[0].lower() if len(variant[0].lower()) == 1 else variant[0]
    ordered = sorted({v.strip() for v in variants}, key=len, reverse=True)
    return re.compile(r"(?<!\w)" + by_first_character([(first(v), rest(v)) for v in ordered]) + r"(?!\w)",
                      re.IGNORECASE)


def _variant_key(text: str) -> str:
    return re.sub(r"[\s\-‐‑–—]+", " ", text).casefold()


@lru_cache(maxsize=1)
def authority() -> Authority:
    data = _load_yaml("authorities", "events.yaml")
    by_variant = {_variant_key(v): _named_entry(raw) for raw in data["events"] for v in [raw["name"], *raw["variants"]]}
    anaphor_code = {_variant_key(a): code for code, words in (data.get("anaphors") or {}).items() for a in words}
    anaphors = _name_regex(list(anaphor_code)) if anaphor_code else None
    names = _name_regex([v for raw in data["events"] for v in [raw["name"], *raw["variants"]]])
    cues = data["not_acts"]
    before = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, cues["before"])) + r")\s+(?:the\s+)?$", re.IGNORECASE)
    after = re.compile(r"^\s*(?:" + "|".join(map(re.escape, cues["after"])) + r")\b", re.IGNORECASE)
    return Authority(names, by_variant, anaphors, anaphor_code, before, after)


def _named_entry(raw: dict[str, Any]) -> NamedEvent:
    return NamedEvent(raw["id"], raw["name"], raw["cameo"], str(raw["date"]),
                      str(raw["date_end"]) if raw.get("date_end") else None,
                      tuple(raw.get("source") or ()), tuple(raw.get("target") or ()), raw.get("place"))


# --- the stage --------------------------------------------------------------------------------

def annotate(doc: Document) -> list[Diagnostic]:
    sentences = views(doc).sentences
    diagnostics: list[Diagnostic] = []
    named, named_spans = _named_events(doc, sentences)
    triggered = _triggered_events(doc, sentences, named, named_spans, diagnostics)
    doc.events = sorted(named + triggered, key=lambda e: (e.evidence.start, e.evidence.end))
    diagnostics.extend(_keep_to_report_time(doc))
    return diagnostics


def _keep_to_report_time(doc: Document) -> list[Diagnostic]:
    """A report tells what happens around its date. An act it dates outside that horizon is history
    recalled, a plan or a misread number, and a named event that ended before the report ("since
    World War II") is recalled as context: neither is an interaction the report tells of, and
    neither is counted; each is said in a diagnostic."""
    if doc.report is None:
        return []
    horizon = _report_horizon(doc)
    if horizon is None:
        return []
    report_day, last_day = horizon
    earliest = report_day.replace(year=report_day.year - HORIZON_YEARS_BEFORE, day=1)
    latest = last_day.replace(year=last_day.year + HORIZON_YEARS_AFTER, day=1)
    kept: list[Event] = []
    recalled: list[str] = []
    diagnostics: list[Diagnostic] = []
    for event in doc.events:
        span = date_span(event.date, event.date_end)
        if span is None:
            kept.append(event)
        elif event.name and span[1] < report_day - RECALLED_AFTER:
            recalled.append(event.name)
        elif not earliest <= span[0] <= latest:  # it counts where it begins: that must be in the report's time
            # ("1500–2000" troops read as years began five centuries before the report)
            diagnostics.append(Diagnostic(
                "event-outside-report-time",
                f"{event.trigger or event.type!r} dated {event.date_edtf or event.date} lies outside the "
                f"report's time ({earliest.isoformat()} to {latest.isoformat()}): not counted",
                event.footnote))
        else:
            kept.append(event)
    if recalled:
        named = ", ".join(dict.fromkeys(recalled))
        diagnostics.append(Diagnostic("event-recalled", f"{len(recalled)} mention(s) of events over before the "
                                      f"report ({named}) read as context, not as events"))
    doc.events = kept
    return diagnostics


def _report_horizon(doc: Document) -> tuple[date, date] | None:
    """The days a report speaks from: its date, or — for an undated one (an editors' note) — the
    years its collection covers ("Foreign Relations …, 1958–1960, Volume V", "frus1958-60v05"),
    else the first and last dates of the collection's other reports (a text file of telegrams)."""
    dated = day_span(doc.report.date) if doc.report is not None and doc.report.date else None
    if dated is not None:
        return dated[0], dated[0]
    if doc.report is not None and doc.collection_period:
        first, last = (day_span(day) for day in doc.collection_period)
        if first and last:
            return first[0], last[1]
    for text in (doc.work.title, doc.work.volume):
        found = re.search(r"(1[6-9]\d\d|20\d\d)(?:\s*[-–]\s*(\d{2,4}))?", text or "")
        if found:
            first = int(found[1])
            last = int(found[2]) if found[2] and len(found[2]) == 4 else (
                first // 100 * 100 + int(found[2]) if found[2] else first)
            return date(first, 1, 1), date(max(first, last), 12, 31)
    return None


def _named_events(doc: Document, sentences: SentenceIndex) -> tuple[list[Event], list[Span]]:
    """The named events mentioned, and where their names stand."""
    auth = authority()
    found: list[tuple[int, int, NamedEvent]] = [(m.start(), m.end(), auth.by_variant[_variant_key(m.group())])
                                                for m in auth.names.finditer(doc.body)]
    if auth.anaphors is not None:
        found += _anaphors(doc.body, auth, found)
    events, spans = [], []
    for start, end, named in sorted(found, key=lambda f: f[0]):
        sentence = sentences.at(start) or Span(start, end)
        if _not_an_act(doc.body, sentence, start, end, auth):
            continue
        events.append(_named_event(doc, named, sentence, doc.body[start:end]))
        spans.append(Span(start, end))
    return events, spans


def _not_an_act(body: str, sentence: Span, start: int, end: int, auth: Authority) -> bool:
    """A name standing for a framework or a text, or in a sentence of the author's speculation."""
    return (auth.framework_before.search(body[max(sentence.start, start - 60):start]) is not None
            or auth.framework_after.match(body[end:min(sentence.end, end + 40)]) is not None
            or lexicon().speculation.match(body[sentence.start:sentence.end]) is not None)


def _anaphors(body: str, auth: Authority, named: list[tuple[int, int, NamedEvent]]) -> list[tuple[int, int, NamedEvent]]:
    """"the pact" → the pact named last before it (none named yet: no event)."""
    resolved = []
    for match in auth.anaphors.finditer(body):  # type: ignore[union-attr]
        code = auth.anaphor_code[_variant_key(match.group())]
        earlier = [n for n in named if n[1] <= match.start() and n[2].cameo == code]
        if earlier:
            resolved.append((match.start(), match.end(), max(earlier, key=lambda n: n[0])[2]))
    return resolved


def _named_event(doc: Document, named: NamedEvent, sentence: Span, trigger: str) -> Event:
    code = lookup(named.cameo)
    source = named.source[0] if named.source else None
    target = named.target[0] if named.target else None
    note = footnote_for(doc, sentence.start, sentence.end)
    return Event(type=named.cameo, plover=code.plover if code else "", goldstein=code.goldstein if code else 0.0,
                 source=source, target=target, source_side=source, target_side=target,
                 date=named.date, date_precision="day", evidence=sentence, date_end=named.date_end,
                 date_edtf=f"{named.date}/{named.date_end}" if named.date_end else named.date,
                 place=named.place, footnote=note.number if note else None, name=named.name, trigger=trigger)


# --- trigger rules over the parse ---------------------------------------------------------------

@dataclass(slots=True)
class Trigger:
    rule: Rule
    cameo: str
    start: int  # token indices into the parsed sentence
    end: int
    anchor: Any  # the spaCy token that heads the trigger


def _triggered_events(doc: Document, sentences: SentenceIndex, named: list[Event], named_spans: list[Span],
                      diagnostics: list[Diagnostic]) -> list[Event]:
    spans = _parseable(doc.body, sentences.spans, diagnostics)
    if not spans:
        return []
    named_codes = {(e.evidence.start, e.type) for e in named}
    single = lexicon().one_per_sentence
    events: list[Event] = []
    for span, parsed in zip(spans, _parsed_sentences(views(doc), spans)):
        seen: set[str] = set()
        for trigger in find_triggers(parsed):
            start, end = _char_span(span, parsed, trigger)
            if any(n.start < end and start < n.end for n in named_spans):
                continue  # "the signing of the pact": the named pact is the event
            event = _trigger_event(doc, span, parsed, trigger)
            by_actor = f"{event.type} {event.source_side}" if event is not None else ""
            if event is None or by_actor in seen or event.plover in seen or (span.start, event.type) in named_codes:
                continue  # one event per code, actor and sentence; a named event already says it
            seen.update({by_actor} | ({event.plover} & single))
            events.append(_named_again(doc, event, named) or
                          (event if event.date else _dated_by_named(doc, event, named)))
        if not seen and events:
            events.extend(_repeated(doc, span, parsed, events[-1]))
    return events


def _named_again(doc: Document, event: Event, named: list[Event]) -> Event | None:
    """An act of the same kind as a named event told earlier in its paragraph is that event told
    again ("signed a new protocol ... After the signing, Togo recalled"): it takes the event's
    name and dates, so a count of interactions counts it once."""
    paragraph = views(doc).paragraphs.start(event.evidence.start)
    same = [n for n in named if paragraph <= n.evidence.start < event.evidence.start and n.type == event.type]
    if not same:
        return None
    last = same[-1]
    return replace(event, name=last.name, date=last.date, date_precision=last.date_precision,
                   date_end=last.date_end, date_edtf=last.date_edtf)


def _dated_by_named(doc: Document, event: Event, named: list[Event]) -> Event:
    """An undated act takes the date of the named event (pact, battle) the narrative is about: the
    last one named in its sentence or earlier in its paragraph ("Having received reports of the
    upcoming signing of the Molotov-Ribbentrop Pact, the press lashed out" is August 1939)."""
    paragraph = views(doc).paragraphs.start(event.evidence.start)
    about = [n for n in named if paragraph <= n.evidence.start <= event.evidence.start and n.date]
    if not about:
        return event
    last = about[-1]
    return replace(event, date=last.date, date_precision=last.date_precision, date_end=last.date_end,
                   date_edtf=last.date_edtf)


def _repeated(doc: Document, sentence: Span, parsed: Any, previous: Event) -> list[Event]:
    """"The same was done by the Japanese": the previous act of the paragraph, returned by the side
    this sentence names to that act's source. Nothing when the sentence names no side."""
    if "\n" in doc.body[previous.evidence.end:sentence.start]:
        return []
    index = _word_index(parsed)
    if not any(_match(pattern, parsed, index) for pattern in lexicon().repeats):
        return []
    side = _side_in(doc.body[sentence.start:sentence.end])
    if side is None:
        return []
    note = footnote_for(doc, sentence.start, sentence.end)
    return [replace(previous, source=side, source_side=side, target=previous.source_side,
                    target_side=previous.source_side, evidence=sentence, place=None, name=None,
                    footnote=note.number if note else None, trigger=doc.body[sentence.start:sentence.end],
                    **_date_fields(doc, sentence.start, sentence.end))]


def _date_fields(doc: Document, start: int, end: int) -> dict[str, Any]:
    """The Event date fields of the date that governs body[start:end] (all None without one)."""
    when = dates.date_for(doc, start, end)
    return {"date": when.iso if when else None, "date_precision": when.precision if when else None,
            "date_end": when.iso_end if when and when.date_edtf and "/" in when.date_edtf else None,
            "date_edtf": when.date_edtf if when else None}


def _parseable(body: str, sentences: list[Span], diagnostics: list[Diagnostic]) -> list[Span]:
    """The sentences worth a parse: not overlong, not debris, and not in a paragraph over
    MAX_PARAGRAPH characters (a runaway conversion, read by rules only as the entities stage reads
    it: parsed sentence by sentence, 1 MB of it takes minutes). One diagnostic per reason."""
    runaway = [m.span() for m in re.finditer(r"[^\n]+", body) if m.end() - m.start() > MAX_PARAGRAPH]
    reasons = (
        ("events-sentence-too-long", f"over {MAX_SENTENCE_CHARS} characters",
         lambda s: s.end - s.start > MAX_SENTENCE_CHARS),
        ("events-sentence-not-prose", f"with a run of {MAX_RUN} non-space characters",
         lambda s: LONG_RUN.search(body, s.start, s.end) is not None),
        ("events-paragraph-too-long", f"in paragraphs over {MAX_PARAGRAPH} characters",
         lambda s: any(start <= s.start < end for start, end in runaway)),
    )
    kept = sentences
    for code, what, unfit in reasons:
        fit = [s for s in kept if not unfit(s)]
        if len(fit) < len(kept):
            diagnostics.append(Diagnostic(code, f"{len(kept) - len(fit)} sentence(s) {what} not parsed for events"))
        kept = fit
    return kept


def _parsed_sentences(seen: Views, sentences: list[Span]) -> Iterator[Any]:
    """Each sentence as a parsed spaCy Doc: cut from the document's shared paragraph parse, or
    parsed alone when its paragraph was not parsed (Cyrillic, overlong) or spaCy's tokens do
    not start where the sentence does."""
    from legation.nlp import english_parser  # loaded only when there is prose to parse

    body = seen.body
    paragraphs = seen.english
    starts = [offset for offset, _ in paragraphs]
    read: tuple[int, Any, Any] | None = None  # (paragraph, attribute names, values): read once for its sentences
    for sentence in sentences:
        i = bisect.bisect_right(starts, sentence.start) - 1
        cut = None
        if i >= 0:
            offset, parsed = paragraphs[i]
            cut = parsed.char_span(sentence.start - offset, sentence.end - offset, alignment_mode="expand")
            if cut is not None and cut.start_char != sentence.start - offset:
                cut = None
        if cut is None:
            yield english_parser()(body[sentence.start:sentence.end])
            continue
        if read is None or read[0] != i:
            head = parsed._get_array_attrs()  # the attributes as_doc copies by default (spaCy is pinned)
            read = (i, head, parsed.to_array(head))
        yield cut.as_doc(array_head=read[1], array=read[2].copy())  # a copy: as_doc mends its rows in place


def _char_span(sentence: Span, parsed: Any, trigger: Trigger) -> tuple[int, int]:
    """The trigger's words as body offsets."""
    last = parsed[trigger.end - 1]
    return sentence.start + parsed[trigger.start].idx, sentence.start + last.idx + len(last)


def find_triggers(parsed: Any) -> list[Trigger]:
    """The triggers of one parsed sentence that report events, coded in their clause (intents,
    demands, refusals), in text order; negated and hypothetical ones dropped."""
    lex = lexicon()
    if lex.speculation.match(parsed.text):
        return []  # "Perhaps ...": the author's guess, not a report
    index = _word_index(parsed)
    matches = []
    for number in _patterns_that_may_match(index, lex):
        order, rule, pattern = lex.patterns[number]
        for start, end in _match(pattern, parsed, index):
            matches.append((-(end - start), order, start, end, rule))
    taken: set[int] = set()
    triggers = []
    for _, _, start, end, rule in sorted(matches, key=lambda m: (m[0], m[1], m[2])):
        if taken.intersection(range(start, end)):
            continue
        taken.update(range(start, end))
        anchor = _anchor(parsed, start, end)
        if anchor.dep_ == "amod":
            continue  # "the alleged proposal" alleges nothing
        cameo = _coded(rule, _modality(anchor, lex), anchor, lex)
        if cameo is not None:
            triggers.append(Trigger(rule, cameo, start, end, anchor))
    return sorted(triggers, key=lambda t: t.start)


def _coded(rule: Rule, modality: str, anchor: Any, lex: Lexicon) -> str | None:
    """The code a trigger gets in its clause: its rule's, an intent's, a demand's or a rejection's;
    None when the clause makes it no event (hypothetical, or a negated act that is not cooperation)."""
    code = lookup(rule.cameo)
    category = code.plover if code else None
    if modality == "hedged":
        return None
    if modality == "refused":
        return lex.rejection_code if category in lex.cooperative else None
    if modality == "negated":
        return None
    if modality == "obligation":
        return rule.cameo if category == "REQUEST" else lex.obligation_code
    if modality == "future" or (rule.intent is not None and _intended(anchor, lex)):
        return rule.intent or lex.intent_by_category.get(category or "", rule.cameo)
    return rule.cameo


def main_trigger(parsed: Any) -> Trigger | None:
    """The trigger nearest the root of the parse: what a one-event sentence reports."""
    triggers = find_triggers(parsed)
    return min(triggers, key=lambda t: (_depth(t.anchor), t.start)) if triggers else None


def _word_index(parsed: Any) -> dict[str, list[int]]:
    """Token positions by lower-cased text and lemma: where a pattern's first word can start."""
    index: dict[str, list[int]] = {}
    for token in parsed:
        for form in {token.lower_, token.lemma_.lower()}:
            index.setdefault(form, []).append(token.i)
    return index


def _patterns_that_may_match(index: dict[str, list[int]], lex: Lexicon) -> list[int]:
    """The numbers of the patterns whose first word the sentence has (or that open with a gap),
    in rule order: of some 250 patterns a sentence opens a few."""
    numbers = set(lex.open_patterns)
    for word in index:
        numbers.update(lex.by_first_word.get(word, ()))
    return sorted(numbers)


def _match(pattern: Pattern, parsed: Any, index: dict[str, list[int]]) -> list[tuple[int, int]]:
    first = pattern[0]
    starts = range(len(parsed)) if first is GAP else sorted({i for w in first.words for i in index.get(w, ())})
    found = []
    for start in starts:
        end = _match_from(pattern, parsed, start)
        if end is not None:
            found.append((start, end))
    return found


def _match_from(pattern: Pattern, parsed: Any, start: int) -> int | None:
    position, gap = start, False
    for slot in pattern:
        if slot is GAP:
            gap = True
            continue
        limit = min(position + (5 if gap else 1), len(parsed))
        hit = next((i for i in range(position, limit) if _fits(slot, parsed[i])), None)
        if hit is None:
            return None
        position, gap = hit + 1, False
    return position


def _fits(slot: Slot, token: Any) -> bool:
    if slot.pos is not None and token.pos_ != slot.pos:
        return False
    return token.lower_ in slot.words or token.lemma_.lower() in slot.words


def _anchor(parsed: Any, start: int, end: int) -> Any:
    """The token of the match whose head lies outside it (the match's syntactic head)."""
    for token in parsed[start:end]:
        if token.head.i < start or token.head.i >= end or token.head.i == token.i:
            return token
    return parsed[start]


def _clause_chain(anchor: Any, through_infinitives: bool = False) -> list[Any]:
    """The anchor and its ancestors up to the head of its clause (past a "to" infinitive clause
    too when asked: "made a proposal ... to visit Tokyo")."""
    chain = [anchor]
    token = anchor
    while token.head.i != token.i:
        infinitive = through_infinitives and token.dep_ in ("advcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        if token.dep_ in _CLAUSE_HEADS and not infinitive:
            break
        token = token.head
        chain.append(token)
    return chain


def _modality(anchor: Any, lex: Lexicon) -> str:
    """How the clause reports the trigger: "negated" ("did not protest", "neither ... rejected";
    implicatives flip negation back), "refused" (negated by will: "will not accept", "failed to
    reach"), "hedged" ("could", "if", "perhaps"), "obligation" ("must"), "future" ("will",
    "would"), or "asserted"."""
    negative = willed = False
    modal = "asserted"
    chain = _clause_chain(anchor)
    for i, token in enumerate(chain):
        is_verb = token.pos_ in ("VERB", "AUX", "ADJ")
        for child in token.children:
            if child.dep_ == "neg" and (is_verb or i == 0):
                negative = not negative
            elif child.dep_ == "det" and i == 0 and child.lower_ in lex.negators:
                negative = not negative
            elif child.dep_ in ("aux", "auxpass", "mark", "advmod") and child.lower_ in lex.hedges and is_verb:
                return "hedged"
            elif child.dep_ == "aux" and is_verb and modal == "asserted":
                if child.lower_ in lex.obligation_markers:
                    modal = "obligation"
                elif child.lower_ in lex.future_markers:
                    modal = "future"
            elif child.dep_ in ("nsubj", "nsubjpass") and is_verb and _negated_subject(child, lex):
                negative = not negative
        if i > 0 and token.lemma_.lower() in lex.implicatives:
            negative, willed = not negative, True
    if chain[-1].dep_ == "relcl" and _negated_noun(chain[-1].head, lex):
        negative = not negative  # "no question ... which cannot be solved"
    if negative:
        return "refused" if willed or modal == "future" else "negated"
    return modal


def _negated_noun(noun: Any, lex: Lexicon) -> bool:
    """Whether "no" determines the noun or a noun it hangs from ("no question between Japan and
    Russia"), or the noun of the "there is no ..." its phrase hangs from."""
    for _ in range(4):
        if _has_negator(noun, lex) or (noun.pos_ in ("AUX", "VERB") and any(
                _has_negator(c, lex) for c in noun.children if c.dep_ in ("attr", "nsubj"))):
            return True
        if noun.head.i == noun.i or noun.dep_ not in ("pobj", "prep", "conj", "compound", "appos"):
            return False
        noun = noun.head
    return False


def _has_negator(noun: Any, lex: Lexicon) -> bool:
    return any(c.dep_ in ("det", "neg") and c.lower_ in lex.negators for c in noun.children)


def _negated_subject(subject: Any, lex: Lexicon) -> bool:
    """"No country protested", "Neither Japan nor Germany protested": the subject's own determiner;
    a "no" deeper inside it ("the resentment that Germany had given no notice") negates its own clause."""
    return any(t.dep_ in ("preconj", "det") and t.lower_ in lex.negators for t in subject.children)


def _intended(anchor: Any, lex: Lexicon) -> bool:
    """Whether an intent marker governs the trigger; a phrase hung on a verb ("In addition to
    contacts ..., they sought to ...") is that verb's circumstance, not its content."""
    for token in _clause_chain(anchor, through_infinitives=True)[1:]:
        if token.lemma_.lower() in lex.intent_markers or token.lower_ in lex.intent_markers:
            return True
        if token.dep_ == "prep" and token.head.pos_ in ("VERB", "AUX"):
            return False
    return False


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 50:
        token, depth = token.head, depth + 1
    return depth


# --- arguments: who did it to whom ------------------------------------------------------------

def _predicate(anchor: Any) -> Any:
    """The verb a noun trigger belongs to ("expressed" for "an official protest")."""
    token = anchor
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _arguments(trigger: Trigger) -> tuple[Any | None, Any | None]:
    """(source token, target token) of a trigger from the dependency parse."""
    inside = range(trigger.start, trigger.end)
    anchor = trigger.anchor
    source = next((c for c in anchor.children if c.dep_ == "poss"), None) or _noun_actor(anchor)
    target = None
    predicate = _predicate(anchor)
    for verb in _verb_chain(predicate):
        children = [c for c in verb.children if c.i not in inside]
        if verb.pos_ in ("NOUN", "PROPN") and source is None:  # "the Japanese government's proposal to improve"
            source = next((c for c in children if c.dep_ == "poss"), None)
        passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        subject = next((c for c in children if c.dep_ == "nsubj"), None)
        if source is None:
            source = agent or subject
        if target is None and passive is not None and passive.i != anchor.i:
            target = passive
        if source is not None:
            break
    for token in [anchor, *(t for t in anchor.doc[trigger.start:trigger.end] if t.i != anchor.i), predicate]:
        target = target or _object_of(token, inside)
    partner = next((c for c in target.children if c.dep_ == "conj"), None) if target is not None else None
    if source is None and partner is not None and target.head.lower_ == "between":
        source, target = target, partner  # "the deal between Germany and Moscow": the two parties
    return source, target


def _noun_actor(anchor: Any) -> Any | None:
    """Who a noun trigger belongs to: "the politeness which the Japanese showed", "a Soviet protest"."""
    if anchor.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "by":  # "the declaration of war by Great Britain"
            agent = next((g for g in child.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return agent
        if child.dep_ == "relcl":
            subject = next((g for g in child.children if g.dep_ == "nsubj" and g.lower_ not in _PRONOUNS), None)
            if subject is not None:
                return subject
        if child.dep_ in ("amod", "compound") and _side_in(child.text):
            return child
    return None


def _verb_chain(verb: Any) -> list[Any]:
    """A verb and the verbs whose subject it shares ("chose to resolve and improve")."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj", "acl", "advcl", "pcomp") and len(chain) < 4:
        chain.append(chain[-1].head)
    return chain


def _object_of(token: Any, inside: range) -> Any | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _TARGET_PREPOSITIONS:
            # the preposition may be part of the trigger ("lashed out at"), its object is not
            obj = next((g for g in child.children if g.dep_ == "pobj" and g.i not in inside), None)
            if obj is not None:
                return obj
        elif (child.i not in inside and child.dep_ in ("dobj", "dative", "attr")
              and child.pos_ in ("NOUN", "PROPN", "PRON")):
            return child
    return None


@dataclass(slots=True)
class Actor:
    id: str | None  # a Person id, else a side code
    side: str | None


def _actor(doc: Document, offset: int, token: Any | None, speaker: Actor | None) -> Actor:
    """Who a source/target token names: the speaker for "we" in a quotation, a person or
    organisation mention of the entities stage, a role description it resolves, else the side
    its words name."""
    if token is not None and token.lower_ in _THIRD_PERSON:
        return _antecedent(doc, offset, offset + token.idx, speaker)
    if token is None or token.lower_ in _PRONOUNS:
        return Actor(None, None)
    if token.lower_ in _FIRST_PERSON:  # "we" in a quotation is its speaker; "I" in a telegram, its sender
        return speaker or Actor(*correspondents.author(doc))
    if token.lower_ in _SECOND_PERSON and speaker is None:
        return Actor(*correspondents.addressee(doc))
    start = offset + token.left_edge.idx
    end = offset + token.right_edge.idx + len(token.right_edge)
    for mention in sorted(_mentions(doc, start, end), key=lambda m: (m.kind != "person", m.start)):
        actor = _actor_of(doc, mention.entity)
        if actor.side or actor.id:
            return actor
    person = entities.resolve_description(doc, doc.body[start:end], start)
    if person is not None:
        return _actor_of(doc, person)
    side = _side_in(doc.body[start:end])
    return Actor(side, side)


def _antecedent(doc: Document, sentence_start: int, offset: int, speaker: Actor | None) -> Actor:
    """"he", "she": the last person named before it in the sentence, other than the speaker of the
    quotation it stands in ("on Molotov's orders ... he raised a toast", Togo recalled)."""
    persons = {p.id for p in doc.persons}
    for mention in reversed(_mentions(doc, sentence_start, offset)):
        actor = _actor_of(doc, mention.entity)
        if mention.entity in persons and actor != speaker:
            return actor
    return Actor(None, None)


def _mentions(doc: Document, start: int, end: int) -> list[Any]:
    return [m for m in entities.mentions_between(doc, start, end) if m.start >= start and m.entity]


def _speaker(doc: Document, start: int) -> Actor | None:
    """The speaker of the quotation the offset lies in, if any."""
    quote = next((q for q in doc.quotes if q.start <= start < q.end and q.speaker), None)
    if quote is None:
        return None
    return _actor_of(doc, quote.speaker)


def _nearest(doc: Document, start: int, end: int, last: bool, unlike: str | None = None) -> Actor:
    """The fallback actor: the last (source, before the trigger) or first (target, after it)
    actor with a side named in body[start:end], of another side than ``unlike``."""
    mentions = _mentions(doc, start, end)
    for mention in reversed(mentions) if last else mentions:
        actor = _actor_of(doc, mention.entity)
        if actor.side and actor.side != unlike:
            return actor
    return Actor(None, None)


def _is_person(doc: Document, actor: Actor) -> bool:
    """A person's own act reported in a quotation is theirs, not the quoting speaker's."""
    return actor.id is not None and any(p.id == actor.id for p in doc.persons)


def _known(actor: Actor) -> bool:
    return actor.side is not None or actor.id is not None


def _names_own_institution(token: Any | None) -> bool:
    """"the government", "the ministry" with no state named: the source's own."""
    return token is not None and token.lemma_.lower() in lexicon().own_institutions


def _agentless_passive(trigger: Trigger) -> bool:
    """"Soviet diplomats were invited", with no "by" phrase: the subject is the patient."""
    predicate = _predicate(trigger.anchor)
    return (any(c.dep_ == "nsubjpass" for c in predicate.children)
            and not any(c.dep_ == "agent" for c in predicate.children))


def _fill_sides(doc: Document, sentence: Span, start: int, end: int, category: str,
                source: Actor, target: Actor, passive: bool) -> tuple[Actor, Actor]:
    """Actors the parse did not give, from the text around the trigger. A state's domestic acts
    (arrests, bans) have the state on both ends; any other interaction is between sides, so a
    target of the source's own side is looked for again."""
    if category in lexicon().domestic:
        source = _fill_source(doc, sentence, start, end, source, target, passive=False)
        if not _known(source) and _known(target):
            source = Actor(target.side, target.side)
        if not _known(source):
            source = _nearest(doc, views(doc).paragraphs.start(sentence.start), sentence.start, last=True)
        return source, (target if _known(target) else Actor(source.side, source.side))
    source = _fill_source(doc, sentence, start, end, source, target, passive)
    if not _known(target) or (source.side is not None and target.side == source.side):
        target = _counterpart(doc, sentence, start, end, source.side) or target
    return source, target


def _fill_source(doc: Document, sentence: Span, start: int, end: int, source: Actor, target: Actor,
                 passive: bool) -> Actor:
    """The last actor before the trigger in the sentence, else the first after it, but not of the
    target's side when the target is the patient of a passive or follows the trigger ("Soviet
    diplomats were invited", "to invite Smetanin"); a passive's agent may be the counterpart
    earlier in the paragraph."""
    if _known(source):
        return source
    patient = target.side if passive else None
    source = _nearest(doc, sentence.start, start, last=True, unlike=patient)
    if not _known(source):
        source = _nearest(doc, end, sentence.end, last=False, unlike=target.side)
    if not _known(source) and passive:
        source = _nearest(doc, views(doc).paragraphs.start(sentence.start), sentence.start, last=True, unlike=patient)
    return source


def _counterpart(doc: Document, sentence: Span, start: int, end: int, side: str | None) -> Actor | None:
    """The target by position: the first actor of another side after the trigger, else before it
    in the sentence, else the last earlier in the paragraph (the counterpart the narrative is about)."""
    for actor in (_nearest(doc, end, sentence.end, last=False, unlike=side),
                  _nearest(doc, sentence.start, start, last=True, unlike=side),
                  _nearest(doc, views(doc).paragraphs.start(sentence.start), sentence.start, last=True, unlike=side)):
        if _known(actor):
            return actor
    return None


def _actor_of(doc: Document, entity_id: str | None) -> Actor:
    """A person is an actor by id; an organisation or a place acts for its side."""
    side = entities.side_of(doc, entity_id)
    if any(p.id == entity_id for p in doc.persons):
        return Actor(entity_id, side)
    return Actor(side, side)


def _side_in(text: str) -> str | None:
    lex = lexicon()
    match = lex.side_words.search(text)
    return lex.side_of_word[match.group().casefold()] if match else None


def _place(anchor: Any) -> str | None:
    """A place named by an "in"/"at" phrase of the trigger, its verb or their dependents
    ("signed ... in Moscow", "met Smetanin in Tokyo")."""
    predicate = _predicate(anchor)
    for token in (anchor, predicate, *anchor.children, *predicate.children):
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                obj = next((g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC", "FAC")), None)
                if obj is not None:
                    return " ".join(t.text for t in obj.subtree if t.ent_type_ == obj.ent_type_) or obj.text
    return None


def _trigger_event(doc: Document, sentence: Span, parsed: Any, trigger: Trigger) -> Event | None:
    code = lookup(trigger.cameo)
    if code is None or code.plover is None:
        return None
    start, end = _char_span(sentence, parsed, trigger)
    source_token, target_token = _arguments(trigger)
    speaker = _speaker(doc, start)
    source = _actor(doc, sentence.start, source_token, speaker)
    target = _actor(doc, sentence.start, target_token, speaker)
    if trigger.rule.needs_source and source.side is None and source.id is None:
        return None
    if (speaker is not None and code.cameo.startswith(lexicon().spoken) and source != speaker
            and not _is_person(doc, source)):
        # words said are the speaker's act, about the clause's subject ("Russia becomes an accomplice");
        # a person's act the speaker reports ("he raised a toast") stays that person's
        source, target = speaker, (source if source.side or source.id else target)
    own_institution = not _known(target) and _names_own_institution(target_token)
    source, target = _fill_sides(doc, sentence, start, end, code.plover, source, target, _agentless_passive(trigger))
    if own_institution:  # "the press lashed out at the government": its own government
        target = Actor(source.side, source.side)
    note = footnote_for(doc, sentence.start, sentence.end)
    return Event(type=code.cameo, plover=code.plover, goldstein=code.goldstein,
                 source=source.id, target=target.id, source_side=source.side, target_side=target.side,
                 evidence=sentence, place=_place(trigger.anchor), footnote=note.number if note else None,
                 trigger=doc.body[start:end], **_date_fields(doc, start, end))
