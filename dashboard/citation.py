"""CSV download of the facts shown on the Data page: a citation line, the column meanings, then the rows.

Comment lines start with '#', so pandas reads the file back with ``pd.read_csv(path, comment='#')``.
Written as UTF-8 with a BOM so that Excel opens the Chinese text correctly.
"""

from __future__ import annotations

import io

import pandas as pd

from dashboard.i18n import COLUMN_DOC, t


def citation_csv(view: pd.DataFrame, *, lang: str = "zh", date: str = "", filters: dict | None = None) -> bytes:
    buf = io.StringIO()
    buf.write("# " + t("citation", lang, date=date) + "\n")
    active = {k: v for k, v in (filters or {}).items() if v}
    if active:
        label = "筛选条件" if lang == "zh" else "Filters"
        buf.write(f"# {label}: " + "; ".join(f"{k}={'|'.join(v) if isinstance(v, list) else v}"
                                             for k, v in active.items()) + "\n")
    buf.write(f"# {'行数' if lang == 'zh' else 'Rows'}: {len(view)}\n")
    for col in view.columns:
        if col in COLUMN_DOC:
            buf.write(f"# {col}: {COLUMN_DOC[col][1 if lang == 'en' else 0]}\n")
    view.to_csv(buf, index=False, lineterminator="\n")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
