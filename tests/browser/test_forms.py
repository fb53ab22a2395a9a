"""Every form of the workbench submitted as a person does: fields filled or left empty, the button
pressed; each answers its page, with the filter applied."""

from __future__ import annotations


def submit(page, form: str) -> int:
    with page.expect_navigation() as navigation:
        page.locator(f"{form} button[type=submit]").click()
    return navigation.value.status


def test_the_quotes_form_filters_by_a_speaker_with_the_other_fields_left_empty(app, store):
    page = app.open("/quotes")
    page.locator("#quotes-speaker").fill("smetanin")
    assert submit(page, "#quotes-form") == 200
    rows = page.locator("tr.quote")
    expected = store.db.execute("SELECT count(*) FROM quotes WHERE speaker = 'smetanin'").fetchone()[0]
    assert rows.count() == expected > 0
    assert page.locator("#quotes-speaker").input_value() == "smetanin"


def test_the_quotes_form_filters_by_side_and_period(app, store):
    page = app.open("/quotes")
    page.locator("#quotes-side").select_option("USSR")
    page.locator("#quotes-from").fill("1940")
    assert submit(page, "#quotes-form") == 200
    assert page.locator("tr.quote").count() > 0


def test_the_people_form_shows_the_scholars_cited(app, store):
    page = app.open("/people")
    page.locator("#people-form input[name=authors]").check()
    assert submit(page, "#people-form") == 200
    scholars = store.db.execute("SELECT count(DISTINCT id) FROM persons WHERE is_author = 1").fetchone()[0]
    assert page.locator("#people-table tbody tr").count() == scholars > 0


def test_the_people_form_filters_by_side(app, store):
    page = app.open("/people")
    page.locator("#people-side").select_option("JPN")
    assert submit(page, "#people-form") == 200
    sides = page.locator("#people-table tbody tr td:nth-child(2)").all_inner_texts()
    assert sides and all(side.strip() == "JPN" for side in sides)


def test_the_search_form_in_the_header_answers_from_any_page(app):
    page = app.open("/people")
    page.locator("#nav-search input[name=q]").fill("Сметанин")
    with page.expect_navigation() as navigation:
        page.locator("#nav-search input[name=q]").press("Enter")
    assert navigation.value.status == 200
    assert int(page.locator("#search-count .num").first.inner_text()) > 0
