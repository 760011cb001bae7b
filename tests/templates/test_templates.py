"""The national formats as data: every contract key is declared, variants point at real keys."""

from __future__ import annotations

import csv
from pathlib import Path

import pipeline
from pipeline.templates import load_templates, normalise

FORMATS_DIR = Path(pipeline.__file__).parent / "templates"


def _csv(name: str) -> list[dict[str, str]]:
    with open(FORMATS_DIR / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_contract_key_is_in_a_template_exactly_once() -> None:
    templates = load_templates()
    for fmt in ("2021", "2019"):
        keys = [(k["table"], k["row"], k["column"]) for k in _csv("keys.csv") if k["format"] == fmt]
        declared = [c for r in templates[fmt].rows if r.kind in ("row",) for c in r.cells]
        assert sorted(declared) == sorted(keys)
        wide = next(r for r in templates[fmt].rows if r.kind == "wide")
        assert len(wide.cells) == 15
    assert len(templates["2021"].keys) == 200 and len(templates["2019"].keys) == 198


def test_variants_name_existing_rows_and_columns() -> None:
    keys = _csv("keys.csv")
    rows = {(k["table"], k["row"]) for k in keys}
    cols = {(k["table"], k["column"]) for k in keys}
    for v in _csv("variants.csv"):
        assert v["format"] in ("*", "2019", "2021")
        target = rows if v["kind"] == "row" else cols
        assert (v["table"], v["key"]) in target, v


def test_format_markers_are_distinctive() -> None:
    t = load_templates()
    assert "本年制发件数" in t["2021"].markers and "本年新制作数量" in t["2019"].markers
    assert not set(t["2021"].markers) & set(t["2019"].markers)


def test_label_normal_form() -> None:
    assert normalise("（三）不予公开") == "不予公开"
    assert normalise("３．危及“三安全一稳定”") == "危及三安全一稳定"
    assert normalise("行 政 许 可") == "行政许可"
    assert normalise("(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)") == normalise(
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
