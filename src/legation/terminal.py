"""Tables that fit the terminal they are printed on, whatever its width.

A count or a date is never cut: numeric and short columns keep their full width, text columns
wrap between words. Where even that does not fit (a pipe or a CI log is 80 columns), each row is
printed as a record instead: its short fields on one line, each long field on a line of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from rich.cells import cell_len
from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

WIDEST_WORD = 24  # a text column need not be wider than this: a longer token folds


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"  # "text" wraps between words; "number" (right-aligned) and "short" never wrap

    @property
    def wraps(self) -> bool:
        return self.kind == "text"


def _natural(values: Sequence[str]) -> int:
    return max((cell_len(line) for value in values for line in value.splitlines() or [""]), default=0)


def _narrowest(column: Column, values: Sequence[str]) -> int:
    """The width below which the column would cut a value (short, numeric) or a word (text)."""
    if not column.wraps:
        return _natural(values)
    words = [word for value in values for word in value.split()]
    return min(max((cell_len(w) for w in words), default=1), WIDEST_WORD)


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], room: int) -> list[int] | None:
    """Widths that fit ``room`` cells of content, or None when the narrowest layout does not:
    each column at least its narrowest, the space left shared by the text columns in proportion
    to what they lack."""
    cells = [[column.header, *(row[i] for row in rows)] for i, column in enumerate(columns)]
    natural = [_natural(values) for values in cells]
    widths = [min(_narrowest(c, values), n) for c, values, n in zip(columns, cells, natural)]
    spare = room - sum(widths)
    if spare < 0:
        return None
    wanting = [n - w if c.wraps else 0 for c, n, w in zip(columns, natural, widths)]
    total = sum(wanting)
    if total <= spare:
        return [w + want for w, want in zip(widths, wanting)]
    shares = [spare * want // total for want in wanting]
    for index in sorted(range(len(columns)), key=lambda i: -wanting[i])[:spare - sum(shares)]:
        shares[index] += 1  # the cells rounding left over go to the hungriest columns
    return [w + share for w, share in zip(widths, shares)]


def print_table(console: Console, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                caption: str | None = None) -> None:
    """A table when the columns fit the console's width, else one record per row."""
    rows = [[("" if cell is None else str(cell)) for cell in row] for row in rows]
    separators = 2 * (len(columns) - 1)  # no rules: one cell of padding each side of a column boundary
    widths = column_widths(columns, rows, console.width - separators)
    if widths is None:
        _print_records(console, title, columns, rows, caption)
        return
    table = Table(title=title, box=None, pad_edge=False, header_style="bold underline",
                  title_justify="left", title_style="italic")
    for column, width in zip(columns, widths):
        table.add_column(column.header, width=width, no_wrap=not column.wraps, overflow="fold",
                         justify="right" if column.kind == "number" else "left")
    for row in rows:
        table.add_row(*row)
    console.print(table)
    if caption:  # below the table at the console's width, not folded into the table's
        console.print(Text(caption, style="dim"))


def indented(text: Text | str, by: int = 2) -> Padding:
    """Text indented by ``by`` cells, its wrapped lines too, with no trailing padding."""
    return Padding(text, (0, 0, 0, by), expand=False)


def _print_records(console: Console, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]],
                   caption: str | None) -> None:
    """Each row as a record: the first field and the short ones on a line, each text field below it."""
    console.print(Text(title, style="italic"))
    for row in rows:
        head = Text(row[0], style="bold")
        for column, value in zip(columns[1:], row[1:]):
            if value and not column.wraps:
                head.append(f"  {column.header} ", style="dim").append(value)
        lines = [head]
        for column, value in zip(columns[1:], row[1:]):
            if value and column.wraps:
                lines.append(indented(Text.assemble((f"{column.header}: ", "dim"), value)))
        console.print(Group(*lines))
    if caption:
        console.print(Text(caption, style="dim"))
