import os
from pathlib import Path

import pytest
from hypothesis import settings

# Properties, not speed: timing lives in bench/, and a loaded CI machine must not fail a test.
settings.register_profile("legation", deadline=None, derandomize=True)  # CI reruns the same examples
settings.register_profile("explore", deadline=None, max_examples=2000)  # HYPOTHESIS_PROFILE=explore: hunt for new ones
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "legation"))

from legation.devdata import ABSTRACT_PAGE, FULL_TEXT, REPO, missing_reason, shared_path  # REPO: for the test modules

SEEDS = FULL_TEXT.parent  # the seed article and its abstract page ship in examples/corpus
SEED_TEXTS = sorted(SEEDS.glob("*.txt"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_configure(config):
    config.addinivalue_line("markers", "shared(*parts): needs this path in the shared corpora "
                                       "(legation.devdata); skipped, saying so, where it is absent")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """The one place a test learns that a shared corpus is missing."""
    for mark in item.iter_markers("shared"):
        path = shared_path(*mark.args)
        if not path.exists():
            pytest.skip(missing_reason(path))


@pytest.fixture(scope="session")
def seed_doc():
    from legation.pipeline import extract_file

    return extract_file(FULL_TEXT)


@pytest.fixture(scope="session")
def abstract_doc():
    from legation.pipeline import extract_file

    return extract_file(ABSTRACT_PAGE)


@pytest.fixture(scope="session")
def seed_layout():
    from legation.ingest.source import read_source
    from legation.ingest.text import read_layout

    return read_layout(read_source(FULL_TEXT)[1])


def resolved_notes(*notes: str):
    """Notes numbered from 1, their citations parsed and back-references resolved: (citations, diagnostics)."""
    from legation.extract.citations import parse_note, resolve_back_references

    citations = []
    for number, note in enumerate(notes, start=1):
        for citation in parse_note(note):
            citation.footnote = number
            citations.append(citation)
    return citations, resolve_back_references(citations)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory, seed_doc, abstract_doc):
    """A store holding both seeds, built once: tests that write to it copy it first."""
    from legation.store.sqlite import Store

    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store(path) as store:
        for doc in (abstract_doc, seed_doc):
            store.add_document(doc)
    return path


@pytest.fixture(scope="module")
def seeds_copy(tmp_path_factory, seeds_db):
    """This module's own copy of the seeds store, free to write to."""
    import shutil

    path = tmp_path_factory.mktemp("seeds-copy") / "seeds.db"
    shutil.copy(seeds_db, path)
    return path


@pytest.fixture(scope="module")
def seeds_store(seeds_copy):
    from legation.store.sqlite import Store

    with Store(seeds_copy) as opened:
        yield opened
