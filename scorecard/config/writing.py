"""Writing settings back: a Config as YAML-ready data and as the YAML file a buyer downloads.

`parse_config(config_to_dict(config))` gives an equal config, so a buyer's saved settings load
back exactly; each stage's section writes itself (`to_dict`).
"""

from __future__ import annotations

from typing import Any, Protocol

import yaml

from scorecard.config.schema import Band, Criterion, Knockout, Method


def method_to_dict(method: Method, direction: str) -> dict[str, Any] | str:
    if method.kind in ("min_max", "ratio_to_best"):
        return method.kind
    if method.kind == "linear":
        return {"type": "linear", "worst": method.worst, "best": method.best}
    if method.kind == "target":
        return {"type": "target", "target": method.target, "tolerance": method.tolerance}
    if method.kind == "steps":
        word = "at_least" if direction == "higher" else "at_most"
        return {
            "type": "steps",
            "steps": [{word: s.limit, "score": s.points} for s in method.steps],
            "otherwise": method.otherwise,
        }
    if method.kind == "categorical":
        return {"type": "categorical", "points": dict(method.points)}
    return {"type": "log_ratio", "a": method.log_base}


def criterion_to_dict(c: Criterion) -> dict[str, Any]:
    return {
        "key": c.key,
        "label": c.label,
        "column": c.column,
        "synonyms": list(c.synonyms),
        "unit": c.unit,
        "kind": c.kind,
        "direction": c.direction,
        "weight": c.weight,
        "method": method_to_dict(c.method, c.direction),
        "missing": c.missing,
        "panel": c.panel,
        "description": c.description,
    }


def band_to_dict(band: Band) -> dict[str, Any]:
    return {"name": band.name, "from": band.lower, "to": band.upper, "colour": band.colour}


def knockout_to_dict(knockout: Knockout) -> dict[str, Any]:
    data: dict[str, Any] = {"criterion": knockout.criterion, "if_missing": knockout.if_missing}
    if knockout.must_be:
        data["must_be"] = list(knockout.must_be)
    elif knockout.at_least is not None:
        data["at_least"] = knockout.at_least
    else:
        data["at_most"] = knockout.at_most
    return data


class WritesItself(Protocol):
    """A value that gives its YAML-ready data: a Config, or a stage's section."""

    def to_dict(self) -> dict[str, Any]: ...


def config_to_dict(config: WritesItself) -> dict[str, Any]:
    """The settings as YAML-ready data (`Config.to_dict`); `parse_config` of it gives an equal config."""
    return config.to_dict()


def config_to_yaml(config: WritesItself) -> str:
    """The settings as a YAML file the buyer can download, edit and upload again (a Config's must-haves switched
    off for one file written back on: `Config.to_settings_file`)."""
    data = getattr(config, "to_settings_file", config.to_dict)()
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
