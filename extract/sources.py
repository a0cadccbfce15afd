"""Article records from an archive: a folder tree of articles with sidecars, JSONL files, or Parquet files.

Every source is cut into small, picklable *units* (one article file; a byte range of a JSONL file; one row
group of a Parquet file). ``units()`` runs where the job starts and only lists files and reads Parquet
footers; ``read_unit(unit)`` runs wherever the work runs (a local worker process or a Spark executor) and
yields ``Record``s. So no article text passes through the process that plans the work, and a large JSONL or
Parquet file is read by several workers at once.

A bad record (empty, binary, not Chinese, too large, undecodable, a malformed JSON line, a missing text
column or value, an unreadable file) becomes a ``Record`` with ``error`` set: it is reported with its reason
and skipped, and never raises. The checks are those of ``extract.textio``, shared with the folder CLI.

Paths may be local paths or any URI that ``pyarrow.fs`` understands (``hdfs://``, ``s3://``, ``gs://``),
which is what a cluster needs: every executor opens its own units.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath, PurePosixPath

from extract.textio import (
    MAX_ARTICLE_BYTES,
    ArticleError,
    ArticleMeta,
    check_article_text,
    decode_article,
    normalise_date,
    read_sidecar,
)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".parq")
FORMATS = ("auto", "articles", "jsonl", "parquet")
MAX_LINE_BYTES = 50 * 1024 * 1024  # a JSONL line longer than this is not one article: skipped unread
SPLIT_BYTES = 8 * 1024 * 1024  # JSONL files are cut into byte ranges of this size (a few seconds of work each)
PARQUET_BATCH_ROWS = 256


@dataclass(frozen=True)
class Columns:
    """Which record field holds what (``--text-col`` …). Only ``text`` is required."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    title: str = "title"
    source: str = "source"
    url: str = "url"

    def names(self) -> list[str]:
        return [self.id, self.text, self.date, self.title, self.source, self.url]


@dataclass
class Record:
    """One article to extract, or the reason it cannot be (``error``)."""

    doc: str  # the facts' ``doc`` (and part of each ``fact_id``)
    origin: str  # how messages name the record: a path, or "archive.jsonl at byte 1234 (id 42)"
    text: str | None = None
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    messages: list[str] = field(default_factory=list)  # notes and warnings found while reading, one line each
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where, reason) that make the run fail
    error: str | None = None  # why the record is skipped; None when it can be extracted
    size: int = 0  # bytes read for this record


# ---- file systems ------------------------------------------------------------------------------------------

def _fs(uri: str):
    """(pyarrow FileSystem, path inside it) for a local path or a URI."""
    from pyarrow import fs as pafs

    if "://" not in uri:
        return pafs.LocalFileSystem(), os.path.abspath(uri)
    return pafs.FileSystem.from_uri(uri)


def _join(root: str, path: str) -> str:
    """The path ``path`` (inside root's file system) as a path or URI that ``_fs`` opens again."""
    if "://" not in root:
        return path
    scheme, rest = root.split("://", 1)
    netloc = rest.split("/", 1)[0] if not rest.startswith("/") else ""
    return f"{scheme}://{netloc}/{path.lstrip('/')}" if netloc else f"{scheme}://{path}"


def _list_files(uri: str) -> list[tuple[str, int]]:
    """(path, size) of every file under a folder (recursive), sorted; hidden and Spark marker files skipped."""
    from pyarrow import fs as pafs

    fs, base = _fs(uri)
    infos = fs.get_file_info(pafs.FileSelector(base, recursive=True))
    out = []
    for info in infos:
        if info.type != pafs.FileType.File:
            continue
        rel = PurePosixPath(info.path).relative_to(PurePosixPath(base)).parts
        if any(part.startswith((".", "_")) for part in rel):
            continue
        out.append((info.path, info.size))
    return sorted(out, key=lambda x: PurePosixPath(x[0]).relative_to(PurePosixPath(base)).parts)


def _is_dir(uri: str) -> bool:
    from pyarrow import fs as pafs

    fs, path = _fs(uri)
    return fs.get_file_info(path).type == pafs.FileType.Directory


def _exists(uri: str) -> bool:
    from pyarrow import fs as pafs

    fs, path = _fs(uri)
    return fs.get_file_info(path).type != pafs.FileType.NotFound


# ---- sources -----------------------------------------------------------------------------------------------

class SourceError(Exception):
    """The source as a whole cannot be read (no such folder, unknown format); the message is one line."""


def detect_format(uri: str) -> str:
    """articles | jsonl | parquet, from a file's suffix or, for a folder, the files it holds."""
    if not _exists(uri):
        raise SourceError(f"{uri}: no such file or folder")
    if not _is_dir(uri):
        low = uri.lower()
        if low.endswith(JSONL_SUFFIXES):
            return "jsonl"
        if low.endswith(PARQUET_SUFFIXES):
            return "parquet"
        raise SourceError(f"{uri}: not a folder of articles, a JSONL file or a Parquet file")
    names = [p.lower() for p, _ in _list_files(uri)]
    if any(n.endswith(PARQUET_SUFFIXES) for n in names):
        return "parquet"
    if any(n.endswith(JSONL_SUFFIXES) for n in names):
        return "jsonl"
    return "articles"


@dataclass(frozen=True)
class Source:
    """A readable archive. Picklable: Spark ships it to the executors with the units."""

    uri: str
    format: str  # articles | jsonl | parquet
    columns: Columns = Columns()
    display: str = ""  # the source as the user typed it; messages name files under it

    def units(self) -> tuple[list[tuple], list[Record]]:
        """(work units, records for files that could not even be planned, e.g. a Parquet file without footer)."""
        return {"articles": self._article_units, "jsonl": self._jsonl_units,
                "parquet": self._parquet_units}[self.format]()

    def read_unit(self, unit: tuple) -> Iterator[Record]:
        kind = unit[0]
        try:
            if kind == "article":
                yield self._read_article(unit)
            elif kind == "jsonl":
                yield from self._read_jsonl(unit)
            elif kind == "parquet":
                yield from self._read_parquet(unit)
            else:
                raise ValueError(f"unknown unit {kind!r}")
        except Exception as exc:  # noqa: BLE001 - an unreadable file is one bad record, never a crashed job
            where = self._show(unit[1])
            yield Record(doc=PurePosixPath(unit[1]).name, origin=where,
                         error=f"cannot read ({type(exc).__name__}: {exc})")

    # -- naming --
    def _show(self, path: str) -> str:
        """A file as messages name it: under the source as typed (``data/articles/x.txt``), like the old CLI."""
        fs_root = _fs(self.uri)[1]
        shown = self.display or self.uri
        if path == fs_root:
            return shown
        try:
            rel = PurePosixPath(path).relative_to(PurePosixPath(fs_root))
        except ValueError:
            return path
        return str(PurePosixPath(shown) / rel) if "://" not in shown else f"{shown.rstrip('/')}/{rel}"

    def _doc_name(self, path: str) -> str:
        """The ``doc`` of an article file: its path relative to the source folder (the file name at top level)."""
        fs_root = _fs(self.uri)[1]
        try:
            rel = PurePosixPath(path).relative_to(PurePosixPath(fs_root))
        except ValueError:
            rel = PurePosixPath(path).name
        return str(rel) if str(rel) != "." else PurePosixPath(path).name

    # -- folder of articles --
    def _article_units(self):
        if not _is_dir(self.uri):
            raise SourceError(f"{self.display or self.uri}: not a folder of articles")
        files = _list_files(self.uri)
        names = {p for p, _ in files}
        units = []
        for path, size in files:
            if not path.lower().endswith(ARTICLE_SUFFIXES):
                continue
            sidecar = str(PurePosixPath(path).with_suffix(".yaml"))
            units.append(("article", path, sidecar if sidecar in names else None, size))
        return units, []

    def _read_article(self, unit) -> Record:
        _, path, sidecar, size = unit
        fs, _root = _fs(self.uri)
        shown = self._show(path)
        rec = Record(doc=self._doc_name(path), origin=shown, size=size)
        if sidecar is not None:
            try:
                rec.meta = _read_sidecar(fs, sidecar, self.uri)
            except ArticleError as exc:
                reason = f"{exc}; article date inferred from the text instead"
                rec.messages.append(f"{self._show(sidecar)}: {reason}")
                rec.problems.append((self._show(sidecar), reason))
        if size > MAX_ARTICLE_BYTES:
            rec.error = f"too large for one article ({size / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)"
            return rec
        try:
            with fs.open_input_file(path) as fh:
                raw = fh.read()
        except OSError as exc:
            rec.error = f"cannot read ({exc.strerror or exc})"
            return rec
        _set_text(rec, raw, shown)
        return rec

    # -- JSONL --
    def _data_files(self, suffixes) -> list[tuple[str, int]]:
        if _is_dir(self.uri):
            return [(p, s) for p, s in _list_files(self.uri) if p.lower().endswith(suffixes)]
        fs, path = _fs(self.uri)
        return [(path, fs.get_file_info(path).size)]

    def _jsonl_units(self):
        units = []
        for path, size in self._data_files(JSONL_SUFFIXES):
            start = 0
            while True:
                end = min(size, start + SPLIT_BYTES)
                units.append(("jsonl", path, start, end))
                if end >= size:
                    break
                start = end
        return units, []

    def _read_jsonl(self, unit) -> Iterator[Record]:
        """The lines that *start* in [start, end) (Hadoop's rule, so byte ranges split a file exactly)."""
        _, path, start, end = unit
        fs, _root = _fs(self.uri)
        shown = self._show(path)
        name = PurePosixPath(path).name
        with io.BufferedReader(fs.open_input_file(path), buffer_size=1 << 20) as fh:
            if start > 0:
                fh.seek(start - 1)
                _skip_line(fh)  # the line that started before us belongs to the previous range
            while True:
                pos = fh.tell()
                if pos >= end:
                    return
                line = fh.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                origin = f"{shown} at byte {pos}"
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    _skip_line(fh)
                    yield Record(doc=f"{name}#{pos}", origin=origin, size=fh.tell() - pos,
                                 error=f"record too large (line over {MAX_LINE_BYTES // (1024 * 1024)} MB)")
                    continue
                if pos == 0 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                body = line.rstrip(b"\r\n")
                if not body.strip():
                    continue  # blank line: not a record
                yield self._jsonl_record(body, name, pos, origin)

    def _jsonl_record(self, body: bytes, name: str, pos: int, origin: str) -> Record:
        doc = f"{name}#{pos}"
        try:
            line = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Record(doc=doc, origin=origin, size=len(body),
                          error=f"undecodable line (not UTF-8 at byte {exc.start} of the line)")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            return Record(doc=doc, origin=origin, size=len(body),
                          error=f"malformed JSON line ({exc.msg} at column {exc.colno})")
        if not isinstance(obj, dict):
            return Record(doc=doc, origin=origin, size=len(body), error="JSON line is not an object")
        return self._field_record(obj, doc, origin, len(body))

    # -- Parquet --
    def _parquet_units(self):
        import pyarrow.parquet as pq

        units, bad = [], []
        fs, _root = _fs(self.uri)
        for path, _size in self._data_files(PARQUET_SUFFIXES):
            try:
                with fs.open_input_file(path) as fh:
                    md = pq.ParquetFile(fh).metadata
                    groups = [md.row_group(i).num_rows for i in range(md.num_row_groups)]
            except Exception as exc:  # noqa: BLE001 - a broken file is reported, the others are read
                bad.append(Record(doc=PurePosixPath(path).name, origin=self._show(path),
                                  error=f"not a readable Parquet file ({type(exc).__name__}: {exc})"))
                continue
            row = 0
            for i, n in enumerate(groups):
                units.append(("parquet", path, i, row))
                row += n
        return units, bad

    def _read_parquet(self, unit) -> Iterator[Record]:
        import pyarrow.parquet as pq

        _, path, group, first_row = unit
        fs, _root = _fs(self.uri)
        shown = self._show(path)
        name = PurePosixPath(path).name
        with fs.open_input_file(path) as fh:
            pf = pq.ParquetFile(fh)
            present = set(pf.schema_arrow.names)
            if self.columns.text not in present:
                yield Record(doc=name, origin=f"{shown} row group {group}",
                             error=f"no text column {self.columns.text!r} (columns: {', '.join(sorted(present))})")
                return
            wanted = [c for c in dict.fromkeys(self.columns.names()) if c in present]
            row = first_row
            for batch in pf.iter_batches(batch_size=PARQUET_BATCH_ROWS, row_groups=[group], columns=wanted):
                for obj in batch.to_pylist():
                    doc = f"{name}#{row}"
                    yield self._field_record(obj, doc, f"{shown} row {row}", None)
                    row += 1

    # -- a record given as fields (JSONL object, Parquet row) --
    def _field_record(self, obj: dict, doc: str, origin: str, size: int | None) -> Record:
        c = self.columns
        ident = obj.get(c.id)
        if ident not in (None, ""):
            doc = str(ident)
            origin = f"{origin} (id {doc})"
        rec = Record(doc=doc, origin=origin, size=size or 0)
        meta = {}
        for key, col in (("title", c.title), ("source", c.source), ("url", c.url)):
            value = obj.get(col)
            meta[key] = "" if value is None else str(value)
        date = obj.get(c.date)
        if date not in (None, ""):
            try:
                meta["date"] = normalise_date(date)
            except ArticleError as exc:
                reason = f"{exc}; article date inferred from the text instead"
                rec.messages.append(f"{origin}: {reason}")
                rec.problems.append((origin, reason))
        rec.meta = ArticleMeta(**meta)
        text = obj.get(c.text)
        if c.text not in obj or text is None:
            rec.error = f"missing text (no value in column {c.text!r})"
            return rec
        if isinstance(text, bytes | bytearray):
            if size is None:
                rec.size = len(text)
            _set_text(rec, bytes(text), origin)
            return rec
        if not isinstance(text, str):
            rec.error = f"text is not a string ({type(text).__name__})"
            return rec
        nbytes = len(text.encode("utf-8", errors="surrogatepass"))
        if size is None:
            rec.size = nbytes
        if nbytes > MAX_ARTICLE_BYTES:
            rec.error = f"too large for one article ({nbytes / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)"
            return rec
        try:
            check_article_text(text)
        except ArticleError as exc:
            rec.error = str(exc)
            return rec
        rec.text = text
        return rec


def _skip_line(fh) -> None:
    while True:
        chunk = fh.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def _read_sidecar(fs, path: str, root_uri: str) -> ArticleMeta:
    if "://" not in root_uri:
        return read_sidecar(path)
    import tempfile

    with fs.open_input_file(path) as fh:
        data = fh.read()
    with tempfile.NamedTemporaryFile(suffix=".yaml") as tmp:  # textio reads sidecars from a path
        tmp.write(data)
        tmp.flush()
        return read_sidecar(tmp.name)


def _set_text(rec: Record, raw: bytes, shown: str) -> None:
    """Decode and check raw article bytes exactly as the folder CLI always did (textio)."""
    if len(raw) > MAX_ARTICLE_BYTES:
        rec.error = f"too large for one article ({len(raw) / 1e6:.1f} MB > {MAX_ARTICLE_BYTES / 1e6:.0f} MB)"
        return
    text, encoding = decode_article(raw)
    try:
        check_article_text(text)
    except ArticleError as exc:
        rec.error = str(exc)
        return
    if encoding == "gb18030":
        rec.messages.append(f"{shown}: note: read as GB18030")
    elif encoding == "mixed":
        rec.messages.append(f"{shown}: warning: mixed encodings; lines that are not UTF-8 were read as GB18030")
    rec.text = text


def open_source(source: str, fmt: str = "auto", columns: Columns | None = None) -> Source:
    """A ``Source`` for a folder, a file or a URI; ``fmt`` forces the format. Raises SourceError."""
    source = str(source)
    uri = source if "://" in source else os.path.abspath(source)
    if fmt not in FORMATS:
        raise SourceError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "auto":
        fmt = detect_format(uri)
    elif not _exists(uri):
        raise SourceError(f"{source}: no such file or folder")
    if fmt == "articles" and not _is_dir(uri):
        raise SourceError(f"{source}: not a folder of articles")
    display = source if "://" in source else str(PurePath(source))
    return Source(uri=uri, format=fmt, columns=columns or Columns(), display=display)
