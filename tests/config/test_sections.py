"""The typed section registry: every stage's section parses, typed, in any process; an unknown one is a clear error."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scorecard.bids.section import BID_SECTION
from scorecard.bids.settings import BidSettings
from scorecard.config import (
    CONFIG_DIR,
    SECTIONS,
    ConfigError,
    SectionKind,
    SectionRegistry,
    UnregisteredSectionError,
    load_preset,
    parse_config,
    preset_paths,
)
from scorecard.opportunities.section import OPPORTUNITY_SECTION
from scorecard.opportunities.settings import OpportunitySettings
from scorecard.panel import PANEL_SECTION, PanelSettings
from scorecard.sections import stage_sections

ROOT = Path(__file__).resolve().parents[2]
KINDS = {BID_SECTION: BidSettings, PANEL_SECTION: PanelSettings, OPPORTUNITY_SECTION: OpportunitySettings}


@pytest.mark.parametrize("path", preset_paths(), ids=lambda p: p.stem)
def test_every_section_in_the_presets_parses_into_its_stages_type(path: Path) -> None:
    written = set(yaml.safe_load(path.read_text(encoding="utf-8")))
    config = load_preset(path.stem)
    for kind, value_type in KINDS.items():
        value = config.section(kind)
        assert (value is not None) == (kind.name in written)
        if value is not None:
            assert isinstance(value, value_type)
    assert {name for name, _ in config.sections} == written & set(SECTIONS.names())


def test_all_three_sections_parse_and_are_written_back_in_the_registered_order() -> None:
    data = load_preset("default").to_dict()
    data["opportunities"] = {}
    data["bids"] = {}
    config = parse_config(data, "all.yaml")
    assert [name for name, _ in config.sections] == ["bids", "panel", "opportunities"]
    assert isinstance(config.section(BID_SECTION), BidSettings)
    assert isinstance(config.section(OPPORTUNITY_SECTION), OpportunitySettings)
    assert list(config.to_dict())[-3:] == ["bids", "panel", "opportunities"]


def test_the_registry_holds_exactly_the_stages_listed_in_scorecard_sections() -> None:
    assert SECTIONS.kinds() == stage_sections()
    assert SECTIONS.names() == ("bids", "panel", "opportunities")


def test_every_section_kind_declared_in_the_package_is_listed() -> None:
    """A stage that declares a SectionKind but is missing from scorecard/sections.py would never parse."""
    declared = set()
    for path in (ROOT / "scorecard").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "SectionKind":
                declared.add(ast.literal_eval(node.args[0]))
    assert declared == set(SECTIONS.names())


def test_a_fresh_process_parses_every_section_without_importing_a_stage_first() -> None:
    """The registration cannot be forgotten: reading a settings file is all a script has to do."""
    script = (
        "from scorecard.config import parse_config, load_preset\n"
        "data = load_preset('default').to_dict()\n"
        "data['bids'] = {}\n"
        "data['opportunities'] = {}\n"
        "print(','.join(type(v).__name__ for _, v in parse_config(data).sections))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "BidSettings,PanelSettings,OpportunitySettings"


def test_an_unregistered_section_in_a_settings_file_names_the_ones_scorecard_knows() -> None:
    data = load_preset("default").to_dict()
    data["panels"] = data.pop("panel")
    with pytest.raises(ConfigError) as caught:
        parse_config(data, "mine.yaml")
    message = str(caught.value)
    assert "`panels` is not a setting Scorecard knows" in message
    assert all(name in message for name in ("bids", "panel", "opportunities"))


def test_asking_for_a_section_no_stage_registered_is_a_clear_error() -> None:
    config = load_preset("default")
    with pytest.raises(UnregisteredSectionError, match=r"'panels'.*registered: bids, panel, opportunities"):
        config.section("panels")
    stray = SectionKind("panel", PanelSettings, PANEL_SECTION.parse)  # same name, not the registered kind
    with pytest.raises(UnregisteredSectionError, match="not the one registered"):
        config.section(stray)
    assert config.section("panel") is config.section(PANEL_SECTION)


def test_two_stages_cannot_own_one_section() -> None:
    registry = SectionRegistry()
    registry.register(PANEL_SECTION)
    registry.register(PANEL_SECTION)  # the same kind again changes nothing
    with pytest.raises(ValueError, match="Two stages register the settings section 'panel'"):
        registry.register(SectionKind("panel", BidSettings, BID_SECTION.parse))


def test_the_loader_runs_once_on_first_use_and_keeps_its_order() -> None:
    calls = []

    def loader() -> tuple[SectionKind, ...]:
        calls.append(1)
        return (OPPORTUNITY_SECTION, BID_SECTION)

    registry = SectionRegistry()
    registry.load_with(loader)
    assert not calls
    assert registry.names() == ("opportunities", "bids")
    assert registry.names() == ("opportunities", "bids")
    assert calls == [1]


def test_config_imports_no_stage() -> None:
    """config may import only itself, the error type and the safe file reader; the stages import config."""
    allowed = ("scorecard.config", "scorecard.errors", "scorecard.files")
    for path in (ROOT / "scorecard" / "config").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            elif isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            for module in modules:
                if module.startswith("scorecard"):
                    assert module.startswith(allowed), f"{path.name} imports {module}"


def test_the_presets_folder_is_the_one_the_loader_reads() -> None:
    assert CONFIG_DIR == ROOT / "configs"
    assert preset_paths()[0].stem == "default"


def test_parsing_settings_while_the_sections_load_is_an_error_not_a_partial_schema() -> None:
    registry = SectionRegistry()

    def loader() -> tuple[SectionKind, ...]:
        registry.names()  # a stage that parses settings at import time would do this
        return (PANEL_SECTION,)

    registry.load_with(loader)
    with pytest.raises(RuntimeError, match="still loading"):
        registry.names()
