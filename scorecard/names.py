"""One rule for matching names: suppliers, evaluators and headers compare the same way on every sheet.

A buyer types "Acme Ltd" on the supplier sheet, "ACME  ltd" on the bid sheet and "AcmeLtd" on the
evaluations sheet: all three are one supplier. Case, accents and spacing are ignored; letters, digits
and punctuation count ("Acme Ltd" and "Acme Ltd (UK)" stay two suppliers).

Where another sheet's name matches no supplier that way, it may still differ only in how the legal
form is written ("Acme Limited" for "Acme Ltd", "Acme" for "Acme Inc"): `paired_names` pairs it when
exactly one supplier can be meant, and the pairing is said (`legal_form_pairing`), never silent. Two
different forms ("Acme GmbH", "Acme Inc") are never paired: they may be two companies of one group.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

from scorecard.clean import normalise_header
from scorecard.errors import Finding, Severity


@lru_cache(maxsize=65_536)
def supplier_key(name: str) -> str:
    """The key two supplier (or evaluator, or item) names share when they are the same name."""
    text = str(name)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "".join(text.split()).casefold()


def same_supplier(a: str, b: str) -> bool:
    return supplier_key(a) == supplier_key(b)


# Legal forms a company name may end in, as words, each with the form it is a spelling of: "Ltd" and
# "Limited" are one form; "GmbH" and "Inc" are two (possibly two companies of one group, never joined).
LEGAL_FORMS: dict[tuple[str, ...], str] = {
    **dict.fromkeys([("ltd",), ("limited",)], "ltd"),
    **dict.fromkeys([("inc",), ("incorporated",)], "inc"),
    **dict.fromkeys([("corp",), ("corporation",)], "corp"),
    **dict.fromkeys([("co",), ("company",)], "co"),
    **dict.fromkeys([("llc",), ("l", "l", "c")], "llc"),
    **dict.fromkeys([("plc",), ("p", "l", "c")], "plc"),
    **dict.fromkeys([("llp",), ("l", "l", "p")], "llp"),
    **dict.fromkeys([("gmbh",)], "gmbh"),
    **dict.fromkeys([("ag",)], "ag"),
    **dict.fromkeys([("kg",)], "kg"),
    **dict.fromkeys([("sa",), ("s", "a")], "sa"),
    **dict.fromkeys([("sas",), ("s", "a", "s")], "sas"),
    **dict.fromkeys([("sarl",), ("s", "a", "r", "l")], "sarl"),
    **dict.fromkeys([("srl",), ("s", "r", "l")], "srl"),
    **dict.fromkeys([("spa",), ("s", "p", "a")], "spa"),
    **dict.fromkeys([("sl",), ("s", "l")], "sl"),
    **dict.fromkeys([("bv",), ("b", "v")], "bv"),
    **dict.fromkeys([("nv",), ("n", "v")], "nv"),
    **dict.fromkeys([("ab",)], "ab"),
    **dict.fromkeys([("oy",), ("oyj",)], "oy"),
    **dict.fromkeys([("as",), ("a", "s")], "as"),
    **dict.fromkeys([("aps",)], "aps"),
    **dict.fromkeys([("sro",), ("s", "r", "o")], "sro"),
    **dict.fromkeys([("kk",), ("k", "k")], "kk"),
    **dict.fromkeys([("pty", "ltd"), ("pty", "limited"), ("proprietary", "limited")], "pty ltd"),
    **dict.fromkeys([("pvt", "ltd"), ("private", "limited"), ("pvt", "limited")], "pvt ltd"),
}
LONGEST_FORM = max(map(len, LEGAL_FORMS))


@lru_cache(maxsize=65_536)
def legal_name(name: str) -> tuple[str, str]:
    """A company name as (the name without its legal form, the form): 'ACME Limited' -> ('acme', 'ltd').

    Words are compared as `supplier_key` compares names (case and accents ignored); the punctuation
    of a form ('S.A.', 'Co.,') does not count. A name that is only a legal form keeps it as its name.
    """
    text = str(name)
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    words = re.findall(r"[^\W_]+", text.casefold())
    for size in range(min(LONGEST_FORM, len(words) - 1), 0, -1):
        form = LEGAL_FORMS.get(tuple(words[-size:]))
        if form is not None:
            return "".join(words[:-size]), form
    return "".join(words), ""


def same_company(a: str, b: str) -> bool:
    """Two names of one company that differ only in how the legal form is written, or in having one."""
    (name_a, form_a), (name_b, form_b) = legal_name(a), legal_name(b)
    return bool(name_a) and name_a == name_b and (form_a == form_b or not form_a or not form_b)


def legal_form_pairing(theirs: str, ours: str, sheet: str) -> Finding:
    """A name paired although it differs in its legal form is said, so a buyer can undo it by renaming."""
    return Finding(
        Severity.INFO,
        f'"{theirs}" on sheet "{sheet}" is read as {ours} of the supplier sheet: the names differ only in '
        "how the legal form is written.",
        sheet=sheet,
        value=theirs,
        action="If they are two different companies, give them different names in the workbook.",
    )


def paired_names(known: Sequence[str], given: Sequence[str]) -> dict[int, tuple[int, bool]]:
    """Which known name (the supplier sheet's) each given name (another sheet's) is, one to one.

    Returns {given position: (known position, by legal form)}. The same name (`supplier_key`) first;
    then a given name still unpaired is paired with the known name of the same company (`same_company`:
    "Acme Limited" is "Acme Ltd", and "Acme" is "Acme Inc") when that is the only one, it is not paired
    already, and no other unpaired given name could be it. A name with two candidates stays unpaired:
    guessing could give one supplier's figures to another. Callers say each pairing by legal form, so
    the buyer can undo it by renaming.
    """
    by_key: dict[str, int] = {}
    for i, name in enumerate(known):
        by_key.setdefault(supplier_key(name), i)
    pairs = {
        g: (by_key[supplier_key(name)], False) for g, name in enumerate(given) if supplier_key(name) in by_key
    }
    taken = {k for k, _ in pairs.values()}
    open_given = [g for g in range(len(given)) if g not in pairs]
    for g in open_given:
        candidates = [k for k in range(len(known)) if same_company(known[k], given[g])]
        if len(candidates) == 1 and candidates[0] not in taken:
            rivals = [h for h in open_given if same_company(known[candidates[0]], given[h])]
            if rivals == [g]:
                pairs[g] = (candidates[0], True)
    return pairs


KEPT_KEY_LENGTH = 255  # a header is at most this long once read; longer text (a cell) is reduced each time


def header_key(text: str) -> str:
    """A column header reduced for matching ('On-time delivery (%)' -> 'on time delivery')."""
    text = text if isinstance(text, str) else str(text)  # a header typed as a number (2024) is its text
    return _short_key(text) if len(text) <= KEPT_KEY_LENGTH else normalise_header(text)


@lru_cache(maxsize=16_384)
def _short_key(text: str) -> str:
    """Headers and names recur on every sheet and every question; each is reduced once (a few MB at most)."""
    return normalise_header(text)


class HeaderKeys:
    """A sheet's headers with their matching keys worked out once, so a stage that asks one sheet for
    many columns (the mapping stage asks once per criterion) does not reduce every header per question.

    The rule, for every stage: a column is found under the first of the names asked for (in their order)
    that some header equals by `header_key`, whole (a long question text is not cut short: 'approach to
    lot 1' is not 'approach to lot 2'); among headers with one key, the first in the sheet; headers
    already taken for another column skipped; a name or header that reduces to nothing matches nothing.
    Where a caller also gives a pattern (`like`), a header none of the names found may still be found by
    the words in its key, in sheet order, unless `unless` finds a word that rules it out.
    """

    def __init__(self, headers: Iterable[str]) -> None:
        self.headers = tuple(headers)
        self.keys = tuple(header_key(h) for h in self.headers)
        self.at: dict[str, list[int]] = {}
        for position, key in enumerate(self.keys):
            if key:
                self.at.setdefault(key, []).append(position)

    def find(self, names: Iterable[str], taken: Collection[str] = ()) -> tuple[str, int] | None:
        """The header for the first name that one matches, and that name's position among `names`."""
        for position, name in enumerate(names):
            for at in self.at.get(header_key(name), ()):
                if self.headers[at] not in taken:
                    return self.headers[at], position
        return None

    def first(
        self,
        names: Iterable[str],
        taken: Collection[str] = (),
        *,
        like: re.Pattern[str] | None = None,
        unless: re.Pattern[str] | None = None,
    ) -> str | None:
        """The header the rule above finds, or None."""
        found = self.find(names, taken)
        if found is not None:
            return found[0]
        if like is None:
            return None
        return next(
            (
                header
                for header, key in zip(self.headers, self.keys, strict=True)
                if header not in taken and like.search(key) and not (unless and unless.search(key))
            ),
            None,
        )


def first_header(
    headers: Iterable[str],
    names: Iterable[str],
    taken: Collection[str] = (),
    *,
    like: re.Pattern[str] | None = None,
    unless: re.Pattern[str] | None = None,
) -> str | None:
    """The header a column is found under (see `HeaderKeys` for the rule), or None if none."""
    return HeaderKeys(headers).first(names, taken, like=like, unless=unless)
