"""Recognition: cropped text lines in, text and confidence out (RapidOCR's PP-OCR
recogniser on ONNX Runtime, one thread; the models ship in its wheel).

A reading made of digits and what OCR takes for them is decoded again among the characters
a value cell prints; a value reading that stays unsure becomes `UNSURE` (`cell_text`).
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from typing import Any

from .errors import MissingDependency
from .values import UNSURE, is_value_token

# Below this a value cell's reading is no reading. Above it, the pipeline still asks more of
# a cell no identity can confirm (`pipeline/recover/ocr.py`).
MIN_CONFIDENCE = 0.5
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGITISH = re.compile(r"^[\d.,，。．+\-－oOlI|]+$")  # digits and the letters OCR takes for them


@functools.cache
def _engine() -> Any:
    # ONNX Runtime's telemetry would write a device id and an event store under ~/.cache
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise MissingDependency("scanned: no text layer, and OCR is not installed "
                                "(pip install 'ogi-reports[ocr]'; Python < 3.13)") from None
    engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1)
    # crops are padded to the batch's widest, not to 320 px: a lone digit costs a digit's time
    engine.text_rec.rec_image_shape = [3, 48, 48]
    return engine


def recognise(crops: list[Any]) -> list[tuple[str, float]]:
    """Each crop's text and confidence, in batches of the recogniser (crops of like widths
    together, as RapidOCR batches them).

    A reading made only of digits and what OCR takes for them (`o`, `O`, `l`, `。`) is read
    again among the characters a value cell prints: a lone `0` is `o` to a recogniser that
    sees no context, and within a value cell it cannot be one. Its confidence is then the
    least of its characters' probabilities within that set, and nothing where the
    recogniser gave that set little weight."""
    import numpy as np

    if not crops:
        return []
    rec = _engine().text_rec
    chars = rec.postprocess_op.character
    allowed = _value_indices(tuple(chars))
    order = np.argsort([c.shape[1] / c.shape[0] for c in crops])
    out: list[tuple[str, float]] = [("", 0.0)] * len(crops)
    for start in range(0, len(crops), BATCH):
        batch = [int(i) for i in order[start:start + BATCH]]
        ratio = max([1.0] + [crops[i].shape[1] / crops[i].shape[0] for i in batch])
        norm = np.stack([rec.resize_norm_img(crops[i], ratio) for i in batch]).astype(np.float32)
        probs = rec.session(norm)[0]
        for i, p in zip(batch, probs):
            out[i] = _decode(p, chars, allowed)
    return out


BATCH = 8
_VALUE_CHARS = "0123456789.,-+/%"


@functools.cache
def _value_indices(chars: tuple[str, ...]) -> Any:
    import numpy as np

    return np.array([0] + [i for i, c in enumerate(chars) if c in _VALUE_CHARS], dtype=np.int64)


def _collapse(best: Any, probs: Any, chars: Any) -> tuple[str, list[float]]:
    text, kept, last = [], [], 0
    for idx, pr in zip(best, probs):
        idx = int(idx)
        if idx != 0 and idx != last:
            text.append(chars[idx])
            kept.append(float(pr))
        last = idx
    return "".join(text), kept


def _decode(p: Any, chars: Any, allowed: Any) -> tuple[str, float]:
    """One crop's CTC output (time x characters) as text and confidence."""
    import numpy as np

    text, kept = _collapse(p.argmax(axis=1), p.max(axis=1), chars)
    free = unicodedata.normalize("NFKC", text).strip()
    if not free or not _DIGITISH.match(free.replace(" ", "")):
        return free, (sum(kept) / len(kept) if kept else 0.0)
    sub = p[:, allowed]
    mass = sub.sum(axis=1)
    best = sub.argmax(axis=1)
    share = sub[np.arange(len(sub)), best] / np.maximum(mass, 1e-9)
    digits, kept = _collapse(allowed[best], share, chars)
    support = [float(m) for m, b in zip(mass, best) if b != 0]
    if not digits or not kept or min(support, default=0.0) < 0.2:
        return free, 0.0
    return digits, min(kept)


def cell_text(parts: list[tuple[str, float]]) -> tuple[str, float | None]:
    """A cell's text from its lines' readings, and its confidence (the least of its lines').

    A reading that looks like a number, recognised unsurely or with letters OCR takes for
    digits (`1O`), is `UNSURE`: its place is kept, its value not guessed."""
    if not parts:
        return "", None
    text = "".join(t for t, _ in parts)
    conf = min(s for _, s in parts)
    compact = re.sub(r"\s+", "", text)
    if _DIGITISH.match(compact) and any(ch.isdigit() for ch in compact):
        if conf < MIN_CONFIDENCE or not is_value_token(compact):
            return UNSURE, conf
        return compact, conf
    if not compact:
        return UNSURE, conf  # ink that reads as nothing
    if not _CJK.search(compact) and not is_value_token(compact):
        return UNSURE, conf  # no word of a label, and no value: a smudge read as letters (`2L7`, `X`)
    return text, conf
