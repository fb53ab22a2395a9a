"""What every command shares: where errors go, how one ends the command, how a store is opened."""

from __future__ import annotations

import sqlite3
from typing import NoReturn

import typer
from rich.console import Console

from legation.store.sqlite import Store, StoreError

EXIT_BAD_INPUT = 2
out = Console()
err = Console(stderr=True)


def fail(message: str) -> None:
    """Say what went wrong, in one line on standard error (the command goes on)."""
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)


def stop(message: str) -> NoReturn:
    """Say what went wrong and end the command with the bad-input exit status."""
    fail(message)
    raise typer.Exit(EXIT_BAD_INPUT)


def open_store(db: str, *, reading: bool = True) -> Store:
    """The store at ``db``: read-only for a command that only reads (it creates, migrates and
    writes nothing, and refuses a file that is no store of this schema, in one line)."""
    try:
        return Store(db, readonly=reading)
    except StoreError as problem:
        stop(str(problem))
    except (OSError, sqlite3.DatabaseError) as problem:
        stop(f"{db}: cannot open the store ({problem})")
