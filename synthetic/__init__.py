"""Synthetic annual reports with known truth, and their renderers per file format.

`report.make_report(seed, fmt)` draws a report; `text`, `html`, `html_pages`,
`html_word`, `docx` and `pdf` lay it out as files the way real tools and people do
(each maker module with `make_corpus(out_dir, n)` writes a corpus with a
`.truth.csv` beside every file). Tests, fixtures and `make bench` import it; nothing
in `extractors/` or `pipeline/` does.
"""
