"""The ``legation`` command line: every command, each opening the store and failing the same way
(``cli.common``)."""

from legation.cli.main import app, main

__all__ = ["app", "main"]
