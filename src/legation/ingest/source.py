"""Reading a file's bytes into a Source and its decoded text, refusing what is not text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from legation.errors import InputError
from legation.model import Source

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text", ""} | MARKDOWN_SUFFIXES


def source_id(sha256: str) -> str:
    return sha256[:16]


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 text of ``data``, or an InputError saying in one line why it is not text."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"%PDF"):
        raise InputError(path, "PDF is not read yet: convert it to text or Markdown first")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {err.start})") from None


def read_source(path: str | Path) -> tuple[Source, str]:
    """The Source record and decoded text of a text or Markdown file."""
    path = Path(path)
    shown = str(path)
    if path.is_dir():
        raise InputError(shown, "is a directory")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(shown, f"cannot be read ({err.strerror or err})") from None
    text = decode_text(shown, data)
    digest = hashlib.sha256(data).hexdigest()
    fmt = "markdown" if path.suffix.lower() in MARKDOWN_SUFFIXES or _looks_like_markdown(text) else "text"
    return Source(id=source_id(digest), path=shown, format=fmt, sha256=digest, size=len(data)), text


def _looks_like_markdown(text: str) -> bool:
    head = text[:20000]
    return "\n#" in head or head.startswith("#") or "<sup>" in head
