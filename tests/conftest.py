"""Shared fixtures for the browser tests (tests/test_browser.py, marker ``browser``).

Only fixtures live here, and they start nothing until a test asks for them, so the other test modules are
unaffected. The plumbing (free port, ``streamlit run``, chromium flags) is in ``bench/harness.py``, shared
with the page and load benchmarks.

- ``streamlit_factory``: ``start(data_dir) -> base URL``; one real ``streamlit run app.py`` server per data
  dir (127.0.0.1, free port, ``DASHBOARD_DATA_DIR`` set, ready once ``/_stcore/health`` answers), all
  stopped at the end of the session.
- ``streamlit_server``: the base URL of the server over the fixture dataset (``tests/fixtures/dataset``).
  Parametrize it indirectly with another data dir: ``@pytest.mark.parametrize("streamlit_server",
  [path], indirect=True)``.
- ``browser``: Debian chromium (``/usr/bin/chromium``) headless through Playwright; the browser tests are
  skipped, with the reason, only when that binary is missing (``make test`` installs it).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # plain `pytest` (not `python -m pytest`) does not put the repo on sys.path
    sys.path.insert(0, str(REPO))

from bench.harness import StreamlitServer, chromium_available, launch_kwargs  # noqa: E402

FIXTURE_DATASET = REPO / "tests" / "fixtures" / "dataset"


@pytest.fixture(scope="session")
def streamlit_factory():
    servers: dict[str, StreamlitServer] = {}

    def start(data_dir: str | Path = FIXTURE_DATASET) -> str:
        key = str(Path(data_dir).resolve())
        if key not in servers:
            servers[key] = StreamlitServer("app.py", data_dir=key).start()
        return servers[key].url

    yield start
    for srv in servers.values():
        srv.stop()


@pytest.fixture(scope="session")
def streamlit_server(request, streamlit_factory) -> str:
    return streamlit_factory(getattr(request, "param", None) or FIXTURE_DATASET)


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        pytest.skip("browser tests need Debian chromium at /usr/bin/chromium (make system-deps installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(**launch_kwargs())
        yield b
        b.close()
