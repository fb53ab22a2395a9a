"""The archive file keys of the web app's URLs. Every query the pages make is one of the store's
(``legation.store.queries``); the names below are kept for those who imported them from here."""

from legation.store.queries import FILE_COLUMNS, file_key, parse_file_key  # noqa: F401
