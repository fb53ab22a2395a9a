"""XML that tries to reach outside the file, or to exhaust the parser: each refused in one line
naming the file and the problem, exit 2, never a hang, never a file opened outside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

LEGATION = [sys.executable, "-m", "legation"]
TEI_OPEN = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>'
TEI_CLOSE = "</body></text></TEI>"


def run(*args: str | Path, timeout: int = 120) -> subprocess.CompletedProcess:
    """Bounded in time: a reader that opened the FIFO below would block until this kills it."""
    return subprocess.run([*LEGATION, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def one_error_line(result: subprocess.CompletedProcess, path: Path, words: str) -> None:
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(path) in errors[0] and words in errors[0], result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
@pytest.mark.parametrize("doctype", ['SYSTEM "file://{dtd}"', 'PUBLIC "-//X//DTD X//EN" "{dtd}"'])
def test_an_external_dtd_is_never_opened_even_a_fifo(tmp_path, doctype):
    dtd = tmp_path / "hang.dtd"
    os.mkfifo(dtd)  # opening it for reading blocks until a writer comes: a reader that follows the DOCTYPE hangs
    path = tmp_path / "external.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI {doctype.format(dtd=dtd)}>\n'
                    f"{TEI_OPEN}<p>an &unknown; entity</p>{TEI_CLOSE}\n", encoding="utf-8")
    for command in (["extract", path], ["ingest", path, "--db", tmp_path / "s.db", "--layers", "apparatus"]):
        one_error_line(run(*command), path, "names an external DTD")
    assert not (tmp_path / "s.db").exists() or "external.xml" not in (tmp_path / "s.db").read_bytes().decode(
        "latin-1")


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_declarations_are_refused(name):
    one_error_line(run("extract", FIXTURES / "tei" / name), FIXTURES / "tei" / name, "declares entities")


def test_excessive_depth_is_said_in_the_users_terms(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_text(TEI_OPEN + "<p>" * 100_000 + "x" + "</p>" * 100_000 + TEI_CLOSE, encoding="utf-8")
    result = run("extract", path)
    one_error_line(result, path, "nested more than 256 levels deep")
    assert "XML_PARSE_HUGE" not in result.stderr
