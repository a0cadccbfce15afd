"""Reading articles and their sidecars from disk, refusing what is not a Chinese news article.

Every refusal is an ``ArticleError`` whose message is one line, so the CLI can print it next to the
file name and carry on with the other articles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # a news article is tens of kB; 8 MB is a dump, not an article
MIN_CJK_SHARE = 0.2  # share of CJK among letters below which a text is not Chinese prose
_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LETTER = re.compile(r"[^\W\d_]")
_HTML_TAG = re.compile(r"<(?:!DOCTYPE|html|head|body|div|p|span|script|meta|table)\b", re.I)


class ArticleError(Exception):
    """An article or sidecar that cannot be processed; the message is one line."""


@dataclass(frozen=True)
class ArticleMeta:
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD as given
    title: str = ""
    source: str = ""
    url: str = ""

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date[:4].isdigit() else None

    @property
    def month(self) -> int | None:
        return int(self.date[5:7]) if len(self.date) >= 7 and self.date[5:7].isdigit() else None


def decode_article(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 or GB18030; return (text, encoding). Mixed files are decoded line by line."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            pass
    # Mixed encodings (pieces pasted from different sources): decide per line, keeping line breaks.
    lines = []
    for line in raw.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("gb18030", errors="replace"))
    return "\n".join(lines), "mixed"


def check_article_text(text: str) -> None:
    """Raise ArticleError if the decoded text is not Chinese prose we can extract from."""
    if not text.strip():
        raise ArticleError("empty article")
    sample = text[:200_000]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\n\r\t\f")
    if "\x00" in sample or controls > len(sample) * 0.01:
        raise ArticleError("binary file, not text")
    cjk = len(_CJK.findall(sample))
    letters = len(_LETTER.findall(sample))
    if cjk == 0 or cjk < MIN_CJK_SHARE * letters:
        raise ArticleError("not Chinese text (too few Chinese characters)")


def read_article_text(path: Path) -> str:
    """The article as a str; offsets in the facts table index this string."""
    return read_article(path)[0]


def read_article(path: Path) -> tuple[str, str]:
    """(text, encoding) of an article: utf-8, gb18030 or mixed."""
    path = Path(path)
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"too large for one article ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)")
    text, encoding = decode_article(path.read_bytes())
    check_article_text(text)
    return text, encoding


def looks_like_html(text: str) -> bool:
    return len(_HTML_TAG.findall(text[:5000])) >= 2


_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def normalise_date(value) -> str:
    """Sidecar dates may be YAML dates or strings: YYYY, YYYY-MM, YYYY-MM-DD. Anything else is an error."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, int) and 1900 <= value <= 2100:
        return str(value)
    m = _DATE.match(str(value).strip()) if value is not None else None
    if not m:
        raise ArticleError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m[1]), m[2], m[3]
    if not 1900 <= year <= 2100:
        raise ArticleError(f"date {value!r} has an implausible year")
    if month is None:
        return f"{year:04d}"
    if not 1 <= int(month) <= 12:
        raise ArticleError(f"date {value!r} has no such month")
    if day is None:
        return f"{year:04d}-{int(month):02d}"
    try:
        return dt.date(year, int(month), int(day)).isoformat()
    except ValueError as exc:
        raise ArticleError(f"date {value!r} is not a calendar date") from exc


def read_sidecar(path: Path) -> ArticleMeta:
    """Read ``<stem>.yaml`` with safe loading only; tags such as !!python/object are refused."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise ArticleError(f"line {line}: refused YAML tag ({exc.problem}); sidecars are plain data") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ArticleError(f"{where}malformed YAML ({getattr(exc, 'problem', None) or exc})") from None
    except UnicodeDecodeError:
        raise ArticleError("sidecar is not UTF-8") from None
    if doc is None:
        return ArticleMeta()
    if not isinstance(doc, dict):
        raise ArticleError("sidecar must be a mapping with date/title/source/url")
    date = normalise_date(doc["date"]) if doc.get("date") not in (None, "") else ""
    return ArticleMeta(
        date=date,
        title=str(doc.get("title") or ""),
        source=str(doc.get("source") or ""),
        url=str(doc.get("url") or ""),
    )


@dataclass(frozen=True)
class LoadedArticle:
    text: str
    meta: ArticleMeta
    html: bool
    notes: tuple[str, ...]  # one line each, for stderr
    bad_sidecar: bool  # the sidecar could not be read; the date is inferred from the text


def load_article(path: Path) -> LoadedArticle:
    """One article file and its sidecar; raises ArticleError if the article cannot be read.

    A bad sidecar is a note, not a failure: the article date is then inferred from the text.
    """
    notes: list[str] = []
    meta = ArticleMeta()
    bad_sidecar = False
    sidecar = path.with_suffix(".yaml")
    if sidecar.exists():
        try:
            meta = read_sidecar(sidecar)
        except ArticleError as exc:
            notes.append(f"{sidecar}: {exc}; article date inferred from the text instead")
            bad_sidecar = True
    try:
        text, encoding = read_article(path)
    except OSError as exc:
        raise ArticleError(f"cannot read ({exc.strerror})") from None
    if encoding == "gb18030":
        notes.append(f"{path}: note: read as GB18030")
    elif encoding == "mixed":
        notes.append(f"{path}: warning: mixed encodings; lines that are not UTF-8 were read as GB18030")
    html = looks_like_html(text)
    if html:
        notes.append(f"{path}: note: HTML page; tags and scripts ignored, offsets index the raw file")
    return LoadedArticle(text, meta, html, tuple(notes), bad_sidecar)
