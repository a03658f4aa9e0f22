from __future__ import annotations

import importlib
import pkgutil

import presslens


def test_exported_members_all_names_exist_in_every_module() -> None:
    for info in pkgutil.walk_packages(presslens.__path__, "presslens."):
        module = importlib.import_module(info.name)
        exported = getattr(module, "__all__", None)
        assert exported is not None, f"{info.name} has no __all__"
        for name in exported:
            assert hasattr(module, name), f"{info.name}.__all__ names missing {name!r}"


def test_exported_members_top_level_api() -> None:
    assert {"analyze", "Analysis", "PresslensError", "read_path"} <= set(presslens.__all__)
