"""How journals print where an article stands (journal, year, volume, issue, pages), as an
article's first line or its running head: read by the readers (to set such lines aside) and by
the work extractor (to fill the work's fields)."""

from __future__ import annotations

import re

# How journals print where an article stands, as its first line or a running head.
_YEAR = r"(?P<year>(?:1[5-9]|20)\d{2})"
_PAGES = r"(?P<pages>\d+\s*[–—-]\s*\d+)"
JOURNAL_LINES = (
    # Russian Japanology Review, 2025, 1, pp. 73–92 / Journal, 2019, Vol. 21, No. 3, pp. 4–38
    re.compile(rf"^(?P<journal>[^\d,\n][^,\n]{{2,120}}?),\s*{_YEAR},\s*(?:(?:Vol\.|vol\.|T\.|Т\.)\s*(?P<volume>\w+),\s*)?"
               rf"(?:(?:No\.|no\.|Iss\.|№)\s*)?(?P<issue>[\w/–-]{{1,10}}),\s*(?:pp?\.|[сc]\.)\s*{_PAGES}\s*$"),
    # Diplomatic History 44, no. 2 (2020): 210–235
    re.compile(rf"^(?P<journal>[^\d\n][^\n]{{2,120}}?)\s+(?P<volume>\d{{1,4}}),\s*(?:no|No|nos)\.\s*(?P<issue>[\w/–-]{{1,10}})"
               rf"\s*\((?:[A-Za-z]+\.?\s+)?{_YEAR}\)\s*:\s*{_PAGES}\s*$"),
    # Journal of Cold War Studies, Vol. 21, No. 3 (Summer 2019), pp. 4–38
    re.compile(rf"^(?P<journal>[^\d,\n][^,\n]{{2,120}}?),\s*(?:Vol\.|vol\.)\s*(?P<volume>\w+),\s*(?:No\.|no\.)\s*"
               rf"(?P<issue>[\w/–-]{{1,10}})\s*\((?:[A-Za-z]+\.?\s+)?{_YEAR}\),\s*pp?\.\s*{_PAGES}\s*$"),
)
