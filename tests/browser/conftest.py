"""Browser tests: the web app served on a free loopback port over a store built from the seeds,
driven by Playwright in Debian's headless Chromium (never a browser Playwright downloads)."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
MARKUP_SOURCE = HERE / "fixtures" / "markup_in_text.txt"
# The flags the machine notes give: no sandbox as root, and no background traffic to Google's
# hosts, which a closed network refuses many times over at every start.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 10_000

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is absent: install Debian's chromium to run the browser tests "
                "(.ci/run does)", allow_module_level=True)


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory, abstract_doc, seed_doc) -> Path:
    """The two seeds (extracted once for the whole suite) and one small source whose text holds
    HTML markup, in a fresh store."""
    from legation.pipeline import extract_file
    from legation.store.sqlite import Store

    path = tmp_path_factory.mktemp("store") / "legation.db"
    with Store(path) as store:
        for doc in (abstract_doc, seed_doc, extract_file(MARKUP_SOURCE)):
            store.add_document(doc)
    return path


@pytest.fixture(scope="session")
def store(store_path: Path) -> Iterator:
    """The store the app serves, opened in the tests' own process: what the pages must show."""
    from legation.store.sqlite import Store

    with Store(store_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def base_url(store_path: Path) -> Iterator[str]:
    """The app served by uvicorn in a background thread on a port the OS picks on 127.0.0.1."""
    with served(store_path) as url:
        yield url


@contextlib.contextmanager
def served(store_path: Path) -> Iterator[str]:
    """The app over a store, served by uvicorn in a background thread on a free local port."""
    import uvicorn

    from legation.web.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(store_path), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web app did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def browser_context() -> Iterator:
    """One headless Chromium for the session, with a fresh profile in a temporary directory."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="legation-chromium-")
    try:
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
                viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            yield context
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The screenshot folder, emptied of an earlier run's screenshots."""
    ARTIFACTS.mkdir(exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    return ARTIFACTS


class Visit:
    """A page of the app for one test, with what went wrong in it: script errors, and requests
    that left the machine (the app must work offline: every script is served by the app)."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.script_errors: list[str] = []
        self.outside_requests: list[str] = []
        page.on("pageerror", lambda error: self.script_errors.append(str(error)))
        page.route("**/*", self._keep_local)

    def _keep_local(self, route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside_requests.append(route.request.url)
            route.abort()

    def open(self, path: str, status: int = 200):
        """Go to an app path, check the HTTP status, and return the page."""
        response = self.page.goto(self.base_url + path)
        assert response is not None and response.status == status, f"{path}: HTTP {response and response.status}"
        return self.page


@pytest.fixture
def app(browser_context, base_url: str, artifacts: Path, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh tab; at the end a screenshot is kept in artifacts/ (git-ignored), and the
    test errs if a script failed or the page reached outside the machine."""
    page = browser_context.new_page()
    visit = Visit(page, base_url)
    yield visit
    name = re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
    page.screenshot(path=str(artifacts / f"{name}.png"))  # the viewport: where the test ended up
    page.close()
    assert not visit.script_errors, f"script errors: {visit.script_errors}"
    assert not visit.outside_requests, f"requests outside the machine: {visit.outside_requests}"
