"""Quotations in the running text: the quoted words, who said or wrote them, to whom, when, in
what medium, and the note that sources them.

Passages. Straight "…", curly “…”, German/Russian „…“ and «ёлочки» (nested «…» counted) are
paired paragraph by paragraph; marks of another kind inside an open passage (‘rout’, 'new') are
nested quotes and stay part of its text, as do elisions (<...>, [...]) and editorial brackets
([is needed], (Yōsuke -I. D.)). A passage still open at a paragraph's end continues when the
next paragraph's first mark closes it, or when the next paragraph opens with the same mark (the
English multi-paragraph convention); otherwise it is reported as ``quote-unbalanced``. Top-level
single quotes are not read as passages (they cannot be told from apostrophes reliably).

Quotation or not. A passage is a quotation when a speech verb follows its closing mark and its
words end with , . ! ? ("Smetanin," wrote Nichibei Shimbun); otherwise a title-cased passage is
a name or title ("Chinese Incident", "Association of Fishing Interests", "Asahi"); otherwise a
passage right after a colon or a speech verb ('had said, "Never mind."'), or of at least four
words, is a quotation; so is a shorter fragment that a reporting frame attributes to a source
('called them "idle talk"', 'called on its employees to "be on guard"', 'announced that the
country would keep an "independent position"'), and one coordinated with it ('"verbal demagogy"
and "idle talk"'). Other short passages ("new relations", words of a belief such as "flirt")
are scare quotes or terms and are skipped.

Attribution. The frame of a quotation is the text of its sentence outside the quoted words (for
"A," X wrote, "B." both parts share the middle). The speaker is, in order: the name after
"according to"; the person or organisation named next to the speech verb nearest the quotation
(names after "to", "told", "with", "citing", "of"… are addressees or people talked about); a
role description before the verb ("the vice-admiral asked" → ``entities.resolve_description``;
"the publication wrote" → the outlet last named; "the embassy called on" → the organisation last
named with that head noun); the name a relative clause hangs on ("Weizsäcker, who reported"); a
pronoun ("he said" → the person last named in the paragraph); with no frame at all, the voice of
the quotation just before (when no other person intervenes), else the person last named in the
paragraph. A whole people ("the Germans") is no speaker; a passage whose own frame names nobody
takes the voice of an earlier quotation of its sentence. Addressee, medium and date are
read from the frame with the cues of ``data/quotes.yaml``; the date falls back to
``dates.date_for``. The footnote is the first source after the passage in its paragraph: an
author–year citation (no footnote), an anchored note, or a note whose marker was lost and whose
neighbours' anchors bracket the passage.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from legation.extract import context, dates, entities
from legation.model import Diagnostic, Document, Footnote, Mention, Quote, Span

_DOUBLE_MARKS = re.compile(r'["“”„«»]')
_CLOSERS = {'"': '"”', "“": '”"', "„": "“”", "«": "»"}
_OPENERS = "“„«"
_WORD = re.compile(r"\w+")
_MIN_WORDS = 4  # fewer words and no attribution: a scare quote or a term
_ATTRIBUTION_WORDS = 14  # how far after a closing mark a speech verb still attributes it
_BULLET = re.compile(r"\s*(?:[-*•–—]|\d+[.)])?\s*$")
_CLAUSE_END = re.compile(r"[,.!?…:;—–-]\s*$")
_SENTENCE_GOES_ON = re.compile(r"[,:;—–-]\s*$")  # "Smetanin," wrote… — the attribution follows
_SPEAKER_WINDOW_BEFORE = 90  # "K. A. Smetanin, the new USSR plenipotentiary representative in Tokyo, wrote"
_SPEAKER_WINDOW_AFTER = 25  # "summarized Chargé d'Affaires Generalov"
_CONTINUATION_GAP = 400  # how far back "the same voice goes on" reaches
_FRAME_LOOKBACK = 200  # how far before a short fragment its reporting frame is looked for
_THAT_CLAUSE_CHARS = 90  # "reported that, among the foreigners, only two or three people 'turned away'"
# ", who" right before a verb (up to two adverbs between): the subject is the name before the comma
_RELATIVE_SUBJECT = re.compile(r",\s*(?:who|which|который|которая)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# a quoted fragment, then "and"/"or"/a comma, right before the next opening mark
_COORDINATED = re.compile(r'["“«„][^"“”«»„\n]{1,80}["”»“]\s*(?:,\s*)?(?:(?:and|or|и|или)\s+)?$')


@dataclass(frozen=True, slots=True)
class Passage:
    """Quoted words body[start:end] between an opening mark at start-1 and a closing mark at end."""

    start: int
    end: int

    @property
    def open_mark(self) -> int:
        return self.start - 1


# ---------------------------------------------------------------------------------------------
# Cues (data/quotes.yaml)


@dataclass(frozen=True)
class _Cues:
    speech_verb: re.Pattern[str]
    addressee: list[re.Pattern[str]]
    not_speaker: re.Pattern[str]
    speaker: re.Pattern[str]
    media: list[tuple[str, re.Pattern[str]]]
    outlet: re.Pattern[str]
    outlet_noun: re.Pattern[str]
    description: re.Pattern[str]
    pronoun: re.Pattern[str]
    reporting_frame: re.Pattern[str]
    that_clause: re.Pattern[str]
    belief: re.Pattern[str]
    impersonal: re.Pattern[str]
    collective_speaker: re.Pattern[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    data: dict[str, Any] = yaml.safe_load(
        resources.files("legation.data").joinpath("quotes.yaml").read_text(encoding="utf-8"))
    verbs = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in data["speech_verbs"])
    not_speaker = "|".join(re.escape(w) for w in data["not_speaker_cues"])
    pronouns = "|".join(re.escape(w) for w in data["pronouns"])
    flags = re.IGNORECASE
    return _Cues(
        speech_verb=re.compile(rf"(?<!\w)(?:{verbs})(?!\w)", flags),
        addressee=[re.compile(p, flags) for p in data["addressee_cues"]],
        # a cue word, then up to four plain words, right before a name
        not_speaker=re.compile(rf"(?<!\w)(?:{not_speaker})\s+(?:[\w'’.-]+\s+){{0,4}}$", flags),
        speaker=re.compile("|".join(data["speaker_cues"]), flags),
        media=[(m["medium"], re.compile(m["pattern"], flags)) for m in data["media"]],
        outlet=re.compile("|".join(data["outlet_cues"]), flags),
        outlet_noun=re.compile(rf"(?:{'|'.join(map(re.escape, data['outlet_nouns']))})$", flags),
        # "the vice-admiral", "the Soviet plenipotentiary envoy" right before a verb
        description=re.compile(r"(?<!\w)((?:the|this|that)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+"
                               r"(?:(?:had|has|have|was|once|later|then|also|previously|again|further)\s+)*$",
                               flags),
        pronoun=re.compile(rf"(?<!\w)(?:{pronouns})(?!\w)", flags),
        reporting_frame=re.compile("|".join(f"(?:{p})" for p in data["reporting_frames"]), flags),
        # a verb of saying, at most three words, "that", then a few words of the clause up to the mark
        that_clause=re.compile(
            rf"(?<!\w)(?:{'|'.join(map(re.escape, data['that_clause_verbs']))}){data['that_clause_verb_endings']}"
            rf"\s+(?:[\w'’-]+\s+){{0,3}}?(?:that|что)\b(?P<clause>[^;:.!?\"“”«»„]{{0,{_THAT_CLAUSE_CHARS}}})$", flags),
        impersonal=re.compile("|".join(data["impersonal_saying"]), flags),
        belief=re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, data['belief_words']))})(?!\w)", flags),
        collective_speaker=re.compile(data["collective_speaker"]),
    )


# ---------------------------------------------------------------------------------------------
# Passages


def find_passages(body: str) -> tuple[list[Passage], list[Diagnostic]]:
    """Every quoted passage of the body, paired mark to mark, in order; one ``quote-unbalanced``
    diagnostic per paragraph holding a mark that is never closed."""
    passages: list[Passage] = []
    unclosed: dict[int, int] = {}  # paragraph start -> its first mark never closed
    open_at: int | None = None  # the opening mark of the passage being read
    open_para = 0
    depth = 0  # nested «…» inside an open «
    for para in re.finditer(r"[^\n]+", body):
        if open_at is not None and not _continues_into(body, para, body[open_at]):
            unclosed.setdefault(open_para, open_at)
            open_at = None
        for mark in _DOUBLE_MARKS.finditer(body, para.start(), para.end()):
            i, ch = mark.start(), mark.group()
            if open_at is None:
                if ch in _OPENERS or (ch == '"' and _looks_open(body, i)):
                    open_at, open_para, depth = i, para.start(), 0
                continue
            opener = body[open_at]
            if ch in _CLOSERS[opener] and not (ch == '"' and _looks_open(body, i) and not _looks_closed(body, i)):
                if depth:
                    depth -= 1
                else:
                    passages.append(Passage(open_at + 1, i))
                    open_at = None
            elif ch == opener or (opener in '"“' and ch in '"“'):
                if _at_paragraph_start(body, para.start(), i):
                    continue  # the mark that reopens a quotation running over paragraphs
                if opener == "«":
                    depth += 1
                else:  # the same mark again before a close: the earlier one was never closed
                    unclosed.setdefault(open_para, open_at)
                    open_at, open_para = i, para.start()
    if open_at is not None:
        unclosed.setdefault(open_para, open_at)
    return passages, [_unbalanced(body, at) for at in unclosed.values()]


def _looks_open(body: str, i: int) -> bool:
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return (before.isspace() or before in "([{—–-/:«„“") and not after.isspace()


def _looks_closed(body: str, i: int) -> bool:
    before = body[i - 1] if i > 0 else " "
    after = body[i + 1] if i + 1 < len(body) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _at_paragraph_start(body: str, para_start: int, i: int) -> bool:
    return i - para_start <= 8 and bool(_BULLET.fullmatch(body[para_start:i]))


def _continues_into(body: str, para: re.Match[str], opener: str) -> bool:
    """A passage open at a paragraph's end runs on when the next paragraph closes it first, or
    reopens it at its start."""
    first = _DOUBLE_MARKS.search(body, para.start(), para.end())
    if first is None:
        return False
    i, ch = first.start(), first.group()
    if _at_paragraph_start(body, para.start(), i) and (ch == opener or (opener in '"“' and ch in '"“')):
        return True
    return ch in _CLOSERS[opener] and (ch != '"' or _looks_closed(body, i))


def _unbalanced(body: str, open_at: int) -> Diagnostic:
    excerpt = body[open_at:open_at + 40].replace("\n", " ")
    return Diagnostic("quote-unbalanced", f"quotation mark at body offset {open_at} is never closed: {excerpt!r}")


def is_quotation(body: str, passage: Passage) -> bool:
    """Speech or writing quoted, as opposed to a scare quote, a term, a name or a title."""
    text = body[passage.start:passage.end]
    words = _WORD.findall(text)
    if not words:
        return False
    if _CLAUSE_END.search(text) and _speech_follows(body, passage.end + 1):
        return True
    if _is_title(text, words):
        return False
    return (_speech_precedes(body, passage.open_mark) or len(words) >= _MIN_WORDS
            or _frame_precedes(body, passage.open_mark))


def _speech_precedes(body: str, open_mark: int) -> bool:
    """A colon or a speech verb right before the opening mark: 'he said: "…"', 'had said, "…"'."""
    before = body[max(0, open_mark - 60):open_mark].rstrip()
    if before.endswith(":"):
        return True
    return bool(_cues().speech_verb.search(" ".join(before.split()[-2:])))


def _frame_precedes(body: str, open_mark: int) -> bool:
    """A reporting frame attributes the fragment: 'called them "idle talk"', 'talked about the
    "good will"', 'announced that the country would keep an "independent position"'; a fragment
    coordinated with one so framed ('"verbal demagogy" and "idle talk"') shares its frame."""
    low = max(0, open_mark - _FRAME_LOOKBACK)
    low = max(low, body.rfind("\n", low, open_mark) + 1)  # bounded: a 1 MB paragraph is not rescanned
    before = body[low:open_mark]
    cues = _cues()
    if cues.reporting_frame.search(before):
        return True
    said = cues.that_clause.search(before)
    if said is not None and not cues.belief.search(said.group("clause")) \
            and not cues.impersonal.search(before, max(0, said.start() - 30), said.start("clause")):
        return True
    coordinated = _COORDINATED.search(before)
    return coordinated is not None and _frame_precedes(body, low + coordinated.start())


def _speech_follows(body: str, after: int) -> bool:
    """A speech verb in the clause after the closing mark: ', wrote Malik', ', as K. A. Smetanin,
    the new … representative, wrote' (an initial's full stop does not end the clause)."""
    clause = re.split(r'["“”„«»;\n]|(?<!\b\w)[.!?…](?=\s|$)', body[after:after + 160], maxsplit=1)[0]
    head = " ".join(clause.split()[:_ATTRIBUTION_WORDS])
    return bool(_cues().speech_verb.search(head))


def _is_title(text: str, words: list[str]) -> bool:
    """Title-cased and not a sentence: a name, a heading, a ship, a newspaper, a play."""
    if re.search(r"[.!?…]\W*$", text):
        return False
    content = [w for w in words if len(w) >= 4 and not w.isdigit()] or words
    return all(w[0].isupper() for w in content)


# ---------------------------------------------------------------------------------------------
# The stage


def annotate(doc: Document) -> list[Diagnostic]:
    passages, diagnostics = find_passages(doc.body)
    quoted = [p for p in passages if is_quotation(doc.body, p)]
    reader = _Reader(doc, quoted)
    doc.quotes = [reader.quote(i) for i in range(len(quoted))]
    reader.share_notes_of_split_quotations()
    return diagnostics


class _Reader:
    """Reads the attribution of each quotation of one document."""

    def __init__(self, doc: Document, quoted: list[Passage]) -> None:
        self.doc = doc
        self.body = doc.body
        self.quoted = quoted
        self._quoted_starts = [p.start for p in quoted]
        self.sentences = context.views(doc).sentences
        self._anchor_ends = sorted(n.anchor.end for n in doc.footnotes if n.anchor is not None)
        self._paragraphs = context.views(doc).paragraphs
        self.mentions = [m for m in doc.mentions if not self._inside_quotation(m.start)]
        self._mention_starts = [m.start for m in self.mentions]
        self.organizations = {o.id: o for o in doc.organizations}
        self.quotes: list[Quote] = []
        self.split: set[int] = set()  # "A," X wrote, "B.": quotation index of A, whose frame runs into B

    def share_notes_of_split_quotations(self) -> None:
        """The parts of one split quotation are sourced by the note after its last part."""
        for index in sorted(self.split, reverse=True):
            self.quotes[index].footnote = self.quotes[index + 1].footnote

    def quote(self, index: int) -> Quote:
        passage = self.quoted[index]
        frames = self._frames(index)
        if index + 1 < len(self.quoted) and frames[-1].end == self.quoted[index + 1].open_mark:
            self.split.add(index)
        quote = Quote(text=self.body[passage.start:passage.end], start=passage.start, end=passage.end)
        if not any(_WORD.search(self.body[f.start:f.end]) for f in frames) and self._voice_goes_on(index):
            previous = self.quotes[-1]
            quote.speaker, quote.speaker_text = previous.speaker, previous.speaker_text
            quote.addressee, quote.medium, quote.date = previous.addressee, previous.medium, previous.date
        else:
            self._attribute(quote, passage, frames)
        quote.footnote = self._footnote(passage)
        self.quotes.append(quote)
        return quote

    # --- frames ---------------------------------------------------------------------------

    def _frames(self, index: int) -> list[Span]:
        """The text of the quotation's sentence outside quoted words: before it and after it."""
        passage = self.quoted[index]
        para_start = self._paragraphs.start(passage.open_mark)
        sentence = self.sentences.at(passage.open_mark)
        low = max(para_start, sentence.start if sentence else para_start)
        if index > 0:
            low = max(low, self.quoted[index - 1].end + 1)
        frames = [Span(low, passage.open_mark)]
        after = passage.end + 1
        rest = self.body[after:after + 2].lstrip(" ")
        if _SENTENCE_GOES_ON.search(self.body[passage.start:passage.end]) or (rest and (rest[0].islower() or rest[0] in ",—–")):
            high = self._paragraphs.end(after)
            closing = self.sentences.at(after) or self.sentences.at(passage.end)
            if closing is not None and closing.end > after:
                high = min(high, closing.end)
            if index + 1 < len(self.quoted):
                high = min(high, self.quoted[index + 1].open_mark)
            frames.append(Span(after, max(after, high)))
        return frames

    def _voice_goes_on(self, index: int) -> bool:
        """A passage with no attribution of its own carries on the quotation just before it when
        nobody else is named in between."""
        if index == 0 or not self.quotes:
            return False
        previous, passage = self.quoted[index - 1], self.quoted[index]
        if passage.open_mark - previous.end > _CONTINUATION_GAP:
            return False
        speaker = self.quotes[-1].speaker
        between = self._mentions_in(previous.end, passage.open_mark)
        return all(m.kind != "person" or (speaker and m.entity == speaker) for m in between)

    # --- attribution ------------------------------------------------------------------------

    def _attribute(self, quote: Quote, passage: Passage, frames: list[Span]) -> None:
        speaker = self._speaker(passage, frames)
        if speaker is not None and not _cues().collective_speaker.match(speaker[1]):
            quote.speaker, quote.speaker_text = speaker
        quote.addressee = self._addressee(frames)
        quote.medium = self._medium(quote, frames)
        quote.date = self._date(passage, frames)
        if quote.speaker is None and self._shares_sentence_with_previous(passage):
            self._inherit_from_previous(quote)

    def _shares_sentence_with_previous(self, passage: Passage) -> bool:
        """'called them "verbal demagogy" and "idle talk"', 'reported that … "turned away" …, while
        the other diplomats "willingly greeted …"': one frame governs both passages."""
        if not self.quotes:
            return False
        sentence = self.sentences.at(passage.open_mark)
        return sentence is not None and sentence.start <= self.quotes[-1].start

    def _inherit_from_previous(self, quote: Quote) -> None:
        previous = self.quotes[-1]
        quote.speaker, quote.speaker_text = previous.speaker, previous.speaker_text
        quote.addressee = quote.addressee or previous.addressee
        quote.medium = quote.medium or previous.medium
        quote.date = quote.date or previous.date

    def _speaker(self, passage: Passage, frames: list[Span]) -> tuple[str | None, str] | None:
        cues = _cues()
        for frame in frames:
            for cue in cues.speaker.finditer(self.body, frame.start, frame.end):
                named = self._mention_at(cue.end(), frame.end)
                if named is not None:
                    return named.entity, named.text
                pronoun = cues.pronoun.match(self.body, cue.end())
                if pronoun:
                    return self._last_person(passage.open_mark, pronoun.group())
        for verb, frame in self._verbs_by_proximity(passage, frames):
            found = self._subject_of(verb, frame, passage)
            if found is not None:
                return found
        if not any(_WORD.search(self.body[f.start:f.end]) for f in frames):
            return self._last_person(passage.open_mark, None)
        left, *right = frames  # no speech verb: the name nearest the quotation
        nearest = self._candidates(left)[-1:] or [m for f in right for m in self._candidates(f)][:1]
        return (nearest[0].entity, nearest[0].text) if nearest else None

    def _verbs_by_proximity(self, passage: Passage, frames: list[Span]) -> list[tuple[re.Match[str], Span]]:
        """Speech verbs of the frames, and the reporting frame right before the passage ("called
        on its employees to"), nearest the passage first."""
        cues = _cues()
        verbs = [(v, f) for f in frames for v in cues.speech_verb.finditer(self.body, f.start, f.end)]
        framed = cues.reporting_frame.search(self.body, frames[0].start, frames[0].end)
        if framed is not None and framed.end() == frames[0].end:
            verbs.append((framed, frames[0]))
        return sorted(verbs, key=lambda vf: passage.open_mark - vf[0].end() if vf[0].end() <= passage.open_mark
                      else vf[0].start() - passage.end)

    def _subject_of(self, verb: re.Match[str], frame: Span, passage: Passage) -> tuple[str | None, str] | None:
        """Who speaks with this verb: a name beside it, a description or a pronoun before it."""
        window = Span(max(frame.start, verb.start() - _SPEAKER_WINDOW_BEFORE),
                      min(frame.end, verb.end() + _SPEAKER_WINDOW_AFTER))
        relative = _RELATIVE_SUBJECT.search(self.body, window.start, verb.start())
        if relative is not None:  # "Ernst Weizsäcker, who reported": the name the clause hangs on
            named = [m for m in self._mentions_in(window.start, relative.start())
                     if m.kind in ("person", "organization") and m.end == relative.start()]
            if named:
                return named[-1].entity, named[-1].text
        near = [m for m in self._candidates(window)
                if m.end <= verb.start() or m.start >= verb.end()]
        if near:
            best = min(near, key=lambda m: verb.start() - m.end if m.end <= verb.start() else m.start - verb.end())
            return best.entity, best.text
        before = self.body[window.start:verb.start()]
        description = _cues().description.search(before)
        if description:
            resolved = self._resolve(description.group(1), verb.start())
            if resolved is not None:
                return resolved, description.group(1)
        pronoun = _ending_with(_cues().pronoun, before.rstrip())
        if pronoun:
            return self._last_person(passage.open_mark, pronoun)
        return None

    def _candidates(self, frame: Span) -> list[Mention]:
        """Person and organisation names in the frame that could be speaking ("according to
        Malik" can; "told Andō", "citing Hōchi Shimbun", "with Eugen Ott" cannot)."""
        cues = _cues()
        out = []
        for m in self._mentions_in(frame.start, frame.end):
            lead = self.body[max(frame.start, m.start - 60):m.start]
            if m.kind in ("person", "organization") and (
                    _ending_with(cues.speaker, lead) or not cues.not_speaker.search(lead)):
                out.append(m)
        return out

    def _resolve(self, phrase: str, offset: int) -> str | None:
        head = (re.split(r"\s+of\s+", phrase, maxsplit=1)[0].split() or [""])[-1]  # "the head of the X" → head
        if _cues().outlet_noun.search(head):
            return self._last_outlet(offset)
        return entities.resolve_description(self.doc, phrase, offset) or self._last_organization_called(head, offset)

    def _last_organization_called(self, head: str, offset: int) -> str | None:
        """'the embassy' → the organisation last named with that head noun ('Soviet embassy')."""
        for m in reversed(self._mentions_in(max(0, offset - 3000), offset)):
            if m.kind == "organization" and m.text.casefold().split()[-1:] == [head.casefold()]:
                return m.entity
        return None

    def _last_person(self, offset: int, words: str | None) -> tuple[str | None, str] | None:
        """The person named last before offset in its paragraph (and how to call them)."""
        para_start = self._paragraphs.start(offset)
        i = bisect.bisect_left(self._mention_starts, offset) - 1
        while i >= 0 and self.mentions[i].start >= para_start:
            if self.mentions[i].kind == "person" and self.mentions[i].end <= offset:
                return self.mentions[i].entity, words or self.mentions[i].text
            i -= 1
        return None

    def _last_outlet(self, offset: int) -> str | None:
        for m in reversed(self._mentions_in(max(0, offset - 3000), offset)):
            if m.kind == "organization" and self._is_outlet(m.entity, m.text):
                return m.entity
        return None

    def _is_outlet(self, entity_id: str | None, text: str | None) -> bool:
        entity = self.organizations.get(entity_id or "")
        names = [text or "", *([entity.name, *entity.variants] if entity else [])]
        return any(_cues().outlet.search(n) for n in names)

    def _addressee(self, frames: list[Span]) -> str | None:
        for frame in frames:
            for cue in _cues().addressee:
                found = cue.search(self.body, frame.start, frame.end)
                if found is None:
                    continue
                named = self._mention_at(found.end(), frame.end)
                if named is not None:
                    return named.entity or named.text
                phrase = _noun_phrase(self.body[found.end():frame.end])
                if phrase:
                    return (self._resolve(phrase, found.end()) if phrase.lower().startswith("the ") else None) or phrase
        return None

    def _medium(self, quote: Quote, frames: list[Span]) -> str | None:
        if quote.speaker_text and self._is_outlet(quote.speaker, quote.speaker_text):
            return "newspaper"
        text = " ".join(self.body[f.start:f.end] for f in frames)
        return next((medium for medium, pattern in _cues().media if pattern.search(text)), None)

    def _date(self, passage: Passage, frames: list[Span]) -> str | None:
        in_frames = [d for d in self.doc.dates if any(f.start <= d.start and d.end <= f.end for f in frames)]
        if in_frames:
            return min(in_frames, key=lambda d: abs(d.start - passage.start)).iso
        found = dates.date_for(self.doc, frames[0].start, passage.end)
        if found is None or passage.start <= found.start < passage.end:
            return None  # a date in the quoted words dates what they tell, not when they were said
        return found.iso

    # --- the source note ---------------------------------------------------------------------

    def _footnote(self, passage: Passage) -> int | None:
        """The first source after the passage in its paragraph: an author–year citation (then no
        note), a note whose marker was lost between neighbours that bracket it, or a note."""
        para_end = self._paragraphs.end(passage.end)
        cited_at = min((c.start for c in self.doc.intext_citations if passage.end <= c.start <= para_end),
                       default=None)
        lost = _lost_note(self.doc.footnotes, passage)
        if lost is not None:
            note, bound = lost
            return None if cited_at is not None and cited_at < bound else note
        i = bisect.bisect_left(self._anchor_ends, passage.end)
        closes_here = i < len(self._anchor_ends) and self._anchor_ends[i] <= para_end + 1
        note = context.footnote_for(self.doc, passage.start, passage.end) if closes_here else None
        if note is None or note.anchor is None:
            return None
        return None if cited_at is not None and cited_at < note.anchor.end else note.number

    # --- mentions ------------------------------------------------------------------------------

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        i = bisect.bisect_left(self._mention_starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def _mention_at(self, offset: int, limit: int) -> Mention | None:
        """The name that starts right at offset (after an optional article)."""
        lead = re.match(r"(?:the\s+)?", self.body[offset:offset + 4], re.IGNORECASE)
        skip = lead.end() if lead else 0
        for m in self._mentions_in(offset, limit):
            if m.start <= offset + skip and m.kind in ("person", "organization"):
                return m
        return None

    def _inside_quotation(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted_starts, offset) - 1
        return i >= 0 and offset < self.quoted[i].end


def _ending_with(pattern: re.Pattern[str], text: str) -> str | None:
    """The match of pattern that ends text, if any."""
    return next((m.group() for m in pattern.finditer(text) if m.end() == len(text)), None)


def _noun_phrase(text: str) -> str:
    """The words after an addressee cue, up to punctuation or a following clause."""
    head = re.split(r"[,.;:\[\]()\"“”«»\n]", text, maxsplit=1)[0]
    head = re.split(r"\s(?:on|in|during|that|about|at|after|before|when|while|and|to|и|в|о)\s", f" {head} ",
                    maxsplit=1)[0]
    return " ".join(head.split())[:80]


def _lost_note(footnotes: list[Footnote], passage: Passage) -> tuple[int, int] | None:
    """A note whose marker was lost, when the anchors of the notes numbered either side of it
    bracket the passage: (its number, where the next note's anchor starts)."""
    by_number = {n.number: n for n in footnotes if n.number is not None}
    for note in footnotes:
        if note.anchor is not None or note.number is None:
            continue
        before, after = by_number.get(note.number - 1), by_number.get(note.number + 1)
        if after is None or after.anchor is None or (before is not None and before.anchor is None):
            continue
        low = before.anchor.end if before is not None and before.anchor is not None else 0
        if low <= passage.start and passage.end <= after.anchor.start:
            return note.number, after.anchor.start
    return None
