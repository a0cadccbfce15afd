"""The article with its numbers marked: a small inline ``st.components.v2`` component owned by the project.

The text arrives as segments (``dashboard.byo.segments``): plain runs and marked numbers, each with its start
as a Python (code-point) offset. The JavaScript builds the DOM from text nodes only (``createTextNode``,
``textContent``; never ``innerHTML``), so an article that contains markup shows that markup as text. Kind
labels are CSS ``::after`` content from a data attribute, so they are not part of the selectable text.

Events back to Python (trigger values, one run each):
- ``clicked``: the fact id of a clicked mark;
- ``selection``: ``{start, end, text}`` of a mouse selection, in **code points** of the Python string. JS
  string offsets are UTF-16 code units; each text node knows its code-point start, and the offset inside the
  node is converted with ``Array.from(node.data.slice(0, off)).length``, so CJK Extension B characters (𠀀),
  emoji and ``\\r\\n`` do not shift the span (Label Studio #4988, #539).
"""

from __future__ import annotations

import streamlit as st

CSS = """
.byo-text {white-space: pre-wrap; line-height: 1.9; font-size: 1rem; max-height: 70vh; overflow-y: auto;
  padding: 0.5rem 0.75rem; border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem;
  color: var(--st-text-color, #262730); background: var(--st-background-color, #fff);}
.byo-mark {border-radius: 4px; padding: 0 2px; cursor: pointer; font-weight: 600;}
.byo-mark::after {content: attr(data-label); font-size: 0.62em; font-weight: 500; margin-left: 2px;
  vertical-align: super; opacity: 0.85; user-select: none;}
.byo-mark.st-suggested {background: #eeeeee; border: 1px dashed #555; color: #222;}
.byo-mark.st-accepted {background: #d6e8f5; border: 1px solid #0072B2; color: #003b5c;}
.byo-mark.st-edited {background: #fbe6bd; border: 1px solid #B37800; color: #5a3b00;}
.byo-mark.st-added {background: #cdeee2; border: 1px solid #009E73; color: #00513b;}
.byo-mark.st-rejected {background: #fff; border: 1px dotted #b2182b; color: #b2182b; text-decoration: line-through;}
.byo-mark.st-rereview {background: #fde0ef; border: 2px solid #c51b7d; color: #5c0a3a;}
.byo-mark.sel {outline: 3px solid #D55E00; outline-offset: 2px; box-shadow: 0 0 0 5px rgba(213, 94, 0, 0.25);}
.byo-legend {display: flex; flex-wrap: wrap; gap: 0.4rem; margin-bottom: 0.4rem; font-size: 0.85rem;}
.byo-legend span {border-radius: 4px; padding: 0 6px;}
"""

JS = """
export default function(component) {
  const { data, setTriggerValue, parentElement } = component;
  if (!data) { return; }
  let root = parentElement.querySelector('.byo-root');
  if (!root) {
    root = document.createElement('div');
    root.className = 'byo-root';
    parentElement.appendChild(root);
  }
  const starts = new WeakMap();  // text node -> its code-point start in the Python string
  const sig = data.doc + '|' + data.version;
  let box = root.querySelector('.byo-text');
  if (root.getAttribute('data-sig') !== sig) {
    while (root.firstChild) { root.removeChild(root.firstChild); }
    const legend = document.createElement('div');
    legend.className = 'byo-legend';
    for (const [state, label] of data.legend) {
      const s = document.createElement('span');
      s.className = 'byo-mark st-' + state;
      s.textContent = label;
      legend.appendChild(s);
    }
    root.appendChild(legend);
    box = document.createElement('div');
    box.className = 'byo-text';
    box.setAttribute('data-testid', 'byo-text');
    box.setAttribute('lang', 'zh');
    for (const seg of data.segments) {
      const node = document.createTextNode(seg.t);
      starts.set(node, seg.s);
      if (seg.id) {
        const m = document.createElement('mark');
        m.className = 'byo-mark st-' + seg.state;
        m.setAttribute('data-fact', seg.id);
        m.setAttribute('data-start', String(seg.s));
        m.setAttribute('data-state', seg.state);
        m.setAttribute('data-label', data.kinds[seg.kind] || seg.kind || '');
        m.setAttribute('title', (data.kinds[seg.kind] || seg.kind || '') + ' · ' + (data.states[seg.state] || seg.state));
        m.appendChild(node);
        m.addEventListener('click', (e) => { e.preventDefault(); setTriggerValue('clicked', seg.id); });
        box.appendChild(m);
      } else {
        box.appendChild(node);
      }
    }
    root.appendChild(box);
    root.setAttribute('data-sig', sig);
    root._starts = starts;
    box.addEventListener('mouseup', () => {
      const rootNode = box.getRootNode();
      const sel = rootNode.getSelection ? rootNode.getSelection() : window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) { return; }
      const r = sel.getRangeAt(0);
      const a = toCodePoint(root._starts, r.startContainer, r.startOffset);
      const b = toCodePoint(root._starts, r.endContainer, r.endOffset);
      if (a === null || b === null || b <= a) { return; }
      setTriggerValue('selection', { start: a, end: b, text: sel.toString() });
    });
  }
  // the selected fact: outlined and scrolled into view
  for (const m of box.querySelectorAll('mark.sel')) { m.classList.remove('sel'); }
  if (data.selected) {
    const m = box.querySelector('mark[data-fact="' + CSS.escape(data.selected) + '"]');
    if (m) {
      m.classList.add('sel');
      const top = m.offsetTop - box.offsetTop - box.clientHeight / 2;
      box.scrollTop = Math.max(0, top);
      m.scrollIntoView({ block: 'nearest' });
    }
  }
}

// UTF-16 offset inside a DOM position -> code-point offset in the Python string
function toCodePoint(starts, container, offset) {
  let node = container, off = offset;
  if (node.nodeType !== Node.TEXT_NODE) {
    // a position between children: the start of the child at `offset`, or the end of the one before
    if (offset < node.childNodes.length) { node = firstText(node.childNodes[offset]); off = 0; }
    else { node = lastText(node); off = node ? node.data.length : 0; }
  }
  if (!node || !starts.has(node)) { return null; }
  return starts.get(node) + Array.from(node.data.slice(0, off)).length;
}
function firstText(n) {
  if (!n) { return null; }
  if (n.nodeType === Node.TEXT_NODE) { return n; }
  for (const c of n.childNodes) { const t = firstText(c); if (t) { return t; } }
  return null;
}
function lastText(n) {
  if (!n) { return null; }
  if (n.nodeType === Node.TEXT_NODE) { return n; }
  for (let i = n.childNodes.length - 1; i >= 0; i--) { const t = lastText(n.childNodes[i]); if (t) { return t; } }
  return null;
}
"""

_renderer = None


def _component():
    global _renderer
    if _renderer is None:
        _renderer = st.components.v2.component("dashboard_byo_article", css=CSS, js=JS)
    return _renderer


def article_view(*, doc: str, version: str, segments: list[dict], selected: str | None, legend: list[tuple[str, str]],
                 kinds: dict[str, str], states: dict[str, str], key: str, on_clicked=None, on_selection=None):
    """Mount the article. ``version`` changes when the marks change (the DOM is rebuilt only then)."""
    return _component()(
        key=key,
        data={"doc": doc, "version": version, "segments": segments, "selected": selected or "", "legend": legend,
              "kinds": kinds, "states": states},
        on_clicked_change=on_clicked or (lambda: None),
        on_selection_change=on_selection or (lambda: None),
    )
