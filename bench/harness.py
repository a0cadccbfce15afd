"""Shared plumbing for the browser tests (tests/conftest.py) and the page/load benchmarks.

- ``StreamlitServer``: ``streamlit run <script>`` on a free 127.0.0.1 port, with ``DASHBOARD_DATA_DIR`` set,
  waits for ``/_stcore/health`` and stops the process group on exit (bounded waits everywhere).
- ``CHROMIUM`` / ``CHROMIUM_ARGS``: Debian chromium, launched headless by Playwright. Playwright's own
  browser download does not work on these machines, so ``executable_path`` is always given.
- ``app_pages()``: the app's pages as ``(page_id, url_path)``, read from ``dashboard.ui.PAGES`` (what app.py
  builds its ``st.Page(url_path=...)`` list from), with a fallback that parses app.py.
- ``WAIT_IDLE_JS`` / ``PAGE_READY_JS``: predicates for ``page.wait_for_function``: no script run is going on
  (and, for the second, every chart and table on the page is drawn).
- ``resolve_page_urls()``: page id -> URL from the links of the navigation the app draws.
"""

from __future__ import annotations

import ast
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STREAMLIT = REPO / ".venv" / "bin" / "streamlit"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 1000}
# wait_for_function polls on requestAnimationFrame by default; with many pages in one headless Chromium,
# frames of background pages are throttled and the wait can miss a page that is long ready. Poll on a timer.
POLL_MS = 50

# True once the app has finished a script run: Streamlit marks the root element with
# data-test-script-state ("initial" / "running" / "rerunRequested" / "notRunning"; the attribute its own
# e2e tests wait on), shows [data-testid="stStatusWidget"] while a run is slow, and marks elements of a
# previous run stale until the new run replaces them.
_IDLE_CHECKS = """
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
"""
WAIT_IDLE_JS = "() => {" + _IDLE_CHECKS + "  return true;\n}"

# WAIT_IDLE_JS, and the page's charts and tables are drawn: no element is still a loading skeleton, every
# Plotly chart has its SVG (a choropleth also its locations, which plotly.js draws only after fetching the
# base topology; a bar chart its bars), every data table its canvas, and there is at least one of them. Only
# shown ones count (a closed expander or an inactive tab draws nothing). This is "the main chart/table is
# visible" for the tests and the page benchmark; a page without any chart or table (the dataset error page)
# never satisfies it.
PAGE_READY_JS = "() => {" + _IDLE_CHECKS + """
  const shown = (e) => e.checkVisibility();  // inside a closed expander or an inactive tab: not drawn yet
  const charts = [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(shown);
  const tables = [...main.querySelectorAll('[data-testid="stDataFrame"]')].filter(shown);
  if (charts.length + tables.length === 0) return false;
  // An element whose code is still loading is a skeleton; a chart's stPlotlyChart node only exists once
  // plotly.js has loaded, so without this a page whose table is drawn first would count as ready early.
  if ([...main.querySelectorAll('[data-testid="stSkeleton"]')].some(shown)) return false;
  for (const c of charts) {
    if (!c.querySelector('.main-svg')) return false;
    const gd = c.querySelector('.js-plotly-plot');  // plotly.js keeps the figure's traces on the element
    const types = new Set(((gd && gd.data) || []).map(tr => tr.type));
    if (types.has('choropleth') && !c.querySelector('.choroplethlocation')) return false;
    if (types.has('bar') && !c.querySelector('.bars path')) return false;
  }
  for (const t of tables) if (!t.querySelector('canvas')) return false;
  return true;
}"""

# Before an interaction (a click that reruns the script): remembers what the page shows and records, from
# now on, whether a script run starts (data-test-script-state leaves "notRunning"), so that waiting
# afterwards cannot mistake the previous, still-displayed run for the new one. Under load React may batch
# "running" and "notRunning" into one commit and the attribute never changes, hence the second signal: the
# page's signature (address, headings, chart titles, box values, element count) differs from the one remembered here.
ARM_JS = """() => {
  window.__benchSig = () => {
    const main = document.querySelector('[data-testid="stMain"]');
    if (!main) return location.href;
    const txt = (s) => [...main.querySelectorAll(s)].map(e => e.textContent).join('|');
    const vals = [...main.querySelectorAll('input')].map(e => e.value).join('|');
    const n = main.querySelectorAll('[data-testid="stElementContainer"]').length;
    return [location.href, txt('h1, h2, h3'), txt('.gtitle'), vals, n].join('#');
  };
  window.__benchSig0 = window.__benchSig();
  window.__benchSawRun = false;
  if (!window.__benchObserver) {  // on the document: the app root may be re-created
    window.__benchObserver = new MutationObserver((records) => {
      for (const m of records) {
        if (m.type === 'attributes' && ((m.oldValue && m.oldValue !== 'notRunning')
            || m.target.getAttribute('data-test-script-state') !== 'notRunning')) window.__benchSawRun = true;
      }
    });
    window.__benchObserver.observe(document.body, {subtree: true, attributes: true, attributeOldValue: true,
                                                   attributeFilter: ['data-test-script-state']});
  }
}"""

# What the page looks like when a wait times out (for error messages). (for the error message).
STATE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const q = (s) => (main ? main.querySelectorAll(s).length : -1);
  return `state=${app ? app.getAttribute('data-test-script-state') : 'no app'}`
    + ` conn=${app ? app.getAttribute('data-test-connection-state') : '-'}`
    + ` status=${!!document.querySelector('[data-testid="stStatusWidget"]')}`
    + ` stale=${document.querySelectorAll('[data-stale="true"]').length}`
    + ` charts=${q('[data-testid="stPlotlyChart"]')}/${q('[data-testid="stPlotlyChart"] .main-svg')}`
    + ` map=${q('.geolayer *') > 0 ? q('.choroplethlocation') + ' locations' : 'none'}`
    + ` tables=${q('[data-testid="stDataFrame"]')}/${q('[data-testid="stDataFrame"] canvas')}`
    + ` sawRun=${window.__benchSawRun}`
    + ` changed=${window.__benchSig ? window.__benchSig() !== window.__benchSig0 : '-'}`
    + ` shown=${main ? [...main.querySelectorAll('[data-testid="stPlotlyChart"], [data-testid="stDataFrame"]')]
                       .filter(e => e.checkVisibility()).length : -1}`
    + ` visibility=${document.visibilityState}`;
}"""

# After the interaction: a run has started since ARM_JS, has ended, and the page is drawn.
AFTER_RUN_READY_JS = ("() => (window.__benchSawRun === true || window.__benchSig() !== window.__benchSig0) && ("
                      + PAGE_READY_JS + ")()")

# Elements that mean something went wrong on a page: an uncaught exception, an st.error box, and
# Streamlit's own "Page not found" dialog (shown when a URL matches no page).
EXCEPTION_SELECTOR = '[data-testid="stException"]'
ERROR_ALERT_SELECTOR = '[data-testid="stAlertContentError"]'
DIALOG_SELECTOR = '[data-testid="stDialog"]'

# Sidebar navigation links as [href, text] in order (text without the icon's ligature name).
NAV_LINKS_JS = """() => [...document.querySelectorAll('[data-testid="stSidebarNavLink"]')].map(a => [
  a.getAttribute('href'),
  (a.querySelector('[data-testid="stMarkdownContainer"]') || a).innerText.trim()])"""


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def launch_kwargs() -> dict:
    return {"executable_path": CHROMIUM, "headless": True, "args": list(CHROMIUM_ARGS)}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_pages() -> list[tuple[str, str]]:
    """``[(page_id, url_path), ...]`` in navigation order; the default page (first) is also at ``/``."""
    with contextlib.suppress(Exception):
        if str(REPO) not in sys.path:
            sys.path.insert(0, str(REPO))
        import streamlit.logger

        level = streamlit.logger._global_log_level
        streamlit.logger.set_log_level("error")  # outside `streamlit run`, each st.cache_data warns on import
        try:
            from dashboard.ui import PAGES
        finally:
            streamlit.logger.set_log_level(level)

        return [(pid, spec[1]) for pid, spec in PAGES.items()]
    # Fallback: literal url_path="..." arguments of st.Page calls in app.py.
    out = []
    tree = ast.parse((REPO / "app.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            for kw in node.keywords:
                if kw.arg == "url_path" and isinstance(kw.value, ast.Constant):
                    out.append((kw.value.value, kw.value.value))
    return out


def _proc_stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def descendants_cpu_seconds(root: int | None = None, exclude: set[int] | frozenset = frozenset()) -> float:
    """CPU seconds (user + system, including reaped children) of the live descendants of ``root`` (default:
    this process), leaving out the subtrees at ``exclude``. With a Playwright browser started here this is
    the browser's CPU (its exited renderers are counted through the browser's reaped-children time)."""
    root = os.getpid() if root is None else root
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _proc_stat(int(entry))):
            children.setdefault(int(st[1]), []).append(int(entry))
    total, todo = 0, list(children.get(root, []))
    while todo:
        pid = todo.pop()
        if pid in exclude:
            continue
        st = _proc_stat(pid)
        if st:
            total += sum(int(x) for x in st[11:15])
        todo.extend(children.get(pid, []))
    return total / os.sysconf("SC_CLK_TCK")


def resolve_page_urls(base: str, nav_links: list) -> dict[str, str]:
    """page id -> absolute URL, from the ``NAV_LINKS_JS`` result of a page the app has finished drawing.

    The navigation lists the pages in ``PAGES`` order. If it does not (the app changed, or it was read
    too early), fall back to ``/<url_path>`` with the first (default) page at ``/``."""
    base = base.rstrip("/")
    pages = app_pages()
    if len(nav_links) == len(pages):
        return {pid: (href if href.startswith("http") else base + href)
                for (pid, _), (href, _) in zip(pages, nav_links, strict=True)}
    return {pid: f"{base}/{'' if i == 0 else path}" for i, (pid, path) in enumerate(pages)}


class StreamlitServer:
    """``with StreamlitServer(data_dir=...) as srv: srv.url`` — a real ``streamlit run`` on 127.0.0.1."""

    def __init__(self, script: str | os.PathLike = "app.py", data_dir: str | os.PathLike | None = None,
                 *, start_timeout: float = 60.0, extra_env: dict | None = None, extra_args: list[str] | None = None):
        self.script = str(script)
        self.data_dir = str(data_dir) if data_dir is not None else None
        self.start_timeout = start_timeout
        self.extra_env = extra_env or {}
        self.extra_args = extra_args or []
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log_path = ""
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> StreamlitServer:
        self.port = free_port()
        env = dict(os.environ)
        env.update({"STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", "PYTHONUNBUFFERED": "1"})
        if self.data_dir is not None:
            env["DASHBOARD_DATA_DIR"] = self.data_dir
        env.update(self.extra_env)
        exe = str(STREAMLIT) if STREAMLIT.exists() else None
        cmd = ([exe] if exe else [sys.executable, "-m", "streamlit"]) + [
            "run", self.script, "--server.port", str(self.port), "--server.headless", "true",
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--server.runOnSave", "false", *self.extra_args,
        ]
        fd, self.log_path = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        self._log = os.fdopen(fd, "w")
        self.proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not become healthy in {self.start_timeout:.0f}s:\n{self.log_tail()}")

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far (Linux /proc)."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, AttributeError, IndexError, ValueError):
            return float("nan")

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(Path(self.log_path).read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        with contextlib.suppress(OSError):
            os.unlink(self.log_path)
