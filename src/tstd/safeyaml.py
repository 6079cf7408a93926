"""Bounded YAML loading for configuration files (rule packs, catalogues, config): never a hang, never a crash.

``yaml.safe_load`` is safe from code execution, not from work: a 437-byte alias bomb expands to billions
of nodes once anything walks the result, a recursive alias builds a cyclic structure that crashes every
walker with RecursionError, and odd tagged values (``!!bool maybe``) raise KeyError from the constructor.
:func:`load` composes the node graph, walks it once with a node budget (aliases counted once per use) and a
depth limit, allows only the JSON-like tags, makes every mapping key text, and only then constructs the
data. Every failure is a :class:`BoundedYamlError` (a ``yaml.MarkedYAMLError``: callers that already handle
YAML syntax errors report it with its line and column).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tstd import limits

PLAIN_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp",
                                                         "seq", "map", "merge"))

# Exceptions PyYAML's constructors raise on odd tagged values (`!!bool maybe` → KeyError, `!!timestamp x` →
# AttributeError, `!!int 1e999` → ValueError).
CONSTRUCT_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError, RecursionError)


class BoundedYamlError(yaml.MarkedYAMLError):
    """The text is beyond a limit or holds a value no configuration can use; located when possible."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        super().__init__(None, None, problem + where, None)
        self.problem_mark = mark  # kept for callers that locate the error; the text already says where

    def __str__(self) -> str:
        return str(self.problem)


class TextKeyLoader(yaml.CSafeLoader):
    """libyaml's safe loader whose mapping keys are always the text written (``1: x`` → key ``"1"``)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else self.construct_object(key_node)
                out[key] = self.construct_object(value_node, deep=deep)
            return out
        return super().construct_mapping(node, deep=deep)


def check_node(node: yaml.Node, max_nodes: int = limits.MAX_NODES, max_depth: int = limits.MAX_DEPTH) -> None:
    """Walk ``node`` once (iteratively) and raise BoundedYamlError past the node budget or depth, on a tag
    outside :data:`PLAIN_TAGS`, or on a list or mapping used as a key."""
    stack: list[tuple[yaml.Node, int]] = [(node, 0)]
    seen = 0
    while stack:
        current, depth = stack.pop()
        seen += 1
        if seen > max_nodes:
            raise BoundedYamlError(f"more than {max_nodes} values (YAML aliases counted once per use)",
                                   current.start_mark)
        if depth > max_depth:
            raise BoundedYamlError(f"nested deeper than {max_depth} levels (recursive alias?)", current.start_mark)
        if current.tag not in PLAIN_TAGS:
            raise BoundedYamlError(f"unsupported tag {current.tag!r}", current.start_mark)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise BoundedYamlError("a list or mapping used as a key", key.start_mark)
                if len(key.value) > limits.MAX_KEY_CHARS:
                    raise BoundedYamlError(f"key longer than {limits.MAX_KEY_CHARS} characters", key.start_mark)
                stack.append((key, depth + 1))
                stack.append((value, depth + 1))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in current.value)


def load(text: str) -> Any:
    """The data of one YAML document, bounded as the module docstring says; None for an empty document."""
    loader = TextKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_node(node)
        try:
            return loader.construct_document(node)
        except yaml.YAMLError:
            raise
        except CONSTRUCT_ERRORS as exc:
            raise BoundedYamlError(f"{type(exc).__name__}: {exc}", node.start_mark) from None
    finally:
        loader.dispose()


MAX_CONFIG_BYTES = 64 * 1024 * 1024  # a catalogue export of every mandatory standard is a few MB


def preflight(path: Path) -> str:
    """Why the configuration file ``path`` (YAML or JSON) must not be handed to its loader — too large, not
    a regular file, an alias bomb, an odd tag … — or '' when the loader may read it (it reports the rest)."""
    from tstd.inputs.textfile import TextDecodeError, decode
    from tstd.safety import ReadRefused, TooLarge, read_capped

    try:
        load(decode(read_capped(path, MAX_CONFIG_BYTES)).text)
    except TooLarge:
        return f"larger than {MAX_CONFIG_BYTES} bytes"
    except ReadRefused as exc:
        return exc.reason
    except (OSError, TextDecodeError, UnicodeDecodeError):
        return ""  # the loader reports unreadable files and encodings in its own words
    except yaml.YAMLError as exc:
        return str(exc)
    return ""
