"""The briefing pack (dashboard/pack.py): the Pack model and its URL form, the East Asian font on every run,
and the PPTX and PDF read back — slide/page counts, a 2× picture per chart slide, Chinese titles as text, notes
with quotes, hyperlinked sources, Chinese text extractable from the PDF, the first page not blank and CJK glyphs
not drawn as boxes (pdftoppm). Rendering needs Debian chromium (kaleido) and poppler-utils (make system-deps)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from lxml import etree
from PIL import Image, ImageChops
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from dashboard import pack as P
from dashboard.data import parse_dataset
from dashboard.export import find_browser
from tests.conftest import FIXTURE_DATASET

needs_chromium = pytest.mark.skipif(find_browser() is None, reason="kaleido needs chromium (make system-deps)")
needs_poppler = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                   reason="pdftoppm (poppler-utils) missing (make system-deps)")


@pytest.fixture(scope="module")
def ds():
    return parse_dataset(FIXTURE_DATASET)


def three_charts(ds) -> P.Pack:
    """A progress chart, a fair comparison and a chart added as a built figure (as from any page)."""
    pack = P.Pack(title="湖北省数字经济简报")
    pack.add(P.ChartSpec("progress", {"region": "湖北省", "indicator": "base_stations_5g"}))
    pack.add(P.ChartSpec("fair", {"indicator": "digital_economy_scale", "measure": "index", "base": "2021",
                                  "regions": ["湖北省", "浙江省", "广东省", "河北省"]}))
    quad = P.build_quadrant(ds, "digital_economy_scale")
    pack.add(P.ChartSpec("figure", figure=quad.fig.to_dict(), fact_ids=quad.fact_ids))
    return pack


# ---------------------------------------------------------------------------------------------------------
# the model
def test_pack_add_move_remove_retitle():
    pack = P.Pack()
    a = P.ChartSpec("progress", {"region": "湖北省", "indicator": "x"})
    b = P.ChartSpec("quadrant", {"indicator": "x"})
    c = P.ChartSpec("targets", {"indicator": "x"})
    assert pack.add(a) and pack.add(b) and pack.add(c)
    assert not pack.add(P.ChartSpec("progress", {"indicator": "x", "region": "湖北省"}))  # same chart
    pack.move(2, -1)
    assert [s.view for s in pack.items] == ["progress", "targets", "quadrant"]
    pack.move(0, -1)  # already first: unchanged
    assert pack.items[0].view == "progress"
    pack.retitle(1, "  各地区目标  ")
    assert pack.items[1].title == "各地区目标"
    pack.remove(0)
    assert [s.view for s in pack.items] == ["targets", "quadrant"]


def test_pack_url_round_trip_keeps_order_and_titles():
    pack = P.Pack(title="简报", items=[P.ChartSpec("quadrant", {"indicator": "x", "log": True}, "规模与增速"),
                                      P.ChartSpec("figure", figure={"data": []}, fact_ids=["f1"]),
                                      P.ChartSpec("progress", {"region": "湖北省", "indicator": "y"})])
    back = P.Pack.from_param(pack.to_param())
    assert back.title == "简报"
    assert [(s.view, s.params, s.title) for s in back.items] == [
        ("quadrant", {"indicator": "x", "log": True}, "规模与增速"), ("progress", {"region": "湖北省", "indicator": "y"}, "")]
    assert P.Pack.from_param("not base64 !!").items == []
    assert P.Pack.from_dict(pack.to_dict()).items[1].fact_ids == ["f1"]


def test_set_ea_font_keeps_schema_order():
    xml = ('<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
           '<a:r><a:rPr lang="zh-CN"><a:latin typeface="Arial"/><a:hlinkClick xmlns:r="urn:r" r:id="rId1"/></a:rPr>'
           '<a:t>湖北</a:t></a:r><a:r><a:t>省</a:t></a:r></a:p>')
    root = etree.fromstring(xml)
    assert P.set_ea_font(root, "Noto Sans CJK SC") == 2
    first = [etree.QName(c).localname for c in root.find(qn("a:r")).find(qn("a:rPr"))]
    assert first == ["latin", "ea", "hlinkClick"]  # CT_TextCharacterProperties: latin, ea, cs, sym, hlinkClick
    assert all(r.find(qn("a:rPr")).find(qn("a:ea")).get("typeface") == "Noto Sans CJK SC" for r in root.iter(qn("a:r")))


def test_builders_say_what_they_plot(ds):
    b = P.build_progress(ds, "湖北省", "base_stations_5g")
    assert b.title == "湖北省·5G基站：目标进度"
    kinds = ds.facts.set_index("fact_id").loc[b.fact_ids, "kind"].astype(str).tolist()
    assert kinds[0] == "target" and kinds.count("actual") == 2  # the target and the two actuals it is judged on
    assert "来源" in b.source and "单位：个" in b.subtitle
    assert P.build_progress(ds, "海南省", "base_stations_5g") is None  # no target there
    fair = P.build_fair(ds, "digital_economy_scale", "per_capita", regions=["湖北省", "浙江省"])
    # the fixture has no population: both regions are named as missing, no bar is drawn
    message = [a.text for a in fair.fig.layout.annotations if a.name == "no_data"]
    assert message and "湖北省" in message[0] and "浙江省" in message[0] and "人口" in message[0]
    assert len(fair.fig.data) == 0
    index = P.build_fair(ds, "digital_economy_scale", "index", regions=["湖北省", "海南省"], base="2021")
    assert list(index.fig.data[0].text) == ["无数据", "119.0"]  # 海南省 has no 2021 value to index on


# ---------------------------------------------------------------------------------------------------------
# PPTX
@pytest.fixture(scope="module")
def pptx_doc(ds):
    if find_browser() is None:
        pytest.skip("kaleido needs chromium (make system-deps)")
    return Presentation(io.BytesIO(P.to_pptx(ds, three_charts(ds))))


def _runs(shapes):
    for shape in shapes:
        if shape.has_text_frame:
            for para in shape.text_frame.paragraphs:
                yield from para.runs


@needs_chromium
def test_pptx_slides_pictures_titles(ds, pptx_doc):
    prs = pptx_doc
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    slides = list(prs.slides)
    assert len(slides) == 1 + 3 + 1  # title, three charts, sources
    assert slides[0].shapes.title.text == "湖北省数字经济简报"
    assert [s.slide_layout.name for s in slides] == ["Title Slide"] + ["Title Only"] * 4  # the template's layouts
    titles = [s.shapes.title.text for s in slides[1:4]]
    assert titles == ["湖北省·5G基站：目标进度", "数字经济规模：指数（基期=100）", "数字经济规模：规模与增速"]
    for slide in slides[1:4]:
        pics = [sh for sh in slide.shapes if sh.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pics) == 1
        img = Image.open(io.BytesIO(pics[0].image.blob))
        assert img.width >= 2 * P.IMAGE_WIDTH  # 2× PNG
        assert pics[0].left >= 0 and pics[0].left + pics[0].width <= prs.slide_width
        assert pics[0].top + pics[0].height <= prs.slide_height
        title = slide.shapes.title
        [source] = [sh for sh in slide.shapes if sh.has_text_frame and sh != title]
        assert pics[0].top >= title.top + title.height  # nothing overlaps: title band, chart, source line
        assert pics[0].top + pics[0].height <= source.top
    assert slides[4].shapes.title.text == "资料来源"


@needs_chromium
def test_pptx_east_asian_font_on_every_run(pptx_doc):
    n = 0
    for slide in pptx_doc.slides:
        parts = [slide.shapes] + ([slide.notes_slide.shapes] if slide.has_notes_slide else [])
        for shapes in parts:
            for run in _runs(shapes):
                ea = run._r.find(qn("a:rPr")).find(qn("a:ea"))
                assert ea is not None and ea.get("typeface") == P.EA_FONT, run.text
                n += 1
    assert n > 10


@needs_chromium
def test_pptx_notes_quotes_and_linked_sources(ds, pptx_doc):
    slides = list(pptx_doc.slides)
    notes = slides[1].notes_slide.notes_text_frame.text
    facts = ds.facts.set_index("fact_id")
    b = P.build_progress(ds, "湖北省", "base_stations_5g")
    for fid in b.fact_ids:
        assert fid in notes and str(facts.loc[fid, "quote"]) in notes  # every plotted value: quote and fact id
    assert "湖北：数字经济跑出加速度" in notes  # the article
    links = [r.hyperlink.address for s in slides[1:] for r in _runs(s.shapes) if r.hyperlink.address]
    assert "https://example.com/roundup" in links  # the roundup article has a URL in the fixture metadata
    boxes = [sh.text_frame.text for sh in slides[2].shapes if sh.has_text_frame and sh != slides[2].shapes.title]
    assert len(boxes) == 1 and boxes[0].startswith("来源：") and "中国电子报（测试样例）" in boxes[0]


# ---------------------------------------------------------------------------------------------------------
# PDF
@pytest.fixture(scope="module")
def pdf_bytes(ds):
    if find_browser() is None:
        pytest.skip("kaleido needs chromium (make system-deps)")
    return P.to_pdf(ds, three_charts(ds))


def _rasterise(pdf: bytes, tmp_path, page: int = 1) -> Image.Image:
    src = tmp_path / "in.pdf"
    src.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(page), "-l", str(page), "-png", str(src), str(tmp_path / "p")],
                   check=True, timeout=60)
    return Image.open(next(tmp_path.glob("p-*.png"))).convert("L")


@needs_chromium
def test_pdf_pages_and_chinese_text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == 1 + 3 + 1
    text = [p.extract_text() for p in reader.pages]
    assert "湖北省数字经济简报" in text[0]
    assert "目标进度" in text[1] and "来源" in text[1]
    assert "规模与增速" in text[3]
    assert "资料来源" in text[4] and "多省份晒出数字经济成绩单" in text[4]
    uris = [a.get_object().get("/A", {}).get("/URI") for p in reader.pages for a in p.get("/Annots") or []]
    assert "https://example.com/roundup" in uris  # the sources page links the article


@needs_chromium
@needs_poppler
def test_pdf_first_page_not_blank(pdf_bytes, tmp_path):
    img = _rasterise(pdf_bytes, tmp_path)
    dark = sum(1 for px in img.get_flattened_data() if px < 128)
    assert dark > 500, "the title page rasterises to (nearly) blank"


@needs_chromium
@needs_poppler
def test_pdf_cjk_glyphs_are_not_boxes(tmp_path):
    """With no CJK font, every character is drawn as the same box: two different strings of the same length
    would then rasterise identically."""
    pages = []
    for i, text in enumerate(["数字经济规模", "工业互联网站"]):
        fig = P._text_page([(text, 40, "#000000", "")])
        d = tmp_path / str(i)
        d.mkdir()
        pages.append(_rasterise(P._render(fig, "pdf", 600, 200), d))
    assert ImageChops.difference(pages[0], pages[1]).getbbox() is not None


# ---------------------------------------------------------------------------------------------------------
# command line
@needs_chromium
def test_cli_region_pptx(tmp_path, ds):
    out = tmp_path / "brief.pptx"
    assert P.main(["--region", "湖北省", "-o", str(out), "--data-dir", str(FIXTURE_DATASET)]) == 0
    inds = set(ds.facts.loc[(ds.facts["region"] == "湖北省") & (ds.facts["kind"] == "actual"), "indicator"].astype(str))
    prs = Presentation(str(out))
    assert len(prs.slides) == 1 + len(inds) + 1  # one slide per indicator with data


@needs_chromium
def test_cli_indicator_pdf(tmp_path):
    out = tmp_path / "brief.pdf"
    rc = P.main(["--indicator", "base_stations_5g", "--regions", "湖北省,河北省", "-o", str(out),
                 "--data-dir", str(FIXTURE_DATASET)])
    assert rc == 0
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 4 and "5G" in reader.pages[1].extract_text() + reader.pages[2].extract_text()


def test_cli_rejects_unknown_suffix_and_region(tmp_path, capsys):
    with pytest.raises(SystemExit):
        P.main(["--region", "湖北省", "-o", str(tmp_path / "brief.docx")])
    assert P.main(["--region", "火星", "-o", str(tmp_path / "b.pptx"), "--data-dir", str(FIXTURE_DATASET)]) == 2
    assert "火星" in capsys.readouterr().err
