"""Which supplier or panel criterion a name in the evaluations sheet means, by the one rule of `scorecard.names`.

A name that matches nothing gets a suggestion in the buyer's words: the closest name, or the list to pick from.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from scorecard.config import Criterion
from scorecard.errors import Finding
from scorecard.names import header_key, legal_form_pairing, same_company, supplier_key
from scorecard.panel.settings import criterion_names


class SupplierLookup:
    """Matches supplier names in the sheet to the supplier table, ignoring case, spacing and how the legal
    form is written."""

    def __init__(self, suppliers: Sequence[str]) -> None:
        self.suppliers = tuple(suppliers)
        self.by_key: dict[str, int] = {}
        for i, name in enumerate(self.suppliers):
            self.by_key.setdefault(supplier_key(name), i)
        self.by_legal_form: dict[str, str] = {}  # names found only by their legal form, said to the buyer

    def find(self, name: str) -> int | None:
        """The supplier of that name; else the one supplier of the same company ('Acme Limited' for
        'Acme Ltd', `names.same_company`), remembered in `by_legal_form`; None when none or two are."""
        found = self.by_key.get(supplier_key(name))
        if found is not None:
            return found
        candidates = [i for i, supplier in enumerate(self.suppliers) if same_company(supplier, name)]
        if len(candidates) != 1:
            return None
        self.by_legal_form[name] = self.suppliers[candidates[0]]
        return candidates[0]

    def legal_form_findings(self, sheet: str) -> list[Finding]:
        return [legal_form_pairing(name, supplier, sheet) for name, supplier in self.by_legal_form.items()]

    def suggestion(self, name: str) -> str:
        close = difflib.get_close_matches(name, self.suppliers, n=1, cutoff=0.6)
        if close:
            return f'Did you mean "{close[0]}"?'
        shown = ", ".join(self.suppliers[:8]) + (", ..." if len(self.suppliers) > 8 else "")
        return f"Suppliers in the supplier sheet: {shown}."


class CriterionLookup:
    """Matches criterion names in the sheet to panel criteria by key, label, column or synonym."""

    def __init__(self, panel: Sequence[Criterion], others: Sequence[Criterion]) -> None:
        self.panel = tuple(panel)
        self.by_name: dict[str, int] = {}
        for j, c in enumerate(self.panel):
            for name in criterion_names(c):
                self.by_name.setdefault(name, j)
        self.other_names: dict[str, Criterion] = {}
        for c in others:
            for name in criterion_names(c):
                self.other_names.setdefault(name, c)

    def find(self, name: str) -> int | Criterion | None:
        """Index of a panel criterion; or the non-panel Criterion it names; or None if unknown."""
        wanted = header_key(name)
        if wanted in self.by_name:
            return self.by_name[wanted]
        return self.other_names.get(wanted)

    def suggestion(self, name: str) -> str:
        labels = [c.label for c in self.panel]
        close = difflib.get_close_matches(name, labels, n=1, cutoff=0.6)
        if close:
            return f'Did you mean "{close[0]}"?'
        return f"Panel-rated criteria: {', '.join(labels)}."
