"""Loading a settings file safely: size and shape limits, the C YAML parser, duplicate keys refused.

A settings file is untrusted (a buyer may upload anything): it is measured before it is parsed,
walked as a stream of events to refuse deep nesting and huge node counts, and read with a safe
loader that refuses duplicate keys and integers of hundreds of digits, each in the buyer's words.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from scorecard.config.complete import Config
from scorecard.config.parse import parse_config
from scorecard.config.section import ConfigError
from scorecard.errors import shorten

CONFIG_DIR = Path(__file__).resolve().parent.parent.parent / "configs"
# Limits that keep any settings file cheap to read, each far above what a real one needs.
MAX_CONFIG_BYTES = 1_000_000
MAX_NESTING = 40  # groups inside groups; the presets use 6
MAX_YAML_NODES = 200_000  # values, lists and groups in one file


def load_config(path: str | Path) -> Config:
    """Read and validate a YAML config file."""
    from scorecard.files import (
        read_input_file,
    )  # files -> guard; imported here to keep config's imports light

    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise ConfigError(
            f"The settings file {path} does not exist.",
            hint=f"Presets: {', '.join(p.stem for p in preset_paths())}.",
        )
    # a folder or a pipe gets its own message; at most one byte over the limit is read
    return parse_config_text(read_input_file(path, "settings file", MAX_CONFIG_BYTES), path.name)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is installed


class SettingsLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """YAML's safe loader, plus: duplicate keys refused, `1e3` read as a number, huge integers kept whole."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:  # a list or group used as a key: the base loader says so
                break
            if first is not None:
                raise DuplicateKeyError(key, first, key_node.start_mark.line + 1)
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > 300:  # Python refuses to convert 4,300+ digits; no setting needs more than 16
            raise NumberTooLongError(node.start_mark.line + 1, digits)
        return super().construct_yaml_int(node)


SettingsLoader.add_constructor("tag:yaml.org,2002:int", SettingsLoader.construct_yaml_int)
# YAML 1.1 wants a dot in a float ("1.0e3"); buyers write 1e3 and mean a thousand.
SettingsLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |\.[0-9_]+(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


class DuplicateKeyError(Exception):
    """The same key twice in one group: YAML would keep the last silently."""

    def __init__(self, key: Any, first: int, line: int) -> None:
        super().__init__(key, first, line)
        self.key, self.first, self.line = key, first, line


class NumberTooLongError(Exception):
    """An integer with hundreds of digits: refused before Python tries to convert it."""

    def __init__(self, line: int, digits: int) -> None:
        super().__init__(line, digits)
        self.line, self.digits = line, digits


def check_yaml_shape(text: bytes | str, source: str) -> None:
    """Refuse deep nesting and huge node counts from the event stream, before any tree is built.

    libyaml's event parser keeps its own stack (no recursion), so walking the
    events costs a bounded, linear amount of work for any input.
    """
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                line = event.start_mark.line + 1
                raise ConfigError(
                    f"{source} nests groups of settings more than {MAX_NESTING} levels deep (line {line}); "
                    "Scorecard settings never need that many.",
                    hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if isinstance(event, (yaml.NodeEvent)):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise ConfigError(
                    f"{source} holds more than {MAX_YAML_NODES:,} values; Scorecard settings never need that many.",
                    hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
                )


def parse_config_text(text: bytes | str, source: str) -> Config:
    """Parse YAML text (an uploaded or stored settings file) safely into a Config."""
    if len(text) > MAX_CONFIG_BYTES:
        raise ConfigError(
            f"{source} is larger than any settings file should be ({len(text):,} bytes; "
            f"the limit is {MAX_CONFIG_BYTES:,}).",
            hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
        )
    not_text = ConfigError(
        f"{source} is not a text settings file.", hint="Upload a .yaml file saved from Scorecard."
    )
    try:
        check_yaml_shape(text, source)
        data = yaml.load(text, Loader=SettingsLoader)  # a safe loader: no Python tags
    except yaml.reader.ReaderError:
        # control characters or bytes that are not text: a spreadsheet or zip uploaded by mistake
        raise not_text from None
    except DuplicateKeyError as error:
        raise ConfigError(
            f"{source} gives `{shorten(str(error.key))}` twice in the same group "
            f"(line {error.first} and line {error.line}); Scorecard cannot tell which one you meant.",
            hint="Delete one of the two lines and load the settings again.",
        ) from None
    except NumberTooLongError as error:
        raise ConfigError(
            f"{source} has a number of {error.digits:,} digits at line {error.line}; "
            "no setting needs more than a few.",
            hint="Check the number of digits on that line.",
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise ConfigError(
            f"{source} could not be read{where}: {shorten(str(problem))}.",
            hint="Check the indentation and colons there.",
        ) from None
    except (UnicodeDecodeError, ValueError):
        raise not_text from None
    except RecursionError:  # a last line of defence; check_yaml_shape refuses deep files first
        raise ConfigError(
            f"{source} nests groups of settings too deeply to read.",
            hint="Upload a .yaml file saved from Scorecard, or one of the presets.",
        ) from None
    return parse_config(data, source)


def preset_paths() -> list[Path]:
    """The preset configs shipped in `configs/`, default first."""
    paths = sorted(CONFIG_DIR.glob("*.yaml"))
    return sorted(paths, key=lambda p: (p.stem != "default", p.stem))


def load_preset(name: str) -> Config:
    return load_config(CONFIG_DIR / f"{name}.yaml")
