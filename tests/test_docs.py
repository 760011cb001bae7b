"""The docs stay honest: every check family, status, CLI verb and option is documented."""

from __future__ import annotations

import re

from conftest import ROOT
from pipeline.cli import build_parser
from pipeline.recover.checks import evaluate
from pipeline.result import STATUSES
from pipeline.templates import load_templates

README = (ROOT / "README.md").read_text(encoding="utf-8")
RUNNING = (ROOT / "docs" / "running.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    head = README.split("\n#", 1)[0]
    assert "make extract" in head and "make test" in head


def test_every_check_family_is_in_the_readme() -> None:
    template = load_templates()["2021"]
    values = {key: 0.0 for key in template.keys}
    families = {re.sub(r"\.[a-z_]+$", "", name) for name, *_ in evaluate(template, values)}
    assert families == {"applications.balance", "applications.outcomes", "applications.applicants",
                        "review_litigation.outcomes"}
    for family in families:
        assert f"`{family}." in README, family


def test_every_status_is_in_the_readme() -> None:
    for status in STATUSES:
        assert f"`{status}`" in README, status


def test_every_cli_verb_and_option_is_documented() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for verb, sub_parser in sub.choices.items():  # type: ignore[attr-defined]
        assert f"python -m pipeline {verb}" in README, verb
        for action in sub_parser._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in README or flag in RUNNING, flag


def test_every_doc_page_is_linked_from_the_readme() -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{page.name}" in README, page.name
