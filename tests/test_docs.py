"""The docs are checked: what the README tells people to run must exist."""

from __future__ import annotations

import re

from typer.main import get_command

from presslens.cli import app
from presslens.errors import CATALOGUE
from presslens.eval import TASKS
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_readme_setup_commands_are_make_targets() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    commands = re.findall(r"^make (\w+)", README, flags=re.M)
    assert commands[:2] == ["run", "test"]
    for target in commands:
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"no make target {target!r}"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_docs_readme_cli_examples_name_real_commands() -> None:
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    used = set(re.findall(r"(?:bin/|\$ )presslens (\w+)", README))
    assert used <= commands, f"README mentions unknown commands: {used - commands}"


def test_docs_readme_error_example_is_in_the_catalogue() -> None:
    for code in re.findall(r"\[(E\d{3})\]", README):
        assert code in CATALOGUE


def test_docs_evaluation_page_covers_every_task() -> None:
    page = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    for task in TASKS:
        assert f"presslens eval {task}" in page
