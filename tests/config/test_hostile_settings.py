"""Hostile and unlucky inputs that once stalled, crashed or misled: each now answers quickly, in words.

Every case quoted in issue 18 (except the speed of column suggestions, owned by
the mapping tests) is repeated here. Cases that used to take tens of seconds or
crash the interpreter run the command line in a child process with a generous
timeout: the bound is that they finish at all, with exit 2 and our message;
how fast they finish is measured in benchmarks/, never asserted here.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from workbooks import DEFAULT_HEADER, default_row, three_supplier_event, xlsx_bytes

from scorecard.config import (
    MAX_CRITERIA,
    MAX_NAME_LENGTH,
    ConfigError,
    SettingsLoader,
    load_preset,
    parse_config_text,
)
from scorecard.errors import MAX_MESSAGE_LENGTH, ScorecardError
from scorecard.read import MAX_HEADER_LENGTH, MAX_HEADERS, read_workbook
from tests.children import GENEROUS, REPO, scorecard_command

DEFAULT_YAML = (REPO / "configs" / "default.yaml").read_text(encoding="utf-8")


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command line in a child process: a RecursionError or a hang cannot take pytest with it."""
    return scorecard_command(*args)


@pytest.fixture
def event(tmp_path: Path) -> Path:
    return three_supplier_event(tmp_path)


def settings_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def with_first(text: str, old: str, new: str) -> str:
    assert old in text, f"the default preset changed: {old!r} is gone"
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    """The 1-based line where `fragment` first starts in `text` (the preset's comments move it)."""
    return text[: text.index(fragment)].count("\n") + 1


def refused(run: subprocess.CompletedProcess[str], *phrases: str) -> str:
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and "internal problem" not in run.stderr
    for phrase in phrases:
        assert phrase in run.stderr, (phrase, run.stderr)
    return run.stderr


# --------------------------------------------------------------------------- settings that crashed


@pytest.mark.parametrize(
    "text",
    [
        "name: deep\ncategories: " + "[" * 500 + "]" * 500 + "\n",
        "name: deep\n" + "".join("  " * i + f"k{i}:\n" for i in range(500)) + "  " * 500 + "x: 1\n",
    ],
    ids=["flow", "block"],
)
def test_yaml_nested_500_deep_is_refused_not_a_recursion_error(
    tmp_path: Path, event: Path, text: str
) -> None:
    assert len(text.encode()) < 300_000  # the flow form is about 1 KB of brackets
    run = cli(tmp_path, "score", str(event), "--config", str(settings_file(tmp_path, text)))
    refused(run, "levels deep")


def test_a_weight_of_309_digits_is_refused_not_an_overflow_error(tmp_path: Path, event: Path) -> None:
    text = with_first(DEFAULT_YAML, "weight: 35", "weight: 1" + "0" * 309)
    run = cli(tmp_path, "score", str(event), "--config", str(settings_file(tmp_path, text)))
    refused(run, "310 digits", f"line {line_of(text, 'weight: 1000')}")


def test_a_weight_of_30_digits_is_refused_by_its_size_with_the_key(factory) -> None:
    data = factory.config_data(factory.criterion("otd", "min_max", weight=10**30))
    text = yaml.safe_dump(data)
    with pytest.raises(ConfigError, match=r"weight.*a number of 31 digits; it cannot be above 1,000,000"):
        parse_config_text(text, "s.yaml")


def test_two_weights_of_1e308_are_refused_not_a_silently_zeroed_category(tmp_path: Path, event: Path) -> None:
    text = DEFAULT_YAML
    # the two Cost criteria: each line "weight: N" after "key: total_cost" / the next cost criterion
    cost = text[text.index("  cost:") : text.index("  risk:")]
    weights = [line for line in cost.splitlines() if line.strip().startswith("weight:")][1:3]
    assert len(weights) == 2
    hostile = cost
    for line in weights:
        hostile = hostile.replace(line, line.split("weight:")[0] + "weight: 1e308", 1)
    run = cli(
        tmp_path, "score", str(event), "--config", str(settings_file(tmp_path, text.replace(cost, hostile)))
    )
    refused(run, "categories.cost.criteria[0].weight", "cannot be above")


def test_the_largest_weights_allowed_keep_every_category_counted() -> None:
    """Cost criteria at the top of the range still give Cost its share (computed by hand here)."""
    config = load_preset("default")
    cost = config.category("cost")
    huge = {c.key: 1_000_000.0 for c in cost.criteria}
    scaled = config.with_weights(criteria=huge)
    category_total = sum(c.weight for c in config.categories if any(k.weight > 0 for k in c.criteria))
    assert scaled.category_shares()["cost"] == pytest.approx(cost.weight / category_total)


def test_a_number_in_a_method_of_1e308_is_refused(factory) -> None:
    data = factory.config_data(factory.criterion("otd", {"type": "linear", "worst": -1e308, "best": 1e308}))
    with pytest.raises(ConfigError, match="larger than any figure"):
        parse_config_text(yaml.safe_dump(data), "s.yaml")


def test_a_duplicate_key_is_refused_with_both_line_numbers(tmp_path: Path, event: Path) -> None:
    # "weight: 35" then "weight: 0" under Cost used to turn Cost off without a word
    text = with_first(DEFAULT_YAML, "    weight: 35\n", "    weight: 35\n    weight: 0\n")
    run = cli(tmp_path, "score", str(event), "--config", str(settings_file(tmp_path, text)))
    first = line_of(text, "    weight: 35\n")
    refused(run, "`weight` twice", f"line {first} and line {first + 1}")


def test_a_duplicate_key_deep_in_a_criterion_names_its_lines() -> None:
    text = with_first(
        DEFAULT_YAML, "        label: Total cost of ownership\n", "        label: A\n        label: B\n"
    )
    first = line_of(text, "        label: A\n")
    with pytest.raises(ConfigError, match=rf"`label` twice .*line {first} and line {first + 1}"):
        parse_config_text(text, "s.yaml")


def test_1e3_is_a_number() -> None:
    config = parse_config_text(with_first(DEFAULT_YAML, "weight: 35", "weight: 1e3"), "s.yaml")
    assert config.category("cost").weight == 1000.0
    config = parse_config_text(with_first(DEFAULT_YAML, "weight: 35", "weight: 2.5E+1"), "s.yaml")
    assert config.category("cost").weight == 25.0


def test_the_c_loader_reads_settings_when_it_is_installed() -> None:
    if getattr(yaml, "__with_libyaml__", False):
        assert issubclass(SettingsLoader, yaml.CSafeLoader)
    assert not issubclass(SettingsLoader, yaml.FullLoader)


def test_python_tags_stay_refused() -> None:
    with pytest.raises(ConfigError, match="could not be read"):
        parse_config_text("name: !!python/object/apply:os.system ['true']\n", "s.yaml")


# --------------------------------------------------------------------------- settings that stalled


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_10000_criteria_are_refused_at_the_limit(tmp_path: Path, event: Path) -> None:
    criteria = "".join(f"      - {{key: c{i}, weight: 1, method: min_max}}\n" for i in range(10_000))
    text = "name: many\ncategories:\n  quality:\n    weight: 1\n    criteria:\n" + criteria
    assert len(text.encode()) < 1_000_000
    run = cli(tmp_path, "score", str(event), "--config", str(settings_file(tmp_path, text)))
    refused(run, f"up to {MAX_CRITERIA} criteria", f"criteria[{MAX_CRITERIA}]")


def test_a_label_of_500000_characters_is_refused_with_a_short_message(tmp_path: Path, event: Path) -> None:
    text = with_first(DEFAULT_YAML, "label: Total cost of ownership", "label: " + "Cost " * 100_000)
    run = cli(tmp_path, "score", str(event), "--config", str(settings_file(tmp_path, text)))
    stderr = refused(run, "is 499,999 characters long", f"up to {MAX_NAME_LENGTH}")
    assert len(stderr) < 1_000


def test_a_synonym_list_of_thousands_is_refused(factory) -> None:
    data = factory.config_data(factory.criterion("otd", "min_max"))
    data["supplier_column"] = {"column": "Supplier", "synonyms": [f"name {i}" for i in range(5000)]}
    with pytest.raises(ConfigError, match="lists 5,000 names"):
        parse_config_text(yaml.safe_dump(data), "s.yaml")


def test_a_file_of_a_million_tiny_values_is_refused_by_count() -> None:
    text = "name: x\nlist: [" + ",".join("1" for _ in range(300_000)) + "]\n"
    assert len(text) < 1_000_000
    with pytest.raises(ConfigError, match="more than 200,000 values"):
        parse_config_text(text, "s.yaml")


def test_a_big_settings_file_is_refused_with_the_limit() -> None:
    with pytest.raises(ConfigError, match=r"the limit is 1,000,000"):
        parse_config_text("# " + "x" * 1_000_001, "s.yaml")


# --------------------------------------------------------------------------- workbooks that stalled or flooded


def words(rng: random.Random, count: int) -> str:
    """Text that compresses like real headers do (the guard refuses repetitive bombs first)."""
    vocabulary = (
        "total",
        "cost",
        "delivery",
        "on",
        "time",
        "certified",
        "risk",
        "score",
        "lead",
        "days",
        "rate",
    )
    return " ".join(rng.choice(vocabulary) for _ in range(count))


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_16000_headers_are_refused_naming_the_sheet_and_the_limit(tmp_path: Path) -> None:
    header = [f"h{i}" for i in range(16_000)]
    path = tmp_path / "wide.xlsx"
    path.write_bytes(xlsx_bytes({"Suppliers": [header, list(range(16_000))]}))
    assert path.stat().st_size < 400_000
    run = cli(tmp_path, "score", str(path), "--output", str(tmp_path / "out.xlsx"))
    refused(run, 'sheet "Suppliers"', "16,000 column names", f"up to {MAX_HEADERS:,} columns")


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_200_headers_of_32000_characters_give_a_short_message(tmp_path: Path) -> None:
    rng = random.Random(18)
    header = ["Supplier", *(words(rng, 6_000)[:32_000] for _ in range(199))]
    path = tmp_path / "long.xlsx"
    path.write_bytes(xlsx_bytes({"Suppliers": [header, ["Acme", *[1] * 199], ["Bolt", *[2] * 199]]}))
    run = cli(tmp_path, "score", str(path), "--output", str(tmp_path / "out.xlsx"))
    # merely odd, not hostile: scored on its own number columns (exit 0) or refused (exit 2), never a bug
    assert run.returncode in (0, 2), (run.returncode, run.stderr[-2000:])
    assert "Traceback" not in run.stderr and "internal problem" not in run.stderr
    assert len(run.stderr) < 3_000  # was a 93 KB message


def test_long_headers_are_cut_with_a_finding_naming_the_column() -> None:
    long_header = "Total cost " + "x" * 30_000  # Excel's own limit is 32,767
    data = xlsx_bytes({"Suppliers": [["Supplier", long_header], ["Acme", 1]]})
    sheet = read_workbook(data, "long.xlsx").sheet("Suppliers")
    assert sheet.columns[1] == long_header[:MAX_HEADER_LENGTH]
    [finding] = [f for f in sheet.findings if "characters long" in f.message]
    assert "column B" in finding.message and "30,011 characters" in finding.message
    assert finding.sheet == "Suppliers" and finding.row == 1


def test_every_message_is_capped() -> None:
    error = ScorecardError("x" * 100_000, sheet="S" * 32_000, column="C" * 32_000, hint="h" * 50_000)
    text = str(error)
    assert len(text) < 2 * MAX_MESSAGE_LENGTH + 400
    assert "(32,000 characters)" in text and "(100,000 characters)" in text


# --------------------------------------------------------------------------- no warnings on a successful run


@pytest.mark.slow  # a child process or a large file: the full suite runs it
def test_extreme_cell_values_score_without_warnings_on_stderr(tmp_path: Path) -> None:
    rows = [
        DEFAULT_HEADER,
        default_row("Acme", cost=1e308, otd=1e308, risk=1e-308),
        default_row("Bolt", cost=5e-324, otd=-1e308, risk=30),
        default_row("Crane", cost=1.7e308, otd=1.7e308, risk=20),
        default_row("Delta", cost=100_000, otd=95, risk=10),
    ]
    path = tmp_path / "extreme.xlsx"
    path.write_bytes(xlsx_bytes({"Suppliers": rows}))
    run = subprocess.run(
        [
            sys.executable,
            "-W",
            "default",
            "-m",
            "scorecard",
            "score",
            str(path),
            "--output",
            str(tmp_path / "o.xlsx"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=GENEROUS,
    )
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    # the on-time-delivery spread of -1e308..1.7e308 is still scored, not NaN: Crane leads it
    assert "Crane" in run.stdout


EXTREMES = (1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324, 1e-308, 0.0, -0.0, 1e15, -1e15, 3.0)


@pytest.mark.parametrize("seed", range(25))
def test_fuzzed_extreme_numbers_never_warn_and_never_crash(seed: int, tmp_path: Path) -> None:
    """Seeded fuzz of the default sheet's numeric cells with extremes: every numpy warning is an error here.

    A successful run must print nothing on stderr; a run may refuse the file (exit 2), never crash (exit 1).
    """
    import warnings

    from scorecard.cli import main

    rng = random.Random(seed)
    numeric = [i for i, value in enumerate(default_row("x")) if isinstance(value, (int, float)) and i]
    rows = [DEFAULT_HEADER]
    for n in range(rng.randint(2, 6)):
        row = default_row(f"Supplier {n}")
        for i in numeric:
            if rng.random() < 0.6:
                row[i] = rng.choice(EXTREMES)
        rows.append(row)
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(xlsx_bytes({"Suppliers": rows}))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow or invalid-value warning becomes an exception: exit 1
        code = main(["score", str(path), "--output", str(tmp_path / "out.xlsx")])
    assert code in (0, 2)
