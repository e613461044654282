"""Command line: score or check a supplier workbook without the app.

Exit codes: 0 done; 2 the file or the settings need fixing (the message on
stderr says what and where); 1 an internal problem (a bug: please report it).
A reader that stops early (`... | head -1`) is not a problem: the workbook is
written before anything is printed, so the run still counts as done (0).
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
from scorecard.files import check_output_path, read_input_file, write_file_atomically

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
            default=None,
            metavar="CONFIG",
            help="a settings file (configs/NAME.yaml) or a preset name (default: the criteria and weights the "
            "file itself states, in an evaluation matrix or a criteria sheet, else the default preset)",
        )
        command.add_argument(
            "--sheet", help="the sheet that lists the suppliers (default: found by its columns)"
        )
        command.add_argument(
            "--sheet-role",
            action="append",
            default=[],
            metavar='"SHEET=ROLE"',
            help='correct how a sheet is read, e.g. "Bid Tab=wide bids"; validate shows each sheet\'s role '
            "and a role it does not know lists the choices; may be repeated",
        )
        command.add_argument(
            "--skip-must-have",
            action="append",
            default=[],
            metavar="KEY",
            help="switch off the must-have on this criterion (e.g. when the file has no column for it); repeatable",
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
    """The workbook's bytes; a folder, a pipe or a missing file each get their own message."""
    return read_input_file(path, "file")  # the reader's guard decides what is too large, with its own message


def ranking_text(evaluation: Evaluation) -> str:
    """The ranking as an aligned plain-text table, with the leader's sentence."""

    from scorecard.tables import ranking_frame

    ranking = ranking_frame(evaluation.result)
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
    return "\n".join([*lines, "", evaluation.headline, *switched_off_text(evaluation.config)])


def switched_off_text(config: Config) -> list[str]:
    """Each must-have switched off, with what it means and how to switch it back on (never silent)."""
    from scorecard.mapping import switched_off_sentence

    return ["", *map(switched_off_sentence, config.switched_off)] if config.switched_off else []


def findings_text(findings: tuple[Finding, ...]) -> str:
    counts = {s: sum(f.severity == s for f in findings) for s in Severity}
    head = f"Data quality: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} note(s)."
    return "\n".join([head, *(f"  {f}" for f in findings)])


def validate_text(prepared: Prepared, config: Config) -> str:
    """What was read and how it would be scored, without scoring: sheets, columns, sources, excluded rows."""
    mapped = prepared.suppliers
    workbook = prepared.workbook
    config = prepared.event_config(config)
    lines = [
        f"File: {workbook.filename} ({workbook.kind.value}, sheets: {', '.join(workbook.sheet_names)})",
        'How the workbook was read (correct it with --sheet-role "SHEET=ROLE"):',
        *(f"  {line}" for line in prepared.layout.describe()),
        f"Settings: {config.name}",
        f'Suppliers: the bidders on bid sheet "{mapped.mapping.sheet}" (the file has no supplier list)'
        if prepared.bid_only is not None
        else f'Supplier sheet: "{mapped.mapping.sheet}", supplier names from column "{mapped.mapping.supplier.column}"',
        f"Rows: {mapped.rows_read} read = {len(mapped.table.suppliers)} suppliers + {len(mapped.exclusions)} excluded",
        "Columns:",
    ]
    for m in mapped.mapping.criteria:
        source = prepared.sources[m.key]
        how = f" ({source.how})" if source.how else ""
        lines.append(f"  {m.label}: {source.describe()}{how}")
    left_out = prepared.left_out
    if left_out:
        counted = config.counted_shares(left_out)
        lines.append(
            f"Left out ({len(left_out)}; no column in the file, their weight shared within the category):"
        )
        lines += [f"  {config.criterion(k).label}" for k in left_out]
        lines.append(
            "Shares that count: "
            + ", ".join(f"{c.label} {counted[c.key]:.1%}" for c in config.criteria if counted[c.key] > 0)
        )
    lines += switched_off_text(config)[1:]
    for candidate in prepared.candidates:
        lines.append(f"Candidate criterion (not scored): {candidate.describe()}")
    if prepared.bids:
        from scorecard.tables import partial_bid_policy_text

        bids = prepared.bids
        lines.append(
            f'Bids: sheet "{bids.sheet}" ({bids.shape} layout), {len(bids.suppliers)} bidders, compared in {bids.base_currency}. {partial_bid_policy_text(bids.settings)}'
        )
    if prepared.panel:
        panel = prepared.panel
        lines.append(
            f'Evaluator panel: sheet "{panel.sheet}", {len(panel.evaluators)} evaluators, {panel.flagged_count} rating(s) to moderate.'
        )
    from scorecard.tables.mapping import exclusion_reason

    lines += [f"Excluded: row {e.row}: {exclusion_reason(e)}" for e in mapped.exclusions]
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
    from scorecard.layout import LayoutOverrides
    from scorecard.pipeline import evaluate, laid_out, prepare, read_file, settings_for_file

    output = None
    if args.command == "score":
        output = args.output or args.input.with_name(scored_filename(args.input.name, date.today()))
        check_output_path(output, args.input)  # before scoring: never overwrite the buyer's own workbook
    # no --config: the file's own settings (an evaluation matrix, a criteria sheet), else the default preset
    chosen = resolve_config(args.config) if args.config else None
    overrides = LayoutOverrides.parse(args.sheet_role)
    workbook, config = read_file(read_input(args.input), args.input.name, chosen, overrides)
    if args.skip_must_have:
        config = config.without_must_haves(args.skip_must_have)
    layout = laid_out(workbook, config, overrides)  # decided once, with the buyer's sheet roles
    config = settings_for_file(workbook, config, args.sheet, layout)
    prepared = prepare(workbook, config, supplier_sheet=args.sheet, layout=layout)
    if output is None:
        print(validate_text(prepared, config))
        return 0
    evaluation = evaluate(prepared, config)
    write_file_atomically(output, write_scored_workbook(evaluation, input_sheets=args.input_sheets))
    print(ranking_text(evaluation))
    problems = problems_text(evaluation.findings)
    if problems:
        print(f"\n{problems}")
    print(f"\nScored workbook written to {output}")
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        code = run(sys.argv[1:] if argv is None else argv)
        sys.stdout.flush()  # a closed pipe shows up here, inside the try, not at interpreter exit
        return code
    except BrokenPipeError:
        return stdout_closed()
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


def stdout_closed() -> int:
    """The reader of our output went away (`| head`): stop quietly; the work is already done.

    Python would still try to flush stdout at exit and print a second error, so
    stdout is pointed at the null device first (the recipe in Python's signal docs).
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0
