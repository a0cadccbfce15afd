"""Generate the briefing-pack slide template, dashboard/templates/pack.pptx (run once; the file is committed).

    .venv/bin/python scripts/build_pack_template.py

Starts from python-pptx's default template and makes it a 16:9 deck (13.333 × 7.5 in):
- the layouts the pack uses are moved to the wide slide: "Title Slide" (title + subtitle) and "Title Only"
  (a title band at the top; the chart and the source line are placed below it by dashboard/pack.py);
- the theme's fonts name an East Asian typeface (``a:ea``) so that Chinese text in placeholders renders with
  a CJK font outside Windows PowerPoint too (LibreOffice, Keynote, WPS); dashboard/pack.py also sets it on
  every run, because python-pptx has no API for it;
- a thin accent rule under the title of "Title Only" and a small footer line on the master.

To change the look of the pack, edit this script (or the .pptx it writes, by hand in PowerPoint) and commit
the result: the pack code uses the layouts by name and reads the title position from the layout.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

OUT = Path(__file__).resolve().parent.parent / "dashboard" / "templates" / "pack.pptx"
EA_FONT = "Noto Sans CJK SC"
LATIN_FONT = "Noto Sans"
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in
MARGIN = Inches(0.5)
ACCENT = RGBColor(0x00, 0x72, 0xB2)


def _set_theme_fonts(prs: Presentation) -> None:
    master = prs.slide_masters[0]
    theme_part = next(rel.target_part for rel in master.part.rels.values() if rel.reltype.endswith("/theme"))
    theme = etree.fromstring(theme_part.blob)
    for tag in ("a:majorFont", "a:minorFont"):
        font = theme.find(f".//{qn(tag)}")
        font.find(qn("a:latin")).set("typeface", LATIN_FONT)
        font.find(qn("a:ea")).set("typeface", EA_FONT)
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _place(shape, left, top, width, height) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(left), Emu(top), Emu(width), Emu(height)


def main() -> None:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _set_theme_fonts(prs)
    inner = WIDTH - 2 * MARGIN
    master = prs.slide_masters[0]
    for ph in master.placeholders:
        idx = ph.placeholder_format.idx
        if idx == 0:
            _place(ph, MARGIN, Inches(0.3), inner, Inches(0.9))
        elif idx == 1:
            _place(ph, MARGIN, Inches(1.4), inner, Inches(5.3))
        elif idx in (10, 11, 12):
            w = inner // 3
            _place(ph, MARGIN + w * (idx - 10), Inches(7.0), w, Inches(0.35))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            idx = ph.placeholder_format.idx
            if layout.name == "Title Slide" and idx == 0:
                _place(ph, Inches(1.0), Inches(2.3), WIDTH - Inches(2.0), Inches(1.5))
            elif layout.name == "Title Slide" and idx == 1:
                _place(ph, Inches(1.0), Inches(4.0), WIDTH - Inches(2.0), Inches(1.2))
            elif idx == 0:
                _place(ph, MARGIN, Inches(0.25), inner, Inches(0.8))
            elif idx in (10, 11, 12):
                w = inner // 3
                _place(ph, MARGIN + w * (idx - 10), Inches(7.05), w, Inches(0.35))
            else:
                _place(ph, MARGIN, Inches(1.3), inner, Inches(5.4))
        if layout.name == "Title Only":
            title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
            title.text_frame.paragraphs[0].font.size = Pt(28)
            # layouts have no add_connector: draw the rule on a scratch slide and move its XML into the layout
            scratch = Presentation().slides.add_slide(Presentation().slide_layouts[6])
            line = scratch.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, MARGIN, Inches(1.1), WIDTH - MARGIN,
                                                Inches(1.1))
            line.line.color.rgb = ACCENT
            line.line.width = Pt(1.5)
            layout.shapes._spTree.append(copy.deepcopy(line._element))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    prs.save(OUT)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
