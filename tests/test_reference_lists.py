"""Reference lists as digital-history essays and other journals print them, and author–year
citations linked to them.

The entries are real shapes: the Programming Historian lessons on passim (numbered, names given
name first, "[Link](url)"), on syuzhet (Works Cited, "*" list, Chicago with single quotes and the
publication parenthesis), on social network analysis of theatre (Spanish "Bibliografía", "_Title_",
"y" between authors), on GPT (Chicago under a heading, season dates), and Chicago, APA and MLA
bibliographies of digital history.
"""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.extract.intext import find_intext_citations, link_intext_citations
from legation.extract.references import parse_names, parse_reference, parse_reference_list
from legation.ingest.text import read_layout
from legation.formats.bibliography import reference_to_csl, to_bibtex, to_csl_json

from conftest import shared_path


def first_family(ref):
    names = ref.authors or ref.editors
    return names[0].get("family") if names else None


def keys(refs):
    return [(first_family(ref), ref.year) for ref in refs]


def article_references(text: str):
    """The reference list of an article's text, as the pipeline reads it."""
    return parse_reference_list(read_layout(text).reference_lines)


def linked(body: str, refs):
    citations = find_intext_citations(body)
    diagnostics = link_intext_citations(citations, refs)
    by_id = {ref.id: ref for ref in refs}
    return [(c.text, c.reference and (first_family(by_id[c.reference]), by_id[c.reference].year))
            for c in citations], diagnostics


# --- headings ---------------------------------------------------------------------------------

ARTICLE = """# A Lesson

Some running text that cites nobody in particular.

{heading}

Cordell, Ryan. "Reprinting, Circulation, and the Network Author in Antebellum Newspapers." American Literary History 27, no. 3 (2015): 417–45.

Mullen, Lincoln. 2016. textreuse: Detect Text Reuse and Document Similarity. https://github.com/ropensci/textreuse.
"""

HEADINGS = ["# Bibliography", "## Works Cited", "### Sources", "#### References", "##### Bibliografía",
            "###### Список литературы", "**Bibliography**", "**Литература**", "Works Cited",
            "Источники и литература", "## Referencias", "## Bibliographie", "BIBLIOGRAPHY", "References:"]


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_bibliography_under_any_heading(heading):
    refs = article_references(ARTICLE.format(heading=heading))
    assert keys(refs) == [("Cordell", 2015), ("Mullen", 2016)]


def test_the_list_ends_where_the_article_goes_on():
    text = ARTICLE.format(heading="## Bibliography") + "\n## Notes\n\n1. A note that is not an entry, 1999.\n"
    assert keys(article_references(text)) == [("Cordell", 2015), ("Mullen", 2016)]


# --- entries and lines ------------------------------------------------------------------------

def test_entries_wrapped_over_lines_are_not_split():
    wrapped = ("Cordell, Ryan. \"Reprinting, Circulation, and the Network Author in Antebellum\n"
               "Newspapers.\" American Literary History 27, no. 3 (2015): 417–45.\n"
               "Guldi, Jo, and David Armitage. The History Manifesto. Cambridge: Cambridge University Press,\n"
               "2014.\n"
               "Jockers, Matthew L. 2013.\n"
               "Macroanalysis: Digital Methods and Literary History. Urbana: University of Illinois Press.\n"
               "Ramsay, Stephen. Reading Machines: Toward an Algorithmic Criticism.\n"
               "Urbana: University of Illinois Press, 2011.\n"
               "Graham, Shawn, Ian Milligan, and Scott\n"
               "Weingart. Exploring Big Historical Data. London: Imperial College Press, 2016.\n")
    refs = parse_reference_list([(wrapped, 0)])
    assert keys(refs) == [("Cordell", 2015), ("Guldi", 2014), ("Jockers", 2013), ("Ramsay", 2011), ("Graham", 2016)]
    assert refs[0].title == "Reprinting, Circulation, and the Network Author in Antebellum Newspapers"
    assert refs[2].title == "Macroanalysis: Digital Methods and Literary History"
    assert refs[3].publisher == "University of Illinois Press"
    assert [n["family"] for n in refs[4].authors] == ["Graham", "Milligan", "Weingart"]
    for ref in refs:
        assert " ".join(wrapped[ref.source_start:ref.source_end].split()) == ref.text


def test_blank_line_separated_and_line_per_entry_lists_read_alike():
    entries = ["Moretti, F. _Distant Reading_. London - New York: Verso, 2013.",
               "Moretti, F. _Graphs, Maps, Trees: Abstract Models for a Literary History_. London: Verso, 2005.",
               'Moretti, F. "Network Theory, Plot Analysis". _Stanford Literary Lab Pamphlets_ 2 (2011): 1-11.']
    paragraphs = "\r\n\r\n".join(entry + "    " for entry in entries)  # CRLF and trailing spaces, as printed
    text = f"# Lesson\r\n\r\nText.\r\n\r\n## Bibliografía\r\n\r\n{paragraphs}\r\n"
    from_article = article_references(text)
    from_lines = parse_reference_list([("\n".join(entries), 0)])
    assert [r.to_dict() | {"source_start": 0, "source_end": 0} for r in from_article] == [
        r.to_dict() | {"source_start": 0, "source_end": 0} for r in from_lines]
    assert [(r.title, r.year, r.place, r.publisher) for r in from_lines[:2]] == [
        ("Distant Reading", 2013, "London - New York", "Verso"),
        ("Graphs, Maps, Trees: Abstract Models for a Literary History", 2005, "London", "Verso")]
    assert (from_lines[2].title, from_lines[2].container) == ("Network Theory, Plot Analysis",
                                                              "Stanford Literary Lab Pamphlets")


@pytest.mark.parametrize("marker", ["- ", "* ", "1. ", "12. ", "• "])
def test_list_markers_and_emphasis_stay_out_of_the_fields(marker):
    [ref] = parse_reference_list([(f"{marker}Liu, Bing. *Sentiment Analysis and Opinion Mining* "
                                   "(Morgan & Claypool, 2012).", 0)])
    assert ref.text == "Liu, Bing. *Sentiment Analysis and Opinion Mining* (Morgan & Claypool, 2012)."
    assert (ref.authors, ref.title, ref.publisher, ref.year) == (
        [{"family": "Liu", "given": "Bing"}], "Sentiment Analysis and Opinion Mining", "Morgan & Claypool", 2012)
    [underscored] = parse_reference_list([(f"{marker}Jockers, M. L. _Macroanalysis: Digital Methods and "
                                           "Literary History_. University of Illinois Press, 2013.", 0)])
    assert underscored.title == "Macroanalysis: Digital Methods and Literary History"
    assert "_" not in json.dumps(underscored.to_dict()["authors"]) + (underscored.publisher or "")


def test_a_paragraph_introducing_the_list_is_not_an_entry():
    text = ("I would recommend the entire issue for further reading, but articles of particular relevance "
            "(Spring 2022) are:\n"
            '- Choi, Yejin. "The Curious Case of Commonsense Intelligence." *Dædalus* 151, no. 2 (Spring 2022): '
            "139-155. [https://www.amacad.org/publication/curious-case-commonsense-intelligence]"
            "(https://perma.cc/F2BT-Z6PR).\n"
            '- Agüera y Arcas, Blaise. "Do Large Language Models Understand Us?" *Dædalus* 151, no. 2 '
            "(Spring 2022): 183-197.\n")
    refs = parse_reference_list([(text, 0)])
    assert keys(refs) == [("Choi", 2022), ("Agüera y Arcas", 2022)]
    assert (refs[0].title, refs[0].container, refs[0].volume, refs[0].issue, refs[0].pages) == (
        "The Curious Case of Commonsense Intelligence", "Dædalus", "151", "2", "139–155")
    assert refs[1].title == "Do Large Language Models Understand Us?"


def test_prose_that_cites_the_list_is_not_an_entry():
    text = ("**Passim**\n"
            "- Smith et al. (2015) introduce in detail the text reuse detection algorithm implemented in Passim\n"
            "- Cordell (2015) applied Passim to study text reuse within a large corpus of American newspapers\n")
    assert parse_reference_list([(text, 0)]) == []


# --- names ------------------------------------------------------------------------------------

PASSIM = """1. Greta Franzini, Maria Moritz, Marco Büchler, Marco Passarotti. Using and evaluating TRACER for an Index fontium computatus of the Summa contra Gentiles of Thomas Aquinas. In *Proceedings of the Fifth Italian Conference on Computational Linguistics (CLiC-it 2018)*. (2018). [Link](http://ceur-ws.org/Vol-2253/paper22.pdf)
2. David A. Smith, Ryan Cordell, Abby Mullen. Computational Methods for Uncovering Reprinted Texts in Antebellum Newspapers. *American Literary History* **27**, E1–E15 Oxford University Press, 2015. [Link](http://dx.doi.org/10.1093/alh/ajv029)
3. Ryan Cordell. Reprinting Circulation, and the Network Author in Antebellum Newspapers. *American Literary History* **27**, 417–445 Oxford University Press (OUP), 2015. [Link](http://dx.doi.org/10.1093/alh/ajv028)
5. Lincoln Mullen. textreuse: Detect Text Reuse and Document Similarity. (2016). [Link](https://github.com/ropensci/textreuse)
6. Marco Büchler, Philip R. Burns, Martin Müller, Emily Franzini, Greta Franzini. Towards a Historical Text Re-use Detection. 221–238 In *Text Mining: From Ontology Learning to Automated Text Processing Applications*. Springer International Publishing, 2014. [Link](http://dx.doi.org/10.1007/978-3-319-12655-5_11)
7. Paul Vierthaler, Meet Gelein. A BLAST-based, Language-agnostic Text Reuse Algorithm with a MARKUS Implementation and Sequence Alignment Optimized for Large Chinese Corpora. *Journal of Cultural Analytics* (2019). [Link](http://dx.doi.org/10.22148/16.034)
10. Axel J Soto, Abidalrahman Mohammad, Andrew Albert, Aminul Islam, Evangelos Milios, Michael Doyle, Rosane Minghim, Maria Cristina de Oliveira. Similarity-Based Support for Text Reuse in Technical Writing. 97–106 In *Proceedings of the 2015 ACM Symposium on Document Engineering*. ACM, 2015. [Link](http://dx.doi.org/10.1145/2682571.2797068)
11. Alexandra Schofield, Laure Thompson, David Mimno. Quantifying the Effects of Text Duplication on Semantic Models. 2737–2747 In *Proceedings of the 2017 Conference on Empirical Methods in Natural Language Processing*. Association for Computational Linguistics, 2017. [https://doi.org/10.18653/v1/D17-1290](https://perma.cc/KSK6-5TXP)
"""


def test_a_list_that_writes_names_given_name_first():
    refs = parse_reference_list([(PASSIM, 0)])
    assert keys(refs) == [("Franzini", 2018), ("Smith", 2015), ("Cordell", 2015), ("Mullen", 2016),
                          ("Büchler", 2014), ("Vierthaler", 2019), ("Soto", 2015), ("Schofield", 2017)]
    franzini, smith, cordell, mullen, buchler, vierthaler, soto, schofield = refs
    assert [n["given"] for n in franzini.authors] == ["Greta", "Maria", "Marco", "Marco"]
    assert smith.authors[0] == {"family": "Smith", "given": "David A."}
    assert vierthaler.authors == [{"family": "Vierthaler", "given": "Paul"}, {"family": "Gelein", "given": "Meet"}]
    assert soto.authors[0] == {"family": "Soto", "given": "Axel J"}
    assert soto.authors[-1] == {"family": "de Oliveira", "given": "Maria Cristina"}
    assert mullen.title == "textreuse: Detect Text Reuse and Document Similarity"
    assert cordell.title == "Reprinting Circulation, and the Network Author in Antebellum Newspapers"
    assert (buchler.title, buchler.container, buchler.pages, buchler.publisher, buchler.doi) == (
        "Towards a Historical Text Re-use Detection",
        "Text Mining: From Ontology Learning to Automated Text Processing Applications", "221–238",
        "Springer International Publishing", "10.1007/978-3-319-12655-5_11")
    assert schofield.doi == "10.18653/v1/D17-1290" and schofield.pages == "2737–2747"
    assert franzini.container == "Proceedings of the Fifth Italian Conference on Computational Linguistics (CLiC-it 2018)"
    assert [r.label for r in refs[:3]] == ["Franzini et al. 2018", "Smith et al. 2015", "Cordell 2015"]


NAME_ORDERS = [
    # Chicago: the first name family first, the others given name first
    ("Arnold, Taylor, and Lauren Tilton. 'Basic Text Processing in R', *Programming Historian* 6 (2017), "
     "https://doi.org/10.46430/phen0061", [("Arnold", "Taylor"), ("Tilton", "Lauren")], 2017,
     "Basic Text Processing in R"),
    ("Hu, Minqing, and Bing Liu, 'Mining and Summarizing Customer Reviews.', *Proceedings of the ACM SIGKDD "
     "International Conference on Knowledge Discovery & Data Mining* (KDD-2004), 2004.",
     [("Hu", "Minqing"), ("Liu", "Bing")], 2004, "Mining and Summarizing Customer Reviews"),
    ("Heuser, Ryan, Franco Moretti, Erik Steiner. 'The Emotions of London' *Stanford Literary Lab*, Pamphlet 13 "
     "(2016) 1-10.", [("Heuser", "Ryan"), ("Moretti", "Franco"), ("Steiner", "Erik")], 2016, "The Emotions of London"),
    ("Leemans, Inger, Janneke M. van der Zwaan, Isa Maks, Erika Kujpers, Kristine Steenberge. 'Mining Embodied "
     "Emotions: A Comparative Analysis of Sentiment and Emotion in Dutch Texts, 1600-1800' *Digital Humanities "
     "Quarterly* 11 (2017).",
     [("Leemans", "Inger"), ("van der Zwaan", "Janneke M."), ("Maks", "Isa"), ("Kujpers", "Erika"),
      ("Steenberge", "Kristine")], 2017,
     "Mining Embodied Emotions: A Comparative Analysis of Sentiment and Emotion in Dutch Texts, 1600-1800"),
    ("Mohammad, Saif, and Peter D. Turney. 'Crowdsourcing a Word–Emotion Association Lexicon' *Computational "
     "Intelligence* 29 (2013): 436-465, doi: 10.1111/j.1467-8640.2012.00460.x.",
     [("Mohammad", "Saif"), ("Turney", "Peter D.")], 2013, "Crowdsourcing a Word–Emotion Association Lexicon"),
    ("Voyer, Daniel and Janie P. Vu. “Using Sarcasm to Compliment.” Journal of Psycholinguistic Research 39 "
     "(2010): 1-14.", [("Voyer", "Daniel"), ("Vu", "Janie P.")], 2010, "Using Sarcasm to Compliment"),
    # family names of several words, Spanish "y" between authors and inside a name
    ("Jiménez Fernández, C. M., y Calvo Tello, J. \"Grafos de Escenas y Estudios Literarios Digitales: Una "
     "Propuesta Computacional Crítica. 452ºF.\" _Revista de Teoría de la literatura y Literatura Comparada_, 23 "
     "(2020): 78-101.", [("Jiménez Fernández", "C. M."), ("Calvo Tello", "J.")], 2020, None),
    ("Martínez Carro, E., y Santa María Fernández, T. \"Biblioteca Electrónica Textual del teatro español "
     "(1868-1936) e investigación con grafos.\" _Revista de Humanidades Digitales_, 3 (2019): 23-45.",
     [("Martínez Carro", "E."), ("Santa María Fernández", "T.")], 2019,
     "Biblioteca Electrónica Textual del teatro español (1868-1936) e investigación con grafos"),
    ("Agüera y Arcas, Blaise. \"Do Large Language Models Understand Us?\" *Dædalus* 151, no. 2 (Spring 2022): "
     "183-197.", [("Agüera y Arcas", "Blaise")], 2022, "Do Large Language Models Understand Us?"),
    ("Rodríguez Treviño, Julio César. \"Cómo utilizar el Análisis de Redes Sociales para temas de historia.\" "
     "_Signos Históricos_ 29 (2013): 102-41.", [("Rodríguez Treviño", "Julio César")], 2013,
     "Cómo utilizar el Análisis de Redes Sociales para temas de historia"),
    ("Wilkinson Saldaña, Zoë.  'Sentiment Analysis for Exploratory Data Analysis,' *Programming Historian* 7 "
     "(2018), https://doi.org/10.46430/phen0079", [("Wilkinson Saldaña", "Zoë")], 2018,
     "Sentiment Analysis for Exploratory Data Analysis"),
    # given names after initials, and not a title taken for one
    ("Pate, C. Marvin. What Does the Future Hold? Exploring Various Views on the End Times. Grand Rapids: Baker "
     "Books, 2010.", [("Pate", "C. Marvin")], 2010, "What Does the Future Hold? Exploring Various Views on the End Times"),
    ("Moretti, F. Distant Reading and Other Essays. London: Verso, 2013.", [("Moretti", "F.")], 2013,
     "Distant Reading and Other Essays"),
    # Harvard; a Chicago note's order in a bibliography
    ("Smith, J. and Jones, K. (2001) The Cold War. London: Penguin.", [("Smith", "J."), ("Jones", "K.")], 2001,
     "The Cold War"),
    ("Lincoln Mullen, \"America's Public Bible,\" 2016, https://americaspublicbible.org.", [("Mullen", "Lincoln")],
     2016, "America's Public Bible"),
    # APA and GOST stay as they were
    ("Graham, S., Milligan, I., & Weingart, S. (2016). Exploring big historical data: The historian's macroscope. "
     "Imperial College Press.", [("Graham", "S."), ("Milligan", "I."), ("Weingart", "S.")], 2016,
     "Exploring big historical data: The historian's macroscope"),
    ("Молодяков В. Э., Кошкин А. А. Россия и Япония. М.: АИРО-XXI, 2012. 448 с.",
     [("Молодяков", "В. Э."), ("Кошкин", "А. А.")], 2012, "Россия и Япония"),
]


@pytest.mark.parametrize("text, names, year, title", NAME_ORDERS, ids=[n[0][:30] for n in NAME_ORDERS])
def test_name_orders(text, names, year, title):
    ref = parse_reference(text)
    assert [(n.get("family"), n.get("given")) for n in ref.authors] == names
    assert ref.year == year
    if title is not None:
        assert ref.title == title


def test_editor_led_entries_name_the_editors():
    for text in ("Peden, William, ed. Notes on the State of Virginia. Chapel Hill: University of North Carolina "
                 "Press, 1954.",
                 "Peden, William, ed. 1954. Notes on the State of Virginia. Chapel Hill: University of North "
                 "Carolina Press.",
                 "Peden, W. (Ed.). (1954). Notes on the State of Virginia. Chapel Hill: University of North "
                 "Carolina Press."):
        ref = parse_reference(text)
        assert ref.authors == [] and [n["family"] for n in ref.editors] == ["Peden"], text
        assert (ref.year, ref.title, ref.label, ref.id) == (
            1954, "Notes on the State of Virginia", "Peden 1954", "peden-1954")
    eds = parse_reference("Smith, John, and Mary Jones, eds. The Cold War Reader. New York: Norton, 2001.")
    assert [n["family"] for n in eds.editors] == ["Smith", "Jones"] and eds.title == "The Cold War Reader"


def test_et_al_and_the_forms_of_years():
    ref = parse_reference("Moretti, Franco, et al. 2011. \"Network Theory, Plot Analysis.\" Stanford Literary Lab "
                          "Pamphlet 2.")
    assert ref.authors == [{"family": "Moretti", "given": "Franco"}, {"literal": "et al."}]
    assert ref.label == "Moretti et al. 2011"
    afinn = parse_reference("* Nielsen, Finn Årup. 'AFINN Sentiment Lexicon' (2009-2011).")
    assert (afinn.year, afinn.title, afinn.id) == (2009, "AFINN Sentiment Lexicon", "nielsen-2009")
    period = parse_reference("Molodyakov V. E. Rossiya i Yaponiya (1905–1945). Moscow: AIRO-XXI, 2012.")
    assert (period.year, period.title) == (2012, "Rossiya i Yaponiya (1905–1945)")  # a title's years stay
    isasi = parse_reference('Isasi, J. "Posibilidades de la minería de datos digital para el análisis del personaje '
                            'literario en la novela española: El caso de Galdós y los "Episodios Nacionales"." '
                            "(Tesis doctoral, University of Nebraska - Lincoln, 2017b).[https://digitalcommons.unl.edu"
                            "/dissertations/AAI10682923](https://perma.cc/MMG9-RGSS).")
    assert (isasi.year, isasi.id, isasi.label, isasi.type, isasi.publisher) == (
        2017, "isasi-2017b", "Isasi 2017b", "thesis", "University of Nebraska - Lincoln")
    assert isasi.title.endswith('El caso de Galdós y los "Episodios Nacionales"')
    jockers = parse_reference("Jockers, Matthew L. 2013a. Macroanalysis: Digital Methods and Literary History. "
                              "Urbana: University of Illinois Press.")
    assert (jockers.year, jockers.id) == (2013, "jockers-2013a")
    for undated in ("Smith, J. (n.d.). Cold war papers. Retrieved from https://example.org",
                    'Smith, John. n.d. "Cold War Papers." Accessed May 1, 2020. https://example.org/papers.'):
        ref = parse_reference(undated)
        assert (ref.year, ref.label, ref.id) == (None, "Smith n.d.", "smith-nd"), undated
        assert ref.title in ("Cold war papers", "Cold War Papers")


def test_a_dash_repeats_the_names_of_the_entry_before():
    text = ('Cordell, Ryan. "Reprinting, Circulation, and the Network Author in Antebellum Newspapers." American '
            "Literary History 27, no. 3 (2015): 417–45.\n"
            '———. "Viral Textuality in Nineteenth-Century U.S. Newspaper Exchanges." In Virtual Victorians, edited '
            "by Veronica Alfano and Andrew Stauffer, 29–56. New York: Palgrave Macmillan, 2015.\n"
            "———, ed. Other Essays. Chapel Hill: University of North Carolina Press, 2016.\n")
    first, second, third = parse_reference_list([(text, 0)])
    assert second.authors == first.authors == [{"family": "Cordell", "given": "Ryan"}]
    assert [n["family"] for n in second.editors] == ["Alfano", "Stauffer"]
    assert (second.title, second.container, second.pages, second.type) == (
        "Viral Textuality in Nineteenth-Century U.S. Newspaper Exchanges", "Virtual Victorians", "29–56", "chapter")
    assert (third.authors, third.editors, third.title) == ([], first.authors, "Other Essays")
    assert [r.id for r in (first, second, third)] == ["cordell-2015-a", "cordell-2015-b", "cordell-2016"]


# --- styles -----------------------------------------------------------------------------------

STYLES = [
    # Chicago notes-bibliography: the publication parenthesis is not part of the title
    ("* Damasio, Antonio R. *El error de Descartes: La razón de las emociones* (Andres Bello, 1999).",
     dict(title="El error de Descartes: La razón de las emociones", publisher="Andres Bello", year=1999, type="book")),
    ("Gottschalk, Louis, and Goldine Gleser. The Measurement of Psychological States through the Content Analysis "
     "of Verbal Behaviour (University of California, 1969).",
     dict(title="The Measurement of Psychological States through the Content Analysis of Verbal Behaviour",
          publisher="University of California", year=1969)),
    ("Stone, Philip, Dexter Dunphy, Marshall Smith. ‘The General Inquirer: A Computer Approach to Content "
     "Analysis’ (M.I.T. Press, 1966).",
     dict(title="The General Inquirer: A Computer Approach to Content Analysis", publisher="M.I.T. Press", year=1966)),
    ("Borchardt, Alexandra. *Interested but not Engaged: How Europe’s Media Cover Brexit* (Oxford: Reuters "
     "Institute for the Study of Journalism, 2018).",
     dict(title="Interested but not Engaged: How Europe’s Media Cover Brexit", place="Oxford",
          publisher="Reuters Institute for the Study of Journalism", year=2018)),
    ("Rodríguez Aldape, Fernando Manuel. *Cuantificación del Interés de un usuario en un tema mediante minería de "
     "texto y análisis de sentimiento.* (MA Thesis, Universidad Autónoma de Nuevo León, 2013).",
     dict(type="thesis", publisher="Universidad Autónoma de Nuevo León", year=2013,
          title="Cuantificación del Interés de un usuario en un tema mediante minería de texto y análisis de "
                "sentimiento")),
    # Chicago bibliography, journal and book
    ("Blevins, Cameron. \"Space, Nation, and the Triumph of Region: A View of the World from Houston.\" Journal of "
     "American History 101, no. 1 (2014): 122–47. https://doi.org/10.1093/jahist/jau184.",
     dict(title="Space, Nation, and the Triumph of Region: A View of the World from Houston",
          container="Journal of American History", volume="101", issue="1", pages="122–47",
          doi="10.1093/jahist/jau184", type="article-journal", year=2014)),
    ("Smith, David A., Ryan Cordell, and Abby Mullen. “Computational Methods for Uncovering Reprinted Texts in "
     "Antebellum Newspapers.” American Literary History 27, no. 3 (2015): E1–15.",
     dict(container="American Literary History", volume="27", issue="3", pages="E1–15", year=2015)),
    ("Underwood, Ted. *Distant Horizons: Digital Evidence and Literary Change*. Chicago: University of Chicago "
     "Press, 2019.",
     dict(title="Distant Horizons: Digital Evidence and Literary Change", place="Chicago",
          publisher="University of Chicago Press", year=2019)),
    ("Cordell, Ryan, and David Smith. Viral Texts: Mapping Networks of Reprinting in 19th-Century Newspapers and "
     "Magazines. 2017. http://viraltexts.org.",
     dict(title="Viral Texts: Mapping Networks of Reprinting in 19th-Century Newspapers and Magazines", year=2017)),
    ("Fickers, Andreas, and Frédéric Clavert. \"On Pyramids, Prisms, and Scalable Reading.\" *Journal of Digital "
     "History* 1, no. 1 (2021). https://doi.org/10.1515/JDH-2021-1003.",
     dict(title="On Pyramids, Prisms, and Scalable Reading", container="Journal of Digital History", volume="1",
          issue="1", doi="10.1515/JDH-2021-1003", year=2021, type="article-journal")),
    # APA
    ("Blevins, C. (2014). Space, nation, and the triumph of region. *Journal of American History*, *101*(1), "
     "122–147. https://doi.org/10.1093/jahist/jau184",
     dict(title="Space, nation, and the triumph of region", container="Journal of American History", volume="101",
          issue="1", pages="122–147", year=2014)),
    ("Underwood, T. (2019). *Distant horizons: Digital evidence and literary change*. University of Chicago Press.",
     dict(title="Distant horizons: Digital evidence and literary change", publisher="University of Chicago Press")),
    ("Calvo Tello, J. \"Diseño de corpus literario para análisis cuantitativos.\" _Revista de Humanidades "
     "Digitales_ 4 (2019): 115-115. [https://doi.org/10.5944/rhd.vol.4.2019.25187](https://doi.org/10.5944/rhd."
     "vol.4.2019.25187).",
     dict(title="Diseño de corpus literario para análisis cuantitativos", container="Revista de Humanidades Digitales",
          volume="4", pages="115–115", doi="10.5944/rhd.vol.4.2019.25187", year=2019)),
    # MLA-ish web entries
    ("Jockers, Matthew. 'Introduction to the Syuzhet Package' *CRAN* (2020), [https://cran.r-project.org/web/"
     "packages/syuzhet/vignettes/syuzhet-vignette.html](https://cran.r-project.org/web/packages/syuzhet/vignettes/"
     "syuzhet-vignette.html ).",
     dict(title="Introduction to the Syuzhet Package", container="CRAN", year=2020)),
    ("Jockers, Matthew. 'Some thoughts on Annie's thoughts...about Syuzhet' *Matthew L. Jockers* (2015), "
     "[http://www.matthewjockers.net/page/2/](https://web.archive.org/web/20190708100723/http://www.matthewjockers"
     ".net/page/2/).",
     dict(title="Some thoughts on Annie's thoughts...about Syuzhet", container="Matthew L. Jockers", year=2015)),
    ("Mohammad, Saif. '[NRC Word-Emotion Association Lexicon](https://perma.cc/A8M5-2SDG)', *National Research "
     "Council Canada* (2010).",
     dict(title="NRC Word-Emotion Association Lexicon", container="National Research Council Canada", year=2010)),
    ("Mullen, Lincoln. *America's Public Bible*. 2016–. https://americaspublicbible.org.",
     dict(title="America's Public Bible", year=2016)),
    # lead-ins belong to the text around the entry
    ("See also Smith, John. The Cold War. London: Macmillan, 1999.",
     dict(authors=[{"family": "Smith", "given": "John"}], title="The Cold War", place="London", year=1999)),
    ("Cf. Ramsay, Stephen. Reading Machines. Urbana: University of Illinois Press, 2011.",
     dict(authors=[{"family": "Ramsay", "given": "Stephen"}], title="Reading Machines")),
]


@pytest.mark.parametrize("text, expected", STYLES, ids=[s[0][:40] for s in STYLES])
def test_styles(text, expected):
    ref = parse_reference(text)
    assert {name: getattr(ref, name) for name in expected} == expected


def test_csl_json_of_a_reference():
    items = json.loads(to_csl_json([
        parse_reference("See also: Hu, Minqing, and Bing Liu, 'Mining and Summarizing Customer Reviews.', "
                        "*Proceedings of the ACM SIGKDD International Conference on Knowledge Discovery & Data "
                        "Mining* (KDD-2004), 2004."),
        parse_reference("Damasio, Antonio R. *El error de Descartes: La razón de las emociones* (Andres Bello, 1999)."),
        parse_reference("3. Lincoln Mullen. textreuse: Detect Text Reuse and Document Similarity. (2016). "
                        "[Link](https://github.com/ropensci/textreuse)", direct_order=True),
    ]))
    hu, damasio, mullen = items
    assert hu["author"] == [{"family": "Hu", "given": "Minqing"}, {"family": "Liu", "given": "Bing"}]
    assert hu["title"] == "Mining and Summarizing Customer Reviews" and hu["issued"] == {"date-parts": [[2004]]}
    assert damasio["author"] == [{"family": "Damasio", "given": "Antonio R."}]
    assert (damasio["title"], damasio["publisher"]) == ("El error de Descartes: La razón de las emociones", "Andres Bello")
    assert mullen["author"] == [{"family": "Mullen", "given": "Lincoln"}]
    assert mullen["title"] == "textreuse: Detect Text Reuse and Document Similarity"
    assert not any(re.search(r"(?i)\bsee\b|\(|Link", item["title"]) for item in items)
    assert "@book{hu-2004," in to_bibtex([parse_reference("Hu, Minqing, and Bing Liu. Mining. Chicago: ACM, 2004.")])


# --- author–year citations --------------------------------------------------------------------

BODY = ("Text reuse can be defined as \"the meaningful reiteration of text\" (Romanello et al. 2014). "
        "Duplicates distort topic models, as illustrated by Schofield et al. (2017). Cordell (2015) applied "
        "Passim to American newspapers, and Smith and Cordell (2018, 12–14) to magazines; Vogler et al. (2020) "
        "apply the R package (Mullen 2016, p. 3) to journalism. Escobar Varela (2021: 94) reads theatre as data, "
        "as does van der Zwaan (2017), and Cordell's (2015) study; see also (Moretti 2005; Moretti 2013, 45) and Moretti (2011a). "
        "Relations with the USSR (1939) worsened, and Smith (2019) and Brown et al. (1999) are not in the list "
        "(Jones 2001).")
REFERENCE_LIST = """1. Matteo Romanello, Aurélien Berra, Alexandra Trachsel. Rethinking Text Reuse as Digital Classicists. *Digital Humanities conference*, 2014.
2. Alexandra Schofield, Laure Thompson, David Mimno. Quantifying the Effects of Text Duplication on Semantic Models. Association for Computational Linguistics, 2017.
3. Ryan Cordell. Reprinting Circulation, and the Network Author in Antebellum Newspapers. *American Literary History* **27**, 417–445 Oxford University Press (OUP), 2015.
4. David A. Smith, Ryan Cordell, Abby Mullen. Computational Methods for Uncovering Reprinted Texts. *American Literary History* **27**, E1–E15, 2018.
5. Daniel Vogler, Linards Udris, Mark Eisenegger. Measuring Media Content Concentration at a Large Scale Using Automated Text Comparisons. *Journalism Studies* **0**, 1–20 Taylor & Francis, 2020.
6. Lincoln Mullen. textreuse: Detect Text Reuse and Document Similarity. (2016).
7. Miguel Escobar Varela. Theater as Data: Computational Journeys into Theater Research. Ann Arbor, MI: University of Michigan Press, 2021.
8. Janneke M. van der Zwaan, Isa Maks. Mining Embodied Emotions. *Digital Humanities Quarterly* 11 (2017).
9. Franco Moretti. Graphs, Maps, Trees. London: Verso, 2005.
10. Franco Moretti. Distant Reading. London: Verso, 2013.
11. Franco Moretti. Network Theory, Plot Analysis. *Stanford Literary Lab Pamphlets* 2 (2011a).
12. Franco Moretti. Operationalizing. *Stanford Literary Lab Pamphlets* 6 (2011b).
13. Thomas Smith, Jane Doe. Another Book. London: Verso, 2019.
"""


def test_author_year_citations_link_to_the_entry_of_their_first_author_and_year():
    refs = parse_reference_list([(REFERENCE_LIST, 0)])
    found, diagnostics = linked(BODY, refs)
    assert found == [
        ("Romanello et al. 2014", ("Romanello", 2014)),
        ("Schofield et al. (2017", ("Schofield", 2017)),
        ("Cordell (2015", ("Cordell", 2015)),
        ("Smith and Cordell (2018, 12–14", ("Smith", 2018)),
        ("Vogler et al. (2020", ("Vogler", 2020)),
        ("Mullen 2016, p. 3", ("Mullen", 2016)),
        ("Escobar Varela (2021: 94", ("Varela", 2021)),  # given name first, "Escobar" reads as a given name
        ("van der Zwaan (2017", ("van der Zwaan", 2017)),
        ("Cordell's (2015", ("Cordell", 2015)),
        ("Moretti 2005", ("Moretti", 2005)),
        ("Moretti 2013, 45", ("Moretti", 2013)),
        ("Moretti (2011a", ("Moretti", 2011)),
        ("Smith (2019", ("Smith", 2019)),
        ("Jones 2001", None),  # no entry: unlinked and diagnosed, never linked to another
    ]
    moretti_2011 = next(c for c in find_intext_citations(BODY) if c.text == "Moretti (2011a")
    link_intext_citations([moretti_2011], refs)
    assert moretti_2011.reference == "moretti-2011a"
    assert [d.code for d in diagnostics] == ["citation-without-reference"]
    pages = {c.text: c.pages for c in find_intext_citations(BODY)}
    assert (pages["Smith and Cordell (2018, 12–14"], pages["Mullen 2016, p. 3"], pages["Escobar Varela (2021: 94"]) == (
        "12–14", "3", "94")


def test_family_names_of_two_words():
    family_first = parse_reference_list([("Escobar Varela, M. _Theater as Data: Computational Journeys into Theater "
                                          "Research_. Ann Arbor, MI: University of Michigan Press, 2021.", 0)])
    given_first = parse_reference_list([("7. Miguel Escobar Varela. Theater as Data. Ann Arbor, MI: University of "
                                         "Michigan Press, 2021.\n8. Greta Franzini, Maria Moritz, Marco Büchler. Using TRACER. 2018.\n"
                                         "9. David A. Smith, Ryan Cordell. Computational Methods. 2015.", 0)])
    body = "Escobar Varela (2021: 94) reads theatre as data (Escobar Varela 2021, 12; Varela 2021)."
    assert linked(body, family_first)[0] == [("Escobar Varela (2021: 94", ("Escobar Varela", 2021)),
                                             ("Escobar Varela 2021, 12", ("Escobar Varela", 2021)),
                                             ("Varela 2021", None)]
    assert [c for c, _ in linked(body, given_first)[0]] == ["Escobar Varela (2021: 94", "Escobar Varela 2021, 12",
                                                            "Varela 2021"]
    assert all(ref for _, ref in linked(body, given_first)[0])


def test_a_second_name_must_be_the_second_author():
    refs = parse_reference_list([("Smith, John, and Mary Jones. One Book. London: Verso, 2018.\n"
                                  "Smith, John. Another Book. London: Verso, 2019.", 0)])
    found, _ = linked("As Smith and Cordell (2018) and Smith and Jones (2018) and Smith (2019) show, "
                      "[Smith and Cordell 2018] differs.", refs)
    assert found == [("Smith and Jones (2018", ("Smith", 2018)), ("Smith (2019", ("Smith", 2019)),
                     ("Smith and Cordell 2018", None)]


def test_several_years_after_one_name():
    refs = parse_reference_list([("Moretti, Franco. Graphs. London: Verso, 2005.\n"
                                  "Moretti, Franco. Distant Reading. London: Verso, 2013.", 0)])
    found, _ = linked("Moretti (2005, 2013) and Moretti (2005; 2013, p. 4) read at a distance.", refs)
    assert found == [("Moretti (2005", ("Moretti", 2005)), ("2013", ("Moretti", 2013)),
                     ("Moretti (2005", ("Moretti", 2005)), ("2013, p. 4", ("Moretti", 2013))]


def test_a_title_stands_for_names_only_in_brackets_and_only_for_works_without_authors():
    refs = [parse_reference("Pérez Galdós, Benito. *Miau* (Sucesores de Hernando, 1907)."),
            parse_reference("Dokumenty vneshnei politiki. T. 22. Moscow: Mezhdunarodnye otnosheniya, 1992.")]
    found, _ = linked("the novel ‘Miau’ (1907) and [Miau 1907] and Dokumenty (1992) and "
                      "[Dokumenty vneshnei politiki 1992, p. 5]", refs)
    assert found == [("Miau 1907", None), ("Dokumenty vneshnei politiki 1992, p. 5", (None, 1992))]


@pytest.mark.parametrize("body", ["Лист подписан (Там же. Л. 87).", "Подпись (Там же. Л. 87 об.).",
                                  "Список (Там же. Оп. 4. Д. 2241. Л. 685)."])
def test_an_archival_ibid_in_running_text_is_not_an_author_year_citation(body):
    assert find_intext_citations(body) == []


# --- the corpus -------------------------------------------------------------------------------

ARTICLES = shared_path("data", "articles")


@pytest.mark.shared("data", "articles")
@pytest.mark.parametrize("name", ["ph-analisis-redes-sociales-teatro-1.md", "ph-detecting-text-reuse-with-passim.md",
                                  "ph-sentiment-analysis-syuzhet.md"])
def test_the_essays_reference_lists_and_citations_match_their_gold(name):
    from legation.ingest.source import read_source

    gold = json.loads((ARTICLES / name).with_suffix(".gold.json").read_text("utf-8"))
    layout = read_layout(read_source(ARTICLES / name)[1])
    refs = parse_reference_list(layout.reference_lines)

    def gold_key(entry):
        return entry["authors"][0].split(",")[0], int(entry["year"][:4])

    assert keys(refs) == [gold_key(entry) for entry in gold["references"]]
    citations = find_intext_citations(layout.body.text)
    link_intext_citations(citations, refs)
    by_id = {ref.id: ref for ref in refs}
    for item in gold["intext"]:
        wanted = gold_key(gold["references"][item["reference"]])
        assert any(c.reference and (first_family(by_id[c.reference]), by_id[c.reference].year) == wanted
                   and item["text"].startswith(c.text) for c in citations), item


# --- robustness -------------------------------------------------------------------------------

MARKDOWN_ALPHABET = st.sampled_from(
    list("AaBb .,:;()[]'\"‘’“”*_-–—\n12 90") + ["Greta Franzini, ", "David A. Smith", "Smith, John, and ", "ed. ",
                                               "(2009-2011)", "2017a", "n.d.", "[Link](http://x.org/a)", "*Title*",
                                               "_Journal_", "———. ", "See also ", "(Press, 1999)", " y ", "et al. ",
                                               "In ", "1. ", "- ", "(Spring 2022)", "Там же. Л. 87"])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET, max_size=60).map("".join))
def test_lists_never_raise_and_offsets_hold(text):
    for direct in (False, True):
        parse_reference(text, direct_order=direct)
    parse_names(text)
    offset = 3
    chunks = [(m.group(), offset + m.start()) for m in re.finditer(r"[^\n]+", text)]
    for ref in parse_reference_list(chunks):
        assert offset <= ref.source_start <= ref.source_end <= offset + len(text)
        assert " ".join(text[ref.source_start - offset:ref.source_end - offset].split()) == " ".join(ref.text.split())
        reference_to_csl(ref)


@given(st.text(max_size=300))
def test_no_parser_raises_on_any_string(text):
    parse_reference(text, direct_order=True)
    parse_names(text)
    refs = parse_reference_list([(text, 0), (text[::-1], len(text))])
    citations = find_intext_citations(text)
    link_intext_citations(citations, refs)
    for citation in citations:
        assert text[citation.start:citation.end] == citation.text


@settings(max_examples=200, deadline=None)
@given(st.lists(MARKDOWN_ALPHABET, max_size=80).map("".join))
def test_citations_never_raise_and_hold_their_text(body):
    refs = parse_reference_list([(body, 0)])
    citations = find_intext_citations(body)
    link_intext_citations(citations, refs)
    ids = {ref.id for ref in refs}
    for citation in citations:
        assert body[citation.start:citation.end] == citation.text
        assert citation.reference is None or citation.reference in ids


@pytest.mark.parametrize("text", ["delladella" * 40 + "x", "e " * 800 + "x", "Aa Bb, " * 600 + ".",
                                  "Greta Franzini, " * 400 + ".", "'" * 600, "*a* " * 600, "[a](http://x) " * 400,
                                  "Aa y Bb, " * 400 + "(2001)", "van der " * 400 + "(2001)", "———. " * 400])
def test_pathological_entries_parse(text):
    assert parse_reference(text).text and parse_reference(text, direct_order=True).text
    parse_reference_list([(text, 0)])
    find_intext_citations(text)
