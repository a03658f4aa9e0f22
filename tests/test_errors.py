from __future__ import annotations

import re
import string

import pytest

from presslens.errors import CATALOGUE, PresslensError


def _fields(template: str) -> set[str]:
    return {f[1].split("!")[0] for f in string.Formatter().parse(template) if f[1]}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_errors_every_code_formats_in_three_parts(code: str) -> None:
    entry = CATALOGUE[code]
    details = dict.fromkeys(_fields(entry.what + entry.why + entry.fix), "X")
    err = PresslensError(code, **details)
    message = str(err)
    assert message.startswith(f"[{code}] ")
    assert "Why: " in message and "What to do: " in message
    envelope = err.to_dict()["error"]
    assert envelope["code"] == code and envelope["fix"]


def test_errors_codes_are_well_formed_and_in_order() -> None:
    # codes are handed out in ranges per area (E030 propaganda, E040 store, E050 API…),
    # so gaps are expected; the catalogue reads in code order
    codes = list(CATALOGUE)
    assert all(re.fullmatch(r"E\d{3}", c) for c in codes)
    assert codes == sorted(codes)
