"""Map stage: find each criterion's column in the buyer's sheet, then build the supplier table.

Rooms, in the order a file passes through them:
- `profile`: what a column holds (numbers, percent, money, yes/no, labels) and the unit its header
  names, the evidence a suggestion must fit;
- `headers`: headers normalised and indexed once, exact matches and suggestions;
- `columns`: each criterion's column, the supplier sheet, and when a missing column stops the run;
- `switched_off`: must-haves switched off (by the buyer, or by settings fitted to the file), named in
  every report;
- `candidates`: columns nobody asked for, offered as criteria, and settings built from them;
- `table`: the mapped columns cleaned into the supplier table, every row scored or excluded.
"""

from __future__ import annotations

from scorecard.mapping.candidates import (
    Candidate,
    candidate_criteria,
    candidate_criterion,
    guess_candidate,
    settings_from_columns,
    with_candidates,
)
from scorecard.mapping.columns import (
    SUPPLIER,
    ColumnMapping,
    ColumnMatch,
    choose_supplier_sheet,
    map_columns,
    match_column,
    require_columns,
    unchecked_must_haves,
)
from scorecard.mapping.headers import HeaderIndex, names_for, shown_headers
from scorecard.mapping.profile import ColumnProfile, fits, profile_column, unit_family
from scorecard.mapping.switched_off import (
    SKIP_MUST_HAVE,
    SWITCH_BACK_ON,
    switched_off_findings,
    switched_off_sentence,
)
from scorecard.mapping.table import MappedSuppliers, build_supplier_table

__all__ = [
    "SKIP_MUST_HAVE",
    "SUPPLIER",
    "SWITCH_BACK_ON",
    "Candidate",
    "ColumnMapping",
    "ColumnMatch",
    "ColumnProfile",
    "HeaderIndex",
    "MappedSuppliers",
    "build_supplier_table",
    "candidate_criteria",
    "candidate_criterion",
    "choose_supplier_sheet",
    "fits",
    "guess_candidate",
    "map_columns",
    "match_column",
    "names_for",
    "profile_column",
    "require_columns",
    "settings_from_columns",
    "shown_headers",
    "switched_off_findings",
    "switched_off_sentence",
    "unchecked_must_haves",
    "unit_family",
    "with_candidates",
]
