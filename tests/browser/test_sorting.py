"""Lists sorted as a person sorts them: a click on a column's header puts the list in that column's
order (the other way on a second click), says so on the header, and a filter keeps the order."""

from __future__ import annotations


def column(page, table: str, index: int) -> list[str]:
    return [text.strip() for text in page.locator(f"{table} tbody tr td:nth-child({index})").all_inner_texts()]


def click_header(page, table: str, key: str) -> None:
    with page.expect_navigation():
        page.locator(f"{table} th a.sort-link[data-sort='{key}']").click()


def test_a_click_on_a_header_sorts_the_people_and_a_second_click_turns_them(app, store):
    page = app.open("/people")
    mentions = [int(n) for n in column(page, "#people-table", 3)]
    assert mentions == sorted(mentions, reverse=True)  # the most mentioned first, as the page opens
    assert page.locator("#people-table th[aria-sort]").inner_text().startswith("mentions ▼ most first")
    by_mentions = column(page, "#people-table", 1)

    click_header(page, "#people-table", "name")
    assert page.url.endswith("/people?sort=name")
    names = column(page, "#people-table", 1)
    assert names == sorted(names, key=str.casefold) and names != by_mentions
    header = page.locator("#people-table th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending" and header.inner_text() == "person ▲ A–Z"

    click_header(page, "#people-table", "name")
    assert page.url.endswith("/people?sort=-name")
    assert column(page, "#people-table", 1) == sorted(names, key=str.casefold, reverse=True)
    assert page.locator("#people-table th[aria-sort='descending']").inner_text() == "person ▼ Z–A"
    actors = store.db.execute("SELECT count(DISTINCT id) FROM persons WHERE is_author = 0").fetchone()[0]
    assert page.locator("#people-table tbody tr").count() == min(actors, 100)


def test_a_filter_keeps_the_order_and_the_order_keeps_the_filter(app):
    page = app.open("/people?sort=-quotes")
    page.locator("#people-side").select_option("USSR")
    with page.expect_navigation():
        page.locator("#people-form button[type=submit]").click()
    assert "sort=-quotes" in page.url and "side=USSR" in page.url
    quotes = [int(n) for n in column(page, "#people-table", 5)]
    assert quotes == sorted(quotes, reverse=True) and quotes[0] > 0
    assert set(column(page, "#people-table", 2)) == {"USSR"}
    click_header(page, "#people-table", "side")
    assert "side=USSR" in page.url and "sort=side" in page.url


def test_quotations_sort_by_date_with_a_click(app):
    page = app.open("/quotes?speaker=smetanin")
    click_header(page, "#quotes-table", "date")
    dates = [d for d in column(page, "#quotes-table", 4) if d]
    assert len(dates) > 5 and dates == sorted(dates)
    click_header(page, "#quotes-table", "date")
    later = [d for d in column(page, "#quotes-table", 4) if d]
    assert later == sorted(dates, reverse=True) and "speaker=smetanin" in page.url
