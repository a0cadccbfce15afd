"""Many users at once (issue 6): concurrent headless-Chromium sessions against one app server.

    python -m bench load [--sessions 20] [--data DIR] [--budget 180] [--ramp 5]

One ``streamlit run app.py`` server; one Chromium; each session is its own browser context (own cache,
own Streamlit session), the sessions starting over ``--ramp`` seconds. A session opens the default page,
then clicks through every other page in the sidebar navigation, and on the compare page picks another
indicator. Every step is timed from the click to "the new run is over and its charts/tables are drawn"
(``bench.harness.AFTER_RUN_READY_JS``; the first page: navigation start to ``PAGE_READY_JS``).

First one session alone, then ``--sessions`` at once, in the same run. Prints errors (error elements,
JavaScript errors, timeouts; goal 0), p50/p95 of the page steps (all, first loads, page switches) and of
the filter change, and the CPU the server and the browsers used: here both share the machine's cores,
so when the browsers use most of it the figures measure the client side, not the server. The whole
benchmark stops by itself within ``--budget`` seconds (default 180), whatever happens.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import time
from dataclasses import dataclass, field

from bench.harness import (
    AFTER_RUN_READY_JS,
    ARM_JS,
    DIALOG_SELECTOR,
    ERROR_ALERT_SELECTOR,
    EXCEPTION_SELECTOR,
    NAV_LINKS_JS,
    PAGE_READY_JS,
    POLL_MS,
    STATE_JS,
    VIEWPORT,
    StreamlitServer,
    app_pages,
    chromium_available,
    descendants_cpu_seconds,
    launch_kwargs,
)
from bench.pages_bench import pick_data_dir

STEP_TIMEOUT_MS = 60_000



@dataclass
class Result:
    first_times: list[float] = field(default_factory=list)  # first page, fresh browser context
    page_times: list[float] = field(default_factory=list)  # first page and every page switch
    filter_times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    steps: int = 0


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


async def check(page, where: str, res: Result) -> None:
    for sel, what in ((EXCEPTION_SELECTOR, "exception"), (ERROR_ALERT_SELECTOR, "st.error"),
                      (DIALOG_SELECTOR, "dialog")):
        if await page.locator(sel).count():
            res.errors.append(f"{where}: {what} on the page")


async def change_indicator(page, label: str) -> bool:
    """Pick another option in the combobox labelled ``label``; False if the page has none."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has=page.get_by_role("combobox", name=label))
    if not await box.count():
        return False
    current = await box.get_by_role("combobox").first.input_value()
    await box.first.get_by_role("button", name="Open").click()
    options = page.get_by_role("option")
    await options.first.wait_for(timeout=STEP_TIMEOUT_MS)
    texts = [t.strip() for t in await options.all_inner_texts()]
    choice = next((i for i, t in enumerate(texts) if t != current), None)
    if choice is None:
        await page.keyboard.press("Escape")
        return False
    await page.evaluate(ARM_JS)
    await options.nth(choice).click()
    try:  # the click must take: the box shows the new value
        await page.wait_for_function(
            "([el, old]) => el.value !== old", arg=[await box.get_by_role("combobox").first.element_handle(), current],
            timeout=10_000, polling=POLL_MS)
    except Exception as exc:
        raise RuntimeError("choosing another indicator did not change the box") from exc
    return True


async def session(browser, first_url: str, filter_label: str, filter_page: str, res: Result,
                  delay: float = 0.0) -> None:
    await asyncio.sleep(delay)
    ctx = await browser.new_context(viewport=VIEWPORT)
    page = await ctx.new_page()
    page.on("pageerror", lambda e: res.errors.append(f"JavaScript error: {str(e)[:120]}"))
    step = "first page"
    try:
        t0 = time.perf_counter()
        await page.goto(first_url, timeout=STEP_TIMEOUT_MS)
        await page.wait_for_function(PAGE_READY_JS, timeout=STEP_TIMEOUT_MS, polling=POLL_MS)
        res.first_times.append(time.perf_counter() - t0)
        res.page_times.append(res.first_times[-1])
        res.steps += 1
        await check(page, "first page", res)
        links = await page.evaluate(NAV_LINKS_JS)
        pages = [pid for pid, _ in app_pages()]
        for i in range(1, len(links)):
            pid = pages[i] if i < len(pages) else links[i][1]
            step = pid
            await page.evaluate(ARM_JS)
            t0 = time.perf_counter()
            await page.locator('[data-testid="stSidebarNavLink"]').nth(i).click()
            await page.wait_for_function(AFTER_RUN_READY_JS, timeout=STEP_TIMEOUT_MS, polling=POLL_MS)
            res.page_times.append(time.perf_counter() - t0)
            res.steps += 1
            await check(page, pid, res)
            if pid == filter_page:
                step = f"{pid} filter change"
                t0 = time.perf_counter()
                if await change_indicator(page, filter_label):
                    await page.wait_for_function(AFTER_RUN_READY_JS, timeout=STEP_TIMEOUT_MS, polling=POLL_MS)
                    res.filter_times.append(time.perf_counter() - t0)
                    res.steps += 1
                    await check(page, f"{pid} after a filter change", res)
    except asyncio.CancelledError:
        res.errors.append("stopped by the time budget")
        raise
    except Exception as exc:  # noqa: BLE001 - counted, reported
        state = ""
        with contextlib.suppress(Exception):
            state = " [" + await asyncio.wait_for(page.evaluate(STATE_JS), 5)
            state += f" ready now={await asyncio.wait_for(page.evaluate(PAGE_READY_JS), 5)}]"
        res.errors.append(f"{step}: {type(exc).__name__}: {str(exc).splitlines()[0][:80]}{state}")
    finally:
        await ctx.close()


async def run_sessions(browser, n: int, first_url: str, label: str, fpage: str, budget: float,
                       ramp: float = 0.0) -> tuple[list[Result], float]:
    """``n`` sessions, started ``ramp / n`` seconds apart; cancelled when ``budget`` seconds are up."""
    results = [Result() for _ in range(n)]
    t0 = time.perf_counter()
    tasks = [asyncio.ensure_future(session(browser, first_url, label, fpage, r, delay=i * ramp / max(n, 1)))
             for i, r in enumerate(results)]
    done, pending = await asyncio.wait(tasks, timeout=max(budget, 1))
    for t in pending:
        t.cancel()
    if pending:
        await asyncio.gather(*pending, return_exceptions=True)
    return results, time.perf_counter() - t0


def summary(name: str, results: list[Result], wall: float, cpu: float, bcpu: float) -> None:
    def p(xs: list[float]) -> str:
        return f"p50 {pct(xs, .5) * 1000:6.0f}ms  p95 {pct(xs, .95) * 1000:6.0f}ms  (n={len(xs)})"

    pages = [x for r in results for x in r.page_times]
    firsts = [x for r in results for x in r.first_times]
    switches = [x for r in results for x in r.page_times[len(r.first_times):]]
    filters = [x for r in results for x in r.filter_times]
    errors = [e for r in results for e in r.errors]
    steps = sum(r.steps for r in results)
    print(f"  {name}: {steps} steps, errors {len(errors)}, wall {wall:.1f} s, CPU: server {cpu:.1f} s "
          f"({cpu / wall:.0%} of a core), browsers {bcpu:.1f} s")
    print(f"      page (all)    {p(pages)}")
    print(f"      first load    {p(firsts)}")
    print(f"      page switch   {p(switches)}")
    print(f"      filter change {p(filters)}")
    for e, k in sorted({e: errors.count(e) for e in errors}.items(), key=lambda x: -x[1])[:8]:
        print(f"      {k:>3} × {e}")


async def amain(args) -> int:
    from playwright.async_api import async_playwright

    from dashboard.i18n import t

    deadline = time.monotonic() + args.budget
    data = pick_data_dir(args.data)
    pages = [pid for pid, _ in app_pages()]
    fpage = "compare" if "compare" in pages else pages[0]
    label = t("indicator", "zh")
    print(f"== {args.sessions} concurrent sessions vs 1, one server (data: {data}), "
          f"budget {args.budget:.0f} s, ramp-up {args.ramp:.0f} s ==")
    print(f"  load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs "
          f"(browsers and server share them)")
    with StreamlitServer("app.py", data_dir=data) as srv:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(**launch_kwargs())
            try:
                warm = Result()  # server imports and caches, the browser's first start
                await session(browser, srv.url + "/", label, fpage, warm)
                ex = {srv.proc.pid}
                c0, b0 = srv.cpu_seconds(), descendants_cpu_seconds(exclude=ex)
                single, wall1 = await run_sessions(browser, 1, srv.url + "/", label, fpage,
                                                   deadline - time.monotonic() - 5)
                c1, b1 = srv.cpu_seconds(), descendants_cpu_seconds(exclude=ex)
                many, walln = await run_sessions(browser, args.sessions, srv.url + "/", label, fpage,
                                                 deadline - time.monotonic() - 5, ramp=args.ramp)
                c2, b2 = srv.cpu_seconds(), descendants_cpu_seconds(exclude=ex)
            finally:
                await browser.close()
    print(f"  each session: first page (fresh browser context) + {len(pages) - 1} navigation clicks + "
          f"1 indicator change on '{fpage}'")
    summary("1 session", single, wall1, c1 - c0, b1 - b0)
    summary(f"{args.sessions} sessions", many, walln, c2 - c1, b2 - b1)
    p1 = [x for r in single for x in r.page_times]
    pn = [x for r in many for x in r.page_times]
    if p1 and pn:
        print(f"  {args.sessions} sessions vs 1: page p50 {statistics.median(pn) / statistics.median(p1):.1f}x, "
              f"p95 {pct(pn, .95) / pct(p1, .95):.1f}x")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench load", description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--data", help="dataset dir (default: data/, else the fixture dataset)")
    ap.add_argument("--budget", type=float, default=180.0, help="hard limit in seconds for the whole run")
    ap.add_argument("--ramp", type=float, default=5.0, help="start the sessions over this many seconds")
    args = ap.parse_args(argv)
    if not chromium_available():
        print("load: skipped, /usr/bin/chromium is missing (make system-deps)")
        return 0
    return asyncio.run(asyncio.wait_for(amain(args), timeout=args.budget + 30))


if __name__ == "__main__":
    raise SystemExit(main())
