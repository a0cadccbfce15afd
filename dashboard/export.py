"""PNG export of Plotly figures for briefings: kaleido 1.5 driving the system's Debian chromium, offline.

Importing this module configures the process for offline rendering:
- ``BROWSER_PATH`` is set to /usr/bin/chromium when unset and that file exists, because kaleido's own
  fallback (``plotly_get_chrome``) downloads Chrome from the internet;
- ``plotly.io.defaults.topojson`` points at the empty topology in data/geo/topojson/, because plotly.js
  fetches a base map from cdn.plot.ly for every geo subplot, even with ``geo.visible=False``.

MathJax is switched off by calling kaleido directly: ``fig.to_image`` cannot switch it off (plotly only
forwards a truthy ``defaults.mathjax``), and kaleido's default loads MathJax from a CDN.

One chromium is kept warm in a private thread after the first export (about 0.2 s per image instead of
about 1.5 s with a fresh browser). Exports are serialised by a lock, so calls from several Streamlit threads
are safe; any failure discards the warm browser and retries once with a fresh one. It is private on
purpose: kaleido's global sync server hands results back through a shared queue and can give one
caller's image to another when two threads export at once.
"""

from __future__ import annotations

import asyncio
import atexit
import copy
import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

REPO_ROOT = Path(__file__).resolve().parent.parent
TOPOJSON_DIR = REPO_ROOT / "data" / "geo" / "topojson"
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")

if not os.environ.get("BROWSER_PATH") and DEBIAN_CHROMIUM.is_file():
    os.environ["BROWSER_PATH"] = str(DEBIAN_CHROMIUM)

# plotly.js appends "<scope>_<resolution>.json" (world_110m.json) to this URL; it must end with "/".
TOPOJSON_URL = TOPOJSON_DIR.as_uri() + "/"
pio.defaults.topojson = TOPOJSON_URL

RENDER_TIMEOUT_S = 60  # one map takes ~0.2 s warm, ~1.5 s cold; a minute means chromium is stuck.
DEFAULT_ASPECT = 0.72  # height / width when neither the call nor the figure sets a height.


class ExportUnavailable(RuntimeError):
    """PNG export cannot run on this machine (no Chromium, or it would not start). The message says why."""


def find_browser() -> str | None:
    """The Chromium kaleido will use: BROWSER_PATH if set, else chromium on PATH; None if there is none."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _require_browser() -> None:
    if find_browser() is None:
        configured = os.environ.get("BROWSER_PATH")
        where = f"BROWSER_PATH={configured!r} does not exist" if configured else "no chromium on PATH"
        raise ExportUnavailable(
            f"PNG export needs Chromium, and {where}. Install Debian's chromium and fonts-noto-cjk "
            "(`make system-deps`), or use the chart's camera button to save an image from the browser."
        )


class _WarmKaleido:
    """One kaleido (one chromium tab) on a private asyncio loop thread; render() may be called from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None

    def render(self, spec: dict, opts: dict) -> bytes:
        with self._lock:
            if self._kaleido is None:
                self._start()
            coro = self._kaleido.calc_fig(spec, opts=opts, topojson=TOPOJSON_URL)
            return asyncio.run_coroutine_threadsafe(coro, self._loop).result(RENDER_TIMEOUT_S + 10)

    def _start(self) -> None:
        import kaleido  # deferred: importing it costs ~0.3 s and the app may never export

        async def open_kaleido():
            k = kaleido.Kaleido(n=1, mathjax=False, timeout=RENDER_TIMEOUT_S)
            await k.open()
            return k

        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido-export", daemon=True)
        self._thread.start()
        try:
            self._kaleido = asyncio.run_coroutine_threadsafe(open_kaleido(), self._loop).result(RENDER_TIMEOUT_S)
        except BaseException:
            self._stop_loop()
            raise

    def close(self) -> None:
        with self._lock:
            if self._kaleido is not None and self._loop is not None:
                try:
                    asyncio.run_coroutine_threadsafe(self._kaleido.close(), self._loop).result(15)
                except Exception:  # noqa: BLE001,S110 - best effort: the browser may already be gone
                    pass
            self._kaleido = None
            self._stop_loop()

    def _stop_loop(self) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
            if self._thread is not None:
                self._thread.join(timeout=5)
            if not self._loop.is_running():
                self._loop.close()
        self._loop = None
        self._thread = None


_warm = _WarmKaleido()
atexit.register(_warm.close)


def _render_fresh(spec: dict, opts: dict) -> bytes:
    """One-shot render with a new chromium (slow but independent of any earlier state)."""
    import kaleido

    kopts = {"mathjax": False, "timeout": RENDER_TIMEOUT_S}
    return kaleido.calc_fig_sync(spec, opts=opts, topojson=TOPOJSON_URL, kopts=kopts)


def figure_to_png(fig: go.Figure, *, width: int = 1200, height: int | None = None, scale: float = 2) -> bytes:
    """Render `fig` to PNG bytes of (width*scale) x (height*scale) pixels.

    `height` defaults to the figure's layout.height, else width * DEFAULT_ASPECT.
    Raises ExportUnavailable when there is no Chromium; other errors (a bad figure) propagate.
    """
    _require_browser()
    from kaleido.errors import BrowserFailedError, ChromeNotFoundError, JavascriptError, KaleidoError

    if height is None:
        height = fig.layout.height or round(width * DEFAULT_ASPECT)
    # A private deep copy, made here in the caller's thread: later edits cannot race the render, and a
    # FrozenFigure's shared dict is never handed to kaleido.
    spec = copy.deepcopy(fig.to_dict())
    opts = {"format": "png", "width": width, "height": height, "scale": scale}
    try:
        return _warm.render(spec, opts)
    except (KaleidoError, JavascriptError):
        raise  # plotly.js rejected the figure: the browser is fine, and a retry would fail the same way
    except (ChromeNotFoundError, BrowserFailedError) as exc:
        _warm.close()
        raise ExportUnavailable(f"Chromium could not be started for PNG export: {exc}") from exc
    except Exception:  # noqa: BLE001 - crashed or wedged browser, timeout: retried below with a fresh one
        # A broken warm browser must not poison later exports: drop it, and try once with a new one.
        _warm.close()
    try:
        return _render_fresh(spec, opts)
    except (ChromeNotFoundError, BrowserFailedError) as exc:
        raise ExportUnavailable(f"Chromium could not be started for PNG export: {exc}") from exc


def shutdown() -> None:
    """Close the warm chromium (it is also closed at interpreter exit)."""
    _warm.close()
