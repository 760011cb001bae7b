"""`python -m pipeline inspect FILE`: how one document was read, the way a maintainer asks.

The format found, the tables the extractor recovered, the national format chosen, then
every template row with the printed label it matched, the label score, the values
placed (or why not), the rows the document does not print, and the rows holding numbers
that fit no template row. The same recovery as a corpus run (`recover`), nothing cached.

Example:
    $ python -m pipeline inspect data/raw/henan/000_02079d63849b484b.txt
    file     data/raw/henan/000_02079d63849b484b.txt (text, 5,126 bytes, sha256 c9e55cb2…)
    status   ok
    ...
    applications.denied_third_party                100  4.保护第三方合法权益 -> 0 | 0 | 0 | 0 | 0 | 0 | 0
"""

from __future__ import annotations

from pathlib import Path

import extractors
from extractors import ExtractionError

from .recover import Match, Recovered, recover
from .templates import load_templates


def inspect(path: Path) -> str:
    """The report on one file as text (never raises for a bad document)."""
    try:
        identity = extractors.identify(path)
    except OSError as exc:
        return f"file     {path}\nerror    cannot read: {exc}"
    head = (f"file     {path} ({identity.format or 'unknown format'}, {identity.size:,} bytes, "
            f"sha256 {identity.sha256[:8]}…)")
    if identity.format is None:
        return f"{head}\nstatus   failed: {identity.error or 'unsupported format'}"
    try:
        doc = extractors.extract(path, identity.format)
    except ExtractionError as exc:
        return f"{head}\nstatus   failed: {exc}"
    rec = recover(doc)
    lines = [head, f"status   {rec.status.status}" + (f": {rec.status.error}" if rec.status.error else ""),
             f"title    {rec.metadata.title or '-'}",
             f"agency   {rec.metadata.agency or '-'}",
             f"year     {rec.metadata.year or '-'}",
             f"format   {rec.report_format or 'none national'}",
             f"tables   {len(doc.tables)} found by the {doc.format} extractor"
             + "".join(f"\n         #{i}: {t.n_rows} rows x {t.n_cols} columns"
                       + (f", page {t.page}" if t.page is not None else "")
                       + (" (flattened text)" if t.flattened else "")
                       for i, t in enumerate(doc.tables))]
    if doc.pages_ocr:
        sure = [f.confidence for f in rec.facts if f.confidence is not None]
        lines.append(f"ocr      {doc.pages_ocr} of {doc.n_pages} pages read by OCR, {doc.cells_unsure} cells "
                     f"unsure (left out); the values kept read at confidence "
                     + (f"{min(sure):.2f}-{max(sure):.2f}" if sure else "-"))
    if rec.report_format is not None:
        lines += ["", *_rows(rec)]
    return "\n".join(lines)


def _rows(rec: Recovered) -> list[str]:
    """One line per template row: matched label and score, values placed or why not."""
    template = load_templates()[rec.report_format or ""]
    by_row: dict[tuple[str, str], Match] = {}
    for match in rec.matches:
        by_row.setdefault((match.row.table, match.row.key), match)
    placed = {(f.key[0], f.key[1]) for f in rec.facts}
    out = [f"{'template row':44} {'score':>5}  printed label -> values"]
    for trow in template.rows:
        name = f"{trow.table}.{trow.key}"
        m = by_row.get((trow.table, trow.key))
        if m is None:
            if (trow.table, trow.key) in placed:  # its cells came from the review table's one wide row
                out.append(f"{name:44} {'':>5}  (read from the wide row above)")
            elif trow.kind != "sink":  # an undivided row printed instead of its leaves: absent is normal
                out.append(f"{name:44} {'':>5}  (not printed)")
            continue
        label = " ".join(m.raw.labels)
        label = label if len(label) <= 30 else label[:29] + "…"
        if m.values is None or trow.kind == "sink":
            why = (f"not placed: {m.raw.n_values} values for {trow.n_values} columns"
                   if trow.kind != "sink" else f"reported: {trow.note.split(':')[0]}")
            out.append(f"{name:44} {m.score:5.0f}  {label} -> {why}")
            continue
        values = " | ".join("?" if v is None else (v or "·") for v in m.values)
        kept = (trow.table, trow.key) in placed or (trow.kind == "wide" and any(t == trow.table for t, _ in placed))
        note = "" if kept or not trow.cells else " (not kept: an earlier row)"
        out.append(f"{name:44} {m.score:5.0f}  {label} -> {values}{note}")
    if rec.stray:
        out += ["", "rows with numbers that fit no template row:", *(f"  {s}" for s in rec.stray)]
    out += ["", "values: · a blank cell, ? a cell left open (0 or blank: the text does not say)"]
    return out
