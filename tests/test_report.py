"""legation report: one self-contained HTML file over a store of the seeds."""

import re

import lxml.html
import pytest
import typer
from typer.testing import CliRunner

from legation.cli.exports import report
from legation.store.sqlite import Store
from legation.formats.tables import archive_file_label
from legation.web.report import build_report

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
INJECTED = "<script>alert('injected')</script>"


@pytest.fixture(scope="module")
def html(seeds_store):
    return build_report(seeds_store)


@pytest.fixture(scope="module")
def page(html):
    return lxml.html.document_fromstring(html)


def without_scripts(page):
    """The page's markup with the scripts' code left out (plotly's bundle names plotly.com in a
    string it never loads)."""
    stripped = lxml.html.document_fromstring(lxml.html.tostring(page))
    for script in stripped.iter("script"):
        script.text = ""
    return lxml.html.tostring(stripped, encoding="unicode")


def test_the_report_loads_nothing_from_the_network(page):
    loading = [(e.tag, attr, e.get(attr)) for e in page.iter() if isinstance(e.tag, str)
               for attr in ("src", "href", "data", "srcset", "poster") if e.get(attr)]
    assert not [load for load in loading if EXTERNAL.match(load[2])]
    assert not page.xpath("//script[@src] | //link | //iframe | //img")
    markup = without_scripts(page)
    assert 'src="http' not in markup and 'href="http' not in markup


def test_plotly_is_inlined_and_draws_three_charts(page):
    code = "\n".join(s.text or "" for s in page.iter("script"))
    assert len(code) > 3_000_000 and "Plotly.newPlot" in code  # the bundle itself, not a loader
    for chart in ("relations-chart", "citation-chart", "timeline-chart"):
        assert page.get_element_by_id(chart) is not None and f'draw("{chart}"' in code


def test_the_seed_data_is_in_the_report(seeds_store, page):
    top_file = archive_file_label(seeds_store.citation_index()[0])
    assert top_file == "AVP RF, f. 0146, op. 23, pap. 206, d. 14"
    citations = page.get_element_by_id("citations")
    assert citations.xpath("string(.//tbody/tr[1]/td[1])") == top_file
    people = [td.text_content() for td in page.get_element_by_id("people").xpath(".//tbody/tr/td[1]")]
    assert "Konstantin Aleksandrovich Smetanin" in people[:3]
    quotes = page.get_element_by_id("quotes").text_content()
    assert "Malicious and anti-Soviet articles" in quotes and "AVP RF. F. 0146" in quotes
    consistency = page.get_element_by_id("consistency")
    assert len(consistency.xpath(".//tbody/tr")) == len(seeds_store.diagnostics()) > 0
    months = [td.text for td in page.get_element_by_id("timeline").xpath(".//tbody/tr/td[1]")]
    assert "1941-04" in months and months == sorted(months)


def test_text_from_documents_is_escaped(seeds_store, page, tmp_path):
    with Store(tmp_path / "copy.db") as copied:
        seeds_store.db.backup(copied.db)
        copied.db.execute("UPDATE quotes SET text = ? WHERE speaker = 'smetanin'", (INJECTED,))
        copied.db.execute("UPDATE diagnostics SET message = ?", (INJECTED,))
        copied.db.execute("UPDATE persons SET name = ? WHERE id = 'smetanin'", (INJECTED,))
        injected = lxml.html.document_fromstring(build_report(copied))
    assert len(list(injected.iter("script"))) == len(list(page.iter("script")))  # no element of its own
    assert "</script>" not in "".join(s.text or "" for s in injected.iter("script"))  # nor closes one early
    assert INJECTED in injected.get_element_by_id("consistency").text_content()
    assert INJECTED in injected.get_element_by_id("quotes").text_content()


@pytest.fixture(scope="module")
def run():
    app = typer.Typer()
    app.command()(report)
    app.command("noop")(lambda: None)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["report", *map(str, args)])


def test_report_command(run, seeds_copy, tmp_path):
    out = tmp_path / "report.html"
    result = run("--db", seeds_copy, "--out", out, "--a", "USSR", "--b", "JPN", "--from", "1939-01", "--to", "1941-12")
    assert result.exit_code == 0
    heading = lxml.html.parse(str(out)).getroot().get_element_by_id("relations").findtext("h2")
    assert heading == "Relations USSR–JPN by month"


@pytest.mark.parametrize("args", [("--from", "1939-13"), ("--a", "Atlantis")])
def test_report_command_refuses_bad_bounds_and_sides(run, seeds_copy, tmp_path, args):
    result = run("--db", seeds_copy, "--out", tmp_path / "r.html", *args)
    assert result.exit_code == 2 and "error:" in result.stderr and not (tmp_path / "r.html").exists()
