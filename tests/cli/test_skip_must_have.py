"""A must-have the file has no column for (F1, F15): the command line stops with exit 2 and a message that names
each must-have with its bar and how to go on; once switched off with --skip-must-have, the file is scored as
it would be under settings without that must-have, and the summary says what was not checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.cli import main
from scorecard.config import load_preset, parse_config
from scorecard.pipeline import evaluate_file
from tests.workbooks import packaging_comparison, quotes_without_preset_columns

SWITCHED_OFF = 'The must-have "Financial risk score must be at most 70" was switched off'


def written(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "packaging rfq.xlsx"
    path.write_bytes(data)
    return path


def without_rule(preset: str, *keys: str):
    """The preset as if it had no must-have on `keys` (a settings file written without them)."""
    data = load_preset(preset).to_dict()
    data["knockouts"] = [k for k in data["knockouts"] if k["criterion"] not in keys]
    return parse_config(data)


def test_the_stop_names_each_must_have_with_its_bar_and_how_to_go_on(tmp_path, capsys) -> None:
    path = written(tmp_path, packaging_comparison(with_iso=False))
    assert main(["score", str(path), "--output", str(tmp_path / "out.xlsx")]) == 2
    captured = capsys.readouterr()
    error = captured.err
    assert "Traceback" not in error and not captured.out
    assert '"ISO 9001 certified must be Yes"' in error
    assert '"Financial risk score must be at most 70"' in error
    assert "2 must-haves" in error and "so they cannot be checked" in error
    assert "To go on, for each one: pick the column that holds it" in error
    assert '"Switch this must-have off"' in error
    assert "--skip-must-have iso_9001 --skip-must-have financial_risk" in error
    assert not (tmp_path / "out.xlsx").exists()


def test_switched_off_the_file_scores_as_without_the_must_have_and_the_summary_names_it(
    tmp_path, capsys
) -> None:
    data = packaging_comparison()
    path = written(tmp_path, data)
    out = tmp_path / "out.xlsx"
    assert main(["score", str(path), "--output", str(out), "--skip-must-have", "financial_risk"]) == 0
    text = capsys.readouterr().out
    assert SWITCHED_OFF in text
    assert "suppliers were not checked for Financial risk score" in text
    assert "score again without --skip-must-have financial_risk" in text
    # the same ranking as settings that never had the must-have
    expected = evaluate_file(data, path.name, without_rule("default", "financial_risk")).result
    assert text.splitlines()[2].split()[1:3] == expected.leader.split()
    assert main(["validate", str(path), "--skip-must-have", "financial_risk"]) == 0
    assert SWITCHED_OFF in capsys.readouterr().out


def test_a_file_without_the_presets_columns_is_fitted_after_the_switch_and_still_names_it(
    tmp_path, capsys
) -> None:
    """Switched off before fitting: the settings built from the file's own columns carry the record."""
    data = quotes_without_preset_columns()
    path = written(tmp_path, data)
    options = ["--skip-must-have", "iso_9001", "--skip-must-have", "financial_risk"]
    assert main(["score", str(path), "--output", str(tmp_path / "out.xlsx"), *options]) == 0
    text = capsys.readouterr().out
    assert "Gamma Wood leads" in text
    assert 'The must-have "ISO 9001 certified must be Yes" was switched off' in text
    assert SWITCHED_OFF in text
    built = evaluate_file(
        data, path.name, load_preset("default").without_must_haves(["iso_9001", "financial_risk"])
    )
    plain = evaluate_file(data, path.name, without_rule("default", "iso_9001", "financial_risk"))
    assert built.config.name.startswith("Built from your columns")
    assert built.result.totals.tolist() == pytest.approx(plain.result.totals.tolist())
    assert [off.criterion for off in built.config.switched_off] == ["iso_9001", "financial_risk"]
