"""Reading an Altair chart's spec: its layers by mark, and the rows a layer draws."""

from __future__ import annotations


def layers_by_mark(spec: dict) -> dict[str, list[dict]]:
    marks: dict[str, list[dict]] = {}
    for layer in spec["layer"]:
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        marks.setdefault(mark, []).append(layer)
    return marks


def drawn_rows(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own data, or the chart's top-level data."""
    name = (layer.get("data") or spec["data"])["name"]
    return spec["datasets"][name]
