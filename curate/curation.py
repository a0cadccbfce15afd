"""Curation files: the reviewers' decisions about extracted facts, one YAML file per article.

``data/curation/<article stem>.yaml`` holds ``doc`` and a list of ``decisions`` (accept / reject / edit /
add; format in ``data/curation/README.md``). This module reads and checks them; it never writes them
(only ``curate.review`` appends to them, so re-extraction can never touch a decision).

Every problem becomes a ``CurationError`` whose text is one line, ``path:line: what is wrong``, so the
build can print it as is. YAML is loaded safely: a ``!!python/...`` tag is refused, never constructed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from curate.schema import ACTIONS, EDITABLE_COLUMNS, Add, CurationFile, error_message
from extract.textio import ArticleError, ArticleMeta, read_article_text, read_sidecar


class CurationError(Exception):
    """A problem in an input file. ``str()`` is one line: ``path:line: message``."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line = str(path), line
        self.message = " ".join(str(message).split())  # one line, whatever the cause said
        super().__init__(f"{self.path}:{line}: {self.message}" if line else f"{self.path}: {self.message}")


# ---- safe YAML with line numbers ----------------------------------------------------------------------


class _DataLoader(yaml.SafeLoader):
    """SafeLoader that keeps numbers, dates and booleans as the text written.

    YAML 1.1 would turn fact_id 012345 into an octal int, period 2022 into an int and initials NO into
    False; the pydantic models convert text to the declared types instead, so what a reviewer wrote is
    what gets checked. Python tags have no constructor here, so they fail instead of running code.
    """


def _as_written(loader: yaml.SafeLoader, node: ScalarNode) -> str:
    return loader.construct_scalar(node)


for _tag in ("bool", "int", "float", "timestamp"):
    _DataLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _as_written)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _check_duplicate_keys(node: Node, path: Path | str) -> None:
    # PyYAML keeps the last of two equal keys silently; in a decision that loses a reason or a value.
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                if key.value in seen:
                    raise CurationError(path, _line(key), f"duplicate key {key.value!r}")
                seen.add(key.value)
            _check_duplicate_keys(value, path)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, path)


def load_yaml_data(text: str, path: Path | str) -> tuple[Any, Node | None]:
    """Parse one YAML document safely; return the data and its node tree (for line numbers)."""
    loader = None
    try:
        loader = _DataLoader(text)  # the reader checks the characters here already
        root = loader.get_single_node()
        if root is None:
            return None, None
        _check_duplicate_keys(root, path)
        return loader.construct_document(root), root
    except yaml.constructor.ConstructorError as exc:
        raise _constructor_error(exc, path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "malformed"
        raise CurationError(path, mark.line + 1 if mark else None, f"invalid YAML: {what}") from None
    except yaml.reader.ReaderError as exc:  # a control character YAML does not allow
        line = text.count("\n", 0, exc.position) + 1
        raise CurationError(path, line, f"invalid YAML: character {exc.character!r} is not allowed") from None
    except yaml.YAMLError as exc:
        raise CurationError(path, None, f"invalid YAML: {exc}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _constructor_error(exc: yaml.constructor.ConstructorError, path: Path | str) -> CurationError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    tag = re.search(r"tag '([^']*)'", exc.problem or "")
    tag_text = tag.group(1).replace("tag:yaml.org,2002:", "!!") if tag else ""
    if "python/" in tag_text:
        return CurationError(path, line, f"refused Python tag {tag_text}: these files are data, "
                                         "loaded with safe YAML only; remove the tag")
    if tag_text:
        return CurationError(path, line, f"unknown YAML tag {tag_text}; use plain values")
    return CurationError(path, line, f"invalid YAML: {exc.problem}")


def _step(node: Node | None, part: Any) -> tuple[Node | None, int | None]:
    """Child of ``node`` addressed by one element of a pydantic error location, and its line."""
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        item = node.value[part]
        return item, _line(item)
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return value, _line(key)
        # an add's columns are written under `set`, but validated flat
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "set":
                return _step(value, part)
    return None, None


def line_of(root: Node | None, loc: tuple) -> int | None:
    """Best line for an error at ``loc``: the deepest element of the location that exists in the file.

    Parts that are not in the file (a missing field, the action tag pydantic inserts) are skipped, so a
    missing field points at its decision.
    """
    node, line = root, (_line(root) if root is not None else None)
    for part in loc:
        child, child_line = _step(node, part)
        if child is not None:
            node, line = child, child_line
    return line


# ---- decision files ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LoadedCuration:
    path: Path
    file: CurationFile
    lines: tuple[int, ...]  # line of each decision, parallel to file.decisions

    def error(self, index: int, message: str) -> CurationError:
        return CurationError(self.path, self.lines[index], message)


def _decision_label(data: Any, loc: tuple) -> str:
    """'decision 3 (reject 9b1c…)' for an error inside a decision, '' otherwise."""
    if len(loc) < 2 or loc[0] != "decisions" or not isinstance(loc[1], int):
        return ""
    label = f"decision {loc[1] + 1}"
    try:
        item = data["decisions"][loc[1]]
    except (KeyError, IndexError, TypeError):
        return label
    if isinstance(item, dict):
        what = " ".join(str(item[k]) for k in ("action", "fact_id") if isinstance(item.get(k), str))
        if what:
            label += f" ({what})"
    return label


def _field_name(loc: tuple) -> str:
    names = [p for p in loc[2:] if isinstance(p, str) and p not in ACTIONS]
    return ".".join(names)


def describe_validation_error(err: dict, data: Any) -> str:
    """One readable sentence for one pydantic error of a curation file."""
    loc, kind = tuple(err["loc"]), err["type"]
    label = _decision_label(data, loc)
    name = _field_name(loc) if label else ".".join(str(p) for p in loc)
    prefix = f"{label}: " if label else ""
    if kind == "union_tag_invalid":
        return f"{prefix}unknown action {err['ctx']['tag']!r} (use one of {', '.join(ACTIONS)})"
    if kind == "union_tag_not_found":
        return f"{prefix}no action (use one of {', '.join(ACTIONS)})"
    if kind == "missing" or (kind == "string_too_short" and name.endswith("reason")):
        return f"{prefix}a reason is required" if name.endswith("reason") else f"{prefix}missing {name!r}"
    if kind == "extra_forbidden":
        if name.startswith("set."):
            return f"{prefix}{name[4:]!r} cannot be set (editable: {', '.join(EDITABLE_COLUMNS)})"
        return f"{prefix}unknown field {name!r}"
    return f"{prefix}{name + ': ' if name else ''}{error_message(err)}"


def _first_error(exc: ValidationError, data: Any, root: Node | None, path: Path | str) -> CurationError:
    errors = sorted(exc.errors(), key=lambda e: line_of(root, tuple(e["loc"])) or 0)
    err = errors[0]
    return CurationError(path, line_of(root, tuple(err["loc"])), describe_validation_error(err, data))


def parse_curation_text(text: str, path: Path | str) -> LoadedCuration:
    """Check one curation file's text; raise CurationError on the first problem."""
    path = Path(path)
    data, root = load_yaml_data(text, path)
    if not isinstance(data, dict):
        raise CurationError(path, _line(root) if root is not None else None,
                            "expected a mapping with doc and decisions")
    try:
        parsed = CurationFile.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, data, root, path) from None
    if Path(parsed.doc).stem != path.stem:
        raise CurationError(path, line_of(root, ("doc",)),
                            f"doc {parsed.doc!r} does not match the file name (expected {path.stem}.<ext>)")
    lines = tuple(line_of(root, ("decisions", i)) or 0 for i in range(len(parsed.decisions)))
    loaded = LoadedCuration(path, parsed, lines)
    _check_unique_fact_ids([loaded])
    return loaded


def load_curation_file(path: Path | str) -> LoadedCuration:
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CurationError(path, None, f"not UTF-8 (bad byte at offset {exc.start})") from None
    except OSError as exc:
        raise CurationError(path, None, f"cannot be read ({exc.strerror})") from None
    return parse_curation_text(text, path)


# Files of the curation folder that are settings, not an article's decisions.
SETTINGS_FILES = ("preferences.yaml",)


def curation_files(directory: Path | str) -> list[Path]:
    """The decision files in ``directory``: ``*.yaml``, not hidden (editor and temp files are hidden), not
    the folder's settings (preferences.yaml)."""
    directory = Path(directory)
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.glob("*.yaml")
                  if not p.name.startswith(".") and p.name not in SETTINGS_FILES and p.is_file())


def load_curation_dir(directory: Path | str) -> list[LoadedCuration]:
    """All decision files, checked, with each fact_id decided at most once across them."""
    loaded = [load_curation_file(p) for p in curation_files(directory)]
    _check_unique_fact_ids(loaded)
    return loaded


def _check_unique_fact_ids(loaded: list[LoadedCuration]) -> None:
    seen: dict[str, tuple[LoadedCuration, int]] = {}
    for cur in loaded:
        for i, d in enumerate(cur.file.decisions):
            fact_id = getattr(d, "fact_id", None)
            if fact_id is None:
                continue
            if fact_id in seen:
                first, j = seen[fact_id]
                where = f"line {first.lines[j]}" if first.path == cur.path else f"{first.path}:{first.lines[j]}"
                raise cur.error(i, f"second decision for fact {fact_id} (first at {where}); keep one")
            seen[fact_id] = (cur, i)


# ---- articles -----------------------------------------------------------------------------------------


def read_article(path: Path | str) -> str:
    """The article text that fact offsets index, decoded exactly as the extractor decodes it.

    Problems (missing, undecodable, not an article) raise CurationError naming the file.
    """
    path = Path(path)
    try:
        return read_article_text(path)
    except FileNotFoundError:
        raise CurationError(path, None, "article not found") from None
    except OSError as exc:
        raise CurationError(path, None, f"cannot be read ({exc.strerror})") from None
    except ArticleError as exc:
        raise CurationError(path, None, str(exc)) from None


_DIGITS = re.compile(r"[0-9０-９]")
_POINTS = ".．"


def _glued_left(quote: str, i: int) -> bool:
    """True if quote[i] continues a number that starts before it (a digit or a decimal point)."""
    return i > 0 and (bool(_DIGITS.match(quote[i - 1])) or quote[i - 1] in _POINTS)


def _glued_right(quote: str, j: int) -> bool:
    """True if the number ending before quote[j] goes on (a digit, or a point followed by a digit)."""
    if j >= len(quote):
        return False
    if _DIGITS.match(quote[j]):
        return True
    return quote[j] in _POINTS and j + 1 < len(quote) and bool(_DIGITS.match(quote[j + 1]))


def _number_matches(quote: str, number: str) -> list[int]:
    """Start offsets of ``number`` in ``quote``, skipping matches inside a longer number.

    '35' must not match inside '7.35', nor '7' inside '7.35'; a magnitude after it (7.35万) is fine.
    Only numbers written with digits have edges to check; Chinese numerals (两万) match as they are.
    """
    hits, i = [], quote.find(number)
    while i != -1:
        j = i + len(number)
        left = bool(_DIGITS.match(number[0])) and _glued_left(quote, i)
        right = bool(_DIGITS.match(number[-1])) and _glued_right(quote, j)
        if not (left or right):
            hits.append(i)
        i = quote.find(number, i + 1)
    return hits


def locate_added(add: Add, text: str) -> tuple[int, int]:
    """Offsets of an added fact's number in the article: the quote's first occurrence, then the number.

    Raises ValueError with a reviewer-facing message when the quote or number cannot be placed.
    """
    q = text.find(add.quote)
    if q == -1:
        raise ValueError(f"quote not found in {add.doc}: {add.quote[:40]!r} (copy it verbatim from the article)")
    hits = _number_matches(add.quote, add.number)
    if not hits:
        raise ValueError(f"number {add.number!r} not found in the quote")
    if add.occurrence is None and len(hits) > 1:
        raise ValueError(f"number {add.number!r} occurs {len(hits)} times in the quote; "
                         f"add occurrence: 1..{len(hits)}")
    k = (add.occurrence or 1) - 1
    if k >= len(hits):
        raise ValueError(f"occurrence {add.occurrence} but {add.number!r} occurs {len(hits)} time(s) in the quote")
    start = q + hits[k]
    return start, start + len(add.number)


def added_fact_id(doc: str, start: int, end: int, label: str = "") -> str:
    """Stable id of an added fact: same doc and span give the same id, and never an extractor's id. A second
    fact added on one number (阜阳、宿州增速同为5.6%) adds the region and indicator it is about."""
    key = f"{doc}\x00{start}\x00{end}\x00add" + (f"\x00{label}" if label else "")
    return hashlib.sha1(key.encode()).hexdigest()[:12]


# ---- sidecars -----------------------------------------------------------------------------------------


def load_sidecar(path: Path | str) -> ArticleMeta | None:
    """An article's sidecar metadata (read by the extractor's own reader, so both agree), or None.

    Problems raise CurationError: the reader's "line N: ..." becomes "path:N: ...".
    """
    path = Path(path)
    if not path.is_file():
        return None
    try:
        return read_sidecar(path)
    except (ArticleError, OSError) as exc:
        m = re.match(r"line (\d+): (.*)", str(exc))
        if m:
            raise CurationError(path, int(m.group(1)), m.group(2)) from None
        raise CurationError(path, None, str(exc)) from None
