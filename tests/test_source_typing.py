"""The rules of source typing over the Linked Books models (crf.source_evidence, the [source_type]
table of crf_lexicon.toml) and parse-refs' primary / secondary typing with them.

Every example is written here, by class: a reference repeating the one above (Ibid., ebd., Там же),
marks of a published work (APA year, et al., DOI, volume(issue): pages, page ranges, authors'
initials, In:, op. cit., AA. VV., an imprint), a list of archival series running over several lines,
a bare line opening with an archive's name; and archival references of other schemes that the
published marks must leave alone."""

import pytest

from hypothesis import given, settings, strategies as st

from legation.extract.crf import bare, lexicon, primary_by_share, published_marks, source_evidence, tokenize
from legation.extract.parse_line import parse_line, parse_lines


def words(text: str) -> list[str]:
    return [t.text for t in tokenize(text, fine=True)]


def types(lines: list[str]) -> list[str]:
    return [r["source_type"] for r in parse_lines(lines)]


def typed(lines: list[str], archival_lines: set[int]) -> list[bool]:
    """The rules' verdict per line when the models call exactly ``archival_lines`` primary (every
    token of those lines typed primary, no other evidence)."""
    tokens = [words(line) for line in lines]
    kinds = [["primary" if i in archival_lines else "secondary"] * len(w) for i, w in enumerate(tokens)]
    components = [["o"] * len(w) for w in tokens]
    evidence = source_evidence(tokens, components, kinds, [0.0] * len(tokens))
    return [primary_by_share(e) for e in evidence]


# --- the rules alone, on labels chosen here -------------------------------------------------------

ARCHIVAL = "Consiglio dei Dieci, Misti, reg. 21, c. 179v."
BOOK = "F. Braudel, Civiltà e imperi del Mediterraneo, Torino, Einaudi, 1953."


@pytest.mark.parametrize("repeat", ["Ibid., c. 181r.", "Ibidem, doc. 3 agosto 1481, p. 73 v.", "(4) Ibidem, c. 12.",
                                    "Ivi, reg. 22.", "Ebd., Bl. 14.", "Там же. Л. 5.", "Id., ibid., doc. 7."])
def test_a_repeating_line_takes_the_type_of_the_line_above(repeat):
    assert typed([ARCHIVAL, repeat], {0}) == [True, True]
    assert typed([BOOK, repeat], {1}) == [False, False]  # the models' primary is overruled


def test_a_repeat_on_the_first_line_has_nothing_to_repeat():
    assert typed(["Ibid., c. 181r."], {0}) == [True]


@pytest.mark.parametrize("line", [
    "Kowalski, P., & Lindqvist, M. (2011). Sediment transport in glacial lakes. Journal of Hydrology, 402(3), 215–229.",
    "Hartmann, K. et al. Deep learning for archival transcription. https://doi.org/10.1000/xyz123",
    "Okafor, C. Thermal stability of films. Materials Letters 88(2): 14-19.",
    "Novak, J., Berg, K. and Holm, T. Adaptive mesh refinement. Ocean Modelling 33, 112-130, 2010.",
    "Barbaro, G., Storia delle acque, in: Studi veneziani, IX, pp. 115-150.",
    "Mancini, Il commercio del sale, op. cit., p. 40.",
    "AA. VV., Arte e committenza nella Venezia del Seicento, Firenze 1982.",
    "Cod. dipl. padovano, II, n. 173.",
    "Tasso, M., Lettere sul governo della laguna, Venezia, 1739.",
    "Moretti, L., Diario del viaggio in Levante, 2 vols. (Paris - Lyon, 1896-1902).",
    "Retrieved from the Harbour Board's site, 12 May 2020.",
])
def test_marks_of_a_published_work(line):
    assert published_marks(words(line))
    assert typed([line], {0}) == [False]


@pytest.mark.parametrize("line", [
    "Box 12, Folder 3 (1945).",
    "ASVe, Senato, Dispacci, Costantinopoli, filza 12 (1607), c. 34r.",
    "Senato Mar, reg. 29, c. 86t.",
    "BMC, Cod. Cicogna 3281, c. 12v.",
    "BNM, ms. It. VII 123 (=7456), c. 5.",
    "Ф. 5, оп. 1, д. 12, л. 3–4 об.",
    "MS Eng. hist. c. 123, fols. 4–7.",
    "Hoover Institution Archives, Nicolaevsky Collection, Box 164, Folder 2 (1937).",
    "Archivio di Stato di Firenze, Mediceo del Principato, b. 2970 (1575-1580).",
])
def test_archival_references_carry_no_mark_of_a_published_work(line):
    assert not published_marks(words(line))
    assert typed([line], {0}) == [True]


SERIES = ["ARCHIVIO DI STATO – Arti: Barbieri, Calegheri, Casaroli,", "Fabbri, Fruttaroli, Luganegheri, Marangoni,",
          "Pistori, Spezieri da grosso, Tagiapiera;", "Varoteri, Zavateri."]


def test_a_bare_list_going_on_from_an_archival_line_is_archival():
    assert typed(SERIES, {0}) == [True, True, True, True]
    assert typed(SERIES, set()) == [True, True, True, True]  # the first line opens with an archive's name


def test_a_list_ends_with_its_line_or_a_mark_of_a_published_work():
    closed = ["Senato Mar, reg. 29, c. 86t.", "Barbieri, Calegheri, Casaroli."]
    assert typed(closed, {0}) == [True, False]  # the line above closes with a full stop
    dated = ["Senato Mar, reg. 29,", "Venezia, Marsilio, 1990."]
    assert typed(dated, {0}) == [True, False]
    assert typed(["Rossi, M., Storia di Venezia, Milano,", "Barbieri, Calegheri, Casaroli."], set()) == [False, False]


def test_what_a_bare_line_is():
    assert bare(words("Fabbri, Fruttaroli, Luganegheri, Marangoni,"))
    assert bare(words("Pistori di co -"))  # "co" a broken word, not a publisher's "Co."
    assert not bare(words("Fabbri, Fruttaroli, 1754"))  # a number
    assert not bare(words("M. Rossi, Storia"))  # an initial
    assert not bare(words("Storia, Venezia, Marsilio"))  # a place, a publisher
    assert not bare(words("«Le arti», Fabbri"))  # a quotation


def test_a_bare_line_opening_with_an_archive_is_archival_alone():
    assert typed(["MUSEO CORRER – Mariegole, Commissarie, Provveditori"], set()) == [True]
    assert typed(["Archivio Veneto, XVI, pp. 115-150."], {0}) == [False]  # a journal: no bare line
    assert "archivio" in lexicon()["archive"]


# --- parse-refs with the models -------------------------------------------------------------------

def test_parse_refs_types_a_list_of_series_over_several_lines():
    assert types(["ARCHIVIO DI STATO - Barbieri, Calegheri, Casaroli, Fabbri,",
                  "Fruttaroli, Luganegheri, Marangoni, Pistori,", "Tagiapiera, Varoteri, Zavateri."]) == ["primary"] * 3
    assert types(["MUSEO CORRER - Acquaroli, Biavaroli, Botteri, Casaroli,",
                  "Marzeri, Spezieri da grosso, Tentori."]) == ["primary"] * 2
    result = parse_lines(["ARCHIVIO DI STATO - Barbieri, Calegheri, Casaroli, Fabbri,", "Fruttaroli, Luganegheri, Pistori,"])
    assert result[1]["kind"] == "archival" and result[1]["path"]  # its series as the path
    assert types(["Rossi, M., Storia di Venezia, Milano, 1990.", "Barbieri, Calegheri, Casaroli."]) == ["secondary"] * 2


def test_parse_refs_types_a_repeat_as_the_line_above():
    assert types(["Senato Mar, reg. 29, c. 86t.", "Ibidem, doc. 3 agosto 1481, p. 73 v."]) == ["primary", "primary"]
    assert types([BOOK, "Ibid., p. 140."]) == ["secondary", "secondary"]


@pytest.mark.parametrize("line", [
    "Kowalski, P., & Lindqvist, M. (2011). Sediment transport in glacial lakes. Journal of Hydrology, 402(3), 215–229.",
    "Hartmann, K. et al. Deep learning for archival transcription. https://doi.org/10.1000/xyz123",
    "[12] A. Petrov, B. Ivanova, and C. Smirnov. Sparse solvers for banded systems. SIAM J. Sci. Comput., 41(2):100–121, 2019.",
    "Okafor, C., Brandt, L., Sato, Y., Mendes, R. Thermal stability of perovskite films. Materials Letters 88, 2019, 14-19.",
    "AA. VV., Arte e committenza nella Venezia del Seicento, Firenze 1982.",
])
def test_parse_refs_keeps_published_references_secondary(line):
    result = parse_line(line)
    assert result["source_type"] == "secondary" and result["kind"] == "published"


def test_a_reference_the_crf_reads_as_one_work_is_not_cut_in_two():
    line = ("Lindqvist, Maria 2004. “Harbour records and the grain trade.” Scandinavian Economic History Review "
            "52: 101-118.")
    result = parse_line(line)
    assert result["kind"] == "published" and "citations" not in result
    assert any(f["field"] == "author" and f["value"].startswith("Lindqvist") for f in result["fields"])


def test_parse_line_and_parse_lines_agree_on_a_line_with_its_context():
    lines = ["Consiglio dei Dieci, Misti, reg. 21,", "Pistori, Tagiapiera, Varoteri."]
    assert parse_line(lines[1], lines[:1])["source_type"] == parse_lines(lines)[1]["source_type"] == "primary"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("Ab1.,;:()[]\"“”'- \tIbid.ASV b. c. pp.&et al")), max_size=80),
                max_size=6))
def test_parse_lines_is_total(lines):
    results = parse_lines(lines)
    assert len(results) == sum(bool(line.strip()) for line in lines)
    for line, result in zip([line for line in lines if line.strip()], results):
        assert result["source_type"] in ("primary", "secondary")
        assert all(line[f["start"]:f["end"]] == f["value"] for f in result["fields"])
