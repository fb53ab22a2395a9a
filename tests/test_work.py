"""Work metadata from the header of the full text and from the journal's abstract page."""

from legation.extract.work import extract_work
from legation.ingest.source import read_source
from legation.ingest.text import read_layout
from conftest import ABSTRACT_PAGE, FULL_TEXT

TITLE = ("From the Khalkhin Gol Events to the Neutrality Pact: Relations Between the USSR and Japan "
         "in the Reports of Soviet Diplomats in Tokyo (1939–1941)")


def work_of(path):
    return extract_work(read_layout(read_source(path)[1]))


def test_full_text_header():
    work = work_of(FULL_TEXT)
    assert work.title == TITLE
    assert work.authors == ["I. A. Degtev"]
    assert work.doi == "10.55105/2658-6444-2025-1-73-92"
    assert (work.journal, work.year, work.volume, work.issue, work.pages) == (
        "Russian Japanology Review", 2025, None, "1", "73–92")
    assert work.keywords == ["the USSR", "Japan", "Khalkhin Gol", "Soviet-Japanese relations", "Soviet diplomats",
                             "Neutrality Pact"]
    assert work.abstract.startswith("In the late 1930s and early 1940s")


def test_abstract_page():
    work = work_of(ABSTRACT_PAGE)
    assert work.title == TITLE
    assert work.authors == ["I. A. Degtev"]
    assert work.doi == "10.55105/2658-6444-2025-1-73-92"
    assert (work.journal, work.year, work.volume, work.issue, work.pages) == (
        "Russian Japanology Review", 2025, "8", "1", "73–92")


def test_markdown_article_with_vol_and_no():
    text = ("Journal of Cold War Studies, 2019, Vol. 21, No. 3, pp. 4–38\n\n"
            "# Stalin and the Neutrality Pact\n\n## A. B. Smith, C. D. Jones\n\n"
            "DOI: 10.1162/jcws_a_00123.\n\n" + "Prose of the article. " * 20 + "\n")
    work = extract_work(read_layout(text))
    assert work.title == "Stalin and the Neutrality Pact"
    assert work.authors == ["A. B. Smith", "C. D. Jones"]
    assert work.doi == "10.1162/jcws_a_00123"
    assert (work.journal, work.year, work.volume, work.issue, work.pages) == (
        "Journal of Cold War Studies", 2019, "21", "3", "4–38")
