"""Reading a file's bytes into a Source and its decoded text, refusing what is not text."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path
from typing import BinaryIO

from legation.errors import InputError
from legation.model import Source

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text", ""} | MARKDOWN_SUFFIXES
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
GZIP_MAGIC = b"\x1f\x8b"
COMPRESSED_SUFFIXES = {".gz"}


def content_suffix(path: str | Path) -> str:
    """The suffix that says what a file holds, under any compression: "frus1955-57v11.xml.gz" ->
    ".xml" (a series of TEI volumes is kept gzip-compressed and read so, never unpacked)."""
    path = Path(path)
    if path.suffix.lower() in COMPRESSED_SUFFIXES:
        path = path.with_suffix("")
    return path.suffix.lower()


def open_content(path: str | Path) -> BinaryIO:
    """The file opened for reading its content: decompressed as it is read if it is gzip (known by
    its first bytes, whatever its name), else as it is."""
    handle = Path(path).open("rb")
    if handle.read(2) == GZIP_MAGIC:
        handle.seek(0)
        return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]
    handle.seek(0)
    return handle


def content_size(path: str | Path) -> int:
    """The bytes a file holds once decompressed (a gzip file says so in its last four bytes, modulo
    4 GiB), else its size: the measure of how much of a corpus is done."""
    path = Path(path)
    size = path.stat().st_size
    with path.open("rb") as handle:
        if handle.read(2) != GZIP_MAGIC or size < 18:
            return size
        handle.seek(-4, 2)
        return int.from_bytes(handle.read(4), "little")


def source_id(sha256: str) -> str:
    return sha256[:16]


def decode_text(path: str, data: bytes) -> str:
    """UTF-8 text of ``data``, or an InputError saying in one line why it is not text."""
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"%PDF"):
        raise InputError(path, "is a PDF by its content: name it .pdf to have it read as one")
    word = _word_document(path, data)
    if word:
        raise InputError(path, word)
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(path, f"not UTF-8 text (invalid byte at offset {err.start})") from None


def _word_document(path: str, data: bytes) -> str | None:
    """What to say of a Word file met where text was expected (a .docm, a .doc, a .docx under
    another name), else None."""
    suffix = Path(path).suffix.lower()
    if data.startswith(OLE_MAGIC):  # a compound file: an encrypted .docx, or a Word 97–2003 .doc
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "encrypted Word document: save it without a password"
        return "a Word 97–2003 document (.doc), not text: save it as .docx" if suffix == ".doc" else None
    if data.startswith(b"PK\x03\x04") and b"word/document.xml" in data:  # part names are stored unpacked
        if suffix == ".docm" or b"vbaProject.bin" in data:
            return "macro-enabled Word document (.docm): save it as .docx"
        return "a Word document (DOCX), not text" + ("" if suffix == ".docx" else ": name it .docx to have it read")
    return None


def read_source(path: str | Path) -> tuple[Source, str]:
    """The Source record and decoded text of a text or Markdown file."""
    path = Path(path)
    shown = str(path)
    if path.is_dir():
        raise InputError(shown, "is a directory")
    try:
        with open_content(path) as handle:
            data = handle.read()
    except (OSError, EOFError) as err:  # gzip's errors for a damaged file are OSError or EOFError
        raise InputError(shown, f"cannot be read ({getattr(err, 'strerror', None) or err})") from None
    text = decode_text(shown, data)
    digest = hashlib.sha256(data).hexdigest()
    fmt = "markdown" if content_suffix(path) in MARKDOWN_SUFFIXES or _looks_like_markdown(text) else "text"
    return Source(id=source_id(digest), path=shown, format=fmt, sha256=digest, size=len(data)), text


def _looks_like_markdown(text: str) -> bool:
    head = text[:20000]
    return "\n#" in head or head.startswith("#") or "<sup>" in head
