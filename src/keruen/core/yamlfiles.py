"""YAML read with libyaml when PyYAML has it (its wheels do): the same safe loader, ten times
faster than the pure-Python one on the demo's files (which every `keruen demo` reads)."""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - a PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def load_yaml(text: str) -> Any:
    """`yaml.safe_load` of `text` (raises `yaml.YAMLError`, with its line, as that does)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
