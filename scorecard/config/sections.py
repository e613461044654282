"""The optional settings sections (bids, panel, opportunities): a typed registry the stages fill.

A stage owns the schema of its section: it declares a `SectionKind` (the YAML key, the type the
section parses into, and its parser) in its own package (`bids/section.py`, `panel/settings.py`,
`opportunities/section.py`). `scorecard/sections.py` is the one list of those kinds; the package
(`scorecard/__init__.py`) hands that list to `SECTIONS` as its loader, so the kinds are registered
the first time a settings file is parsed, in every process, without config importing any stage
(the stages import config, never the other way round) and without the stages' heavy libraries
loading before a settings file is read.

`Config.section(PANEL_SECTION)` then gives a `PanelSettings | None`, typed; a kind or name that no
stage registered is a clear error rather than a silent None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from scorecard.config.schema import Criterion
    from scorecard.config.section import Section


class SectionValue(Protocol):
    """What every parsed section is: a frozen value that writes itself back to YAML-ready data."""

    def to_dict(self) -> dict[str, Any]: ...


V = TypeVar("V", bound=SectionValue)


@dataclass(frozen=True)
class SectionKind(Generic[V]):
    """One optional section a stage owns: its YAML key, the type it parses into, and its parser.

    The parser gets the section (with its key path, for messages) and the config's criteria by key,
    so it can check the criteria it names.
    """

    name: str
    value_type: type[V]
    parse: Callable[[Section, Mapping[str, Criterion]], V]


class UnregisteredSectionError(LookupError):
    """A section asked for by a kind or name that no stage registered: a programming error, said plainly."""


class SectionRegistry:
    """The sections a settings file may hold beyond the core schema, in the order they are written back."""

    def __init__(self) -> None:
        self._kinds: dict[str, SectionKind[Any]] = {}
        self._loader: Callable[[], Iterable[SectionKind[Any]]] | None = None
        self._loading = False

    def load_with(self, loader: Callable[[], Iterable[SectionKind[Any]]]) -> None:
        """Name the function that returns every stage's kind; it runs once, on first use."""
        self._loader = loader

    def register(self, kind: SectionKind[Any]) -> None:
        """Add one kind; a second kind under the same name would make a settings file ambiguous."""
        known = self._kinds.get(kind.name)
        if known is not None and known != kind:
            raise ValueError(f"Two stages register the settings section {kind.name!r}; one must own it.")
        self._kinds[kind.name] = kind

    def kinds(self) -> tuple[SectionKind[Any], ...]:
        """Every registered kind, after the loader (if any) has run."""
        if self._loading:
            raise RuntimeError(
                "A settings file was parsed while the stages' settings sections were still loading "
                "(a stage module parses settings when it is imported); parse them when called instead."
            )
        if self._loader is not None:
            loader, self._loading = self._loader, True
            try:
                for kind in loader():
                    self.register(kind)
                self._loader = None
            finally:
                self._loading = False
        return tuple(self._kinds.values())

    def names(self) -> tuple[str, ...]:
        return tuple(kind.name for kind in self.kinds())

    def kind(self, name: str) -> SectionKind[Any]:
        """The kind registered under `name`, or a clear error naming the ones that are."""
        for kind in self.kinds():
            if kind.name == name:
                return kind
        known = ", ".join(self.names()) or "none"
        raise UnregisteredSectionError(
            f"No stage registered a settings section called {name!r} (registered: {known}). "
            "Declare a SectionKind in the stage's package and add it to scorecard/sections.py."
        )

    def value(self, sections: Iterable[tuple[str, SectionValue]], kind: SectionKind[V] | str) -> V | None:
        """The parsed section `kind` among a config's `sections`, checked to be of the kind's type."""
        registered = self.kind(kind if isinstance(kind, str) else kind.name)
        if not isinstance(kind, str) and registered is not kind:
            raise UnregisteredSectionError(
                f"The settings section {kind.name!r} asked for is not the one registered under that name."
            )
        for name, value in sections:
            if name == registered.name:
                if not isinstance(value, registered.value_type):
                    raise TypeError(
                        f"Section {name!r} holds {type(value).__name__}, not {registered.value_type}."
                    )
                return value  # type: ignore[no-any-return]
        return None


SECTIONS = SectionRegistry()
