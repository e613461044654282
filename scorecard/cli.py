"""Command line: score or check a supplier workbook without the app.

Exit codes: 0 done; 2 the file or the settings need fixing (the message on
stderr says what and where); 1 an internal problem (a bug: please report it).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard import __version__
from scorecard.config import Config, load_config, load_preset, preset_paths
from scorecard.errors import Finding, ScorecardError, Severity

if TYPE_CHECKING:  # the pipeline (pandas, numpy) is imported when a command runs: --help stays instant
    from scorecard.pipeline import Evaluation, Prepared


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scorecard",
        description="Score suppliers from an Excel or CSV workbook on weighted cost, risk, quality, sustainability and SRM-fit criteria.",
        epilog="Presets: "
        + ", ".join(p.stem for p in preset_paths())
        + ". Example: python -m scorecard score sample_data/sample_event.xlsx",
    )
    parser.add_argument("--version", action="version", version=f"Scorecard {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (
        ("score", "score the suppliers, print the ranking and write the scored workbook"),
        ("validate", "read the workbook and report what was found (columns, findings) without scoring"),
    ):
        command = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        command.add_argument(
            "input",
            type=Path,
            metavar="INPUT",
            help="the supplier workbook (.xlsx, .xlsm, .xls, .ods or .csv)",
        )
        command.add_argument(
            "--config",
            default="default",
            metavar="CONFIG",
            help="a settings file (configs/NAME.yaml) or a preset name (default: default)",
        )
        command.add_argument(
            "--sheet", help="the sheet that lists the suppliers (default: found by its columns)"
        )
        if name == "score":
            command.add_argument(
                "--output",
                type=Path,
                help="where to write the scored workbook (default: INPUT scored DATE.xlsx beside the input)",
            )
            command.add_argument(
                "--no-input-sheets",
                dest="input_sheets",
                action="store_false",
                help="leave the copies of your input sheets out of the scored workbook (a smaller file)",
            )
    return parser


def resolve_config(value: str) -> Config:
    """A path to a YAML file, or the name of a preset in configs/."""
    path = Path(value)
    if path.suffix.lower() in (".yaml", ".yml") or path.exists():
        return load_config(path)
    names = [p.stem for p in preset_paths()]
    if value not in names:
        raise ScorecardError(
            f"There is no preset called {value!r}.",
            hint=f"Presets: {', '.join(names)}; or give the path of a .yaml settings file.",
        )
    return load_preset(value)


def read_input(path: Path) -> bytes:
    if not path.is_file():
        raise ScorecardError(f"The file {path} does not exist.", hint="Check the path and the file name.")
    return path.read_bytes()  # the reader's guard decides what is too large, with its own message


def ranking_text(evaluation: Evaluation) -> str:
    """The ranking as an aligned plain-text table, with the leader's sentence."""
    from scorecard.tables import leader_sentence

    ranking = evaluation.result.ranking
    rows = [("Rank", "Supplier", "Score", "Band", "Status")]
    for _, r in ranking.iterrows():
        rank = "-" if r["Rank"] is None or str(r["Rank"]) == "<NA>" else str(r["Rank"])
        total = "-" if r["Score"] != r["Score"] else f"{r['Score']:.1f}"
        band = r["Band"] if isinstance(r["Band"], str) else "-"
        rows.append((rank, str(r["Supplier"]), total, band, r["Status"]))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i != 2 else cell.rjust(widths[i]) for i, cell in enumerate(row[:4])
        )
        + "  "
        + row[4]
        for row in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join([*lines, "", leader_sentence(evaluation.result)])


def findings_text(findings: tuple[Finding, ...]) -> str:
    counts = {s: sum(f.severity == s for f in findings) for s in Severity}
    head = f"Data quality: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s)."
    return "\n".join([head, *(f"  {f}" for f in findings)])


def validate_text(prepared: Prepared, config: Config) -> str:
    """What was read and how it would be scored, without scoring: sheets, columns, sources, excluded rows."""
    mapped = prepared.suppliers
    workbook = prepared.workbook
    lines = [
        f"File: {workbook.filename} ({workbook.kind.value}, sheets: {', '.join(workbook.sheet_names)})",
        f"Settings: {config.name}",
        f'Supplier sheet: "{mapped.mapping.sheet}", supplier names from column "{mapped.mapping.supplier.column}"',
        f"Rows: {mapped.rows_read} read = {len(mapped.table.suppliers)} suppliers + {len(mapped.exclusions)} excluded",
        "Columns:",
    ]
    for m in mapped.mapping.criteria:
        source = prepared.sources[m.key]
        how = f" ({source.how})" if source.how else ""
        lines.append(f"  {m.label}: {source.describe()}{how}")
    if prepared.bids:
        bids = prepared.bids
        lines.append(
            f'Bids: sheet "{bids.sheet}" ({bids.shape} layout), {len(bids.suppliers)} bidders, compared in {bids.base_currency}. {bids.policy_text}'
        )
    if prepared.panel:
        panel = prepared.panel
        lines.append(
            f'Evaluator panel: sheet "{panel.sheet}", {len(panel.evaluators)} evaluators, {panel.flagged_count} rating(s) to moderate.'
        )
    for _, row in mapped.exclusions.iterrows():
        lines.append(f"Excluded: row {row['Row']}: {row['Reason']}")
    return "\n".join([*lines, findings_text(prepared.findings)])


def problems_text(findings: tuple[Finding, ...]) -> str | None:
    """The after-scoring summary: errors and warnings counted separately, or None when there are neither."""
    errors = sum(f.severity == Severity.ERROR for f in findings)
    warnings = sum(f.severity == Severity.WARNING for f in findings)
    parts = [f"{n} data-quality {word}(s)" for n, word in ((errors, "error"), (warnings, "warning")) if n]
    if not parts:
        return None
    return " and ".join(parts) + "; see the 'Data quality' sheet or run 'validate'."


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from scorecard.export import scored_filename, write_scored_workbook
    from scorecard.pipeline import evaluate_file, prepare_file

    config = resolve_config(args.config)
    if args.command == "validate":
        prepared = prepare_file(read_input(args.input), args.input.name, config, supplier_sheet=args.sheet)
        print(validate_text(prepared, config))
        return 0
    evaluation = evaluate_file(read_input(args.input), args.input.name, config, supplier_sheet=args.sheet)
    output = args.output or args.input.with_name(scored_filename(args.input.name, date.today()))
    try:
        output.write_bytes(write_scored_workbook(evaluation, input_sheets=args.input_sheets))
    except OSError as error:
        raise ScorecardError(
            f"Could not write {output}: {error.strerror}.",
            hint="Close the file if it is open in Excel, or choose another --output.",
        ) from None
    print(ranking_text(evaluation))
    problems = problems_text(evaluation.findings)
    if problems:
        print(f"\n{problems}")
    print(f"\nScored workbook written to {output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except ScorecardError as error:
        print(f"Scorecard could not finish: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so plainly; show the traceback only when asked
        if os.environ.get("SCORECARD_DEBUG"):
            traceback.print_exc()
        print(
            f"Scorecard hit an internal problem ({type(error).__name__}). This is a bug: please report it with the file that caused it. Set SCORECARD_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return 1
