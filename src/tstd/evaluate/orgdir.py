"""An organisation directory: ``organization.yaml`` (with optional ``self_assessment:``) and the
organisation's declarations, loaded and checked by the real loader and every rule pack of the engine."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tstd.engine.causes import fold_causes
from tstd.engine.runner import Engine
from tstd.evaluate.answers import Answer, Problem, parse_answers
from tstd.evaluate.conduct_model import ConductModel
from tstd.evaluate.evidence import inferred_rules
from tstd.evaluate.measures import StandardInput
from tstd.evaluate.result import Evaluation
from tstd.evaluate.scoring import evaluate
from tstd.inputs.discover import Discovery
from tstd.inputs.textfile import DEFAULT_MAX_BYTES, TextDecodeError, decode
from tstd.safety import ReadRefused, TooLarge, read_capped
from tstd.safeyaml import CONSTRUCT_ERRORS, TextKeyLoader, check_node

ORGANIZATION_FILES = ("organization.yaml", "organization.yml", "organization.json")


class OrganizationDirError(ValueError):
    """The directory cannot be evaluated at all (no or unreadable organisation file); names file and problem."""


@dataclass(frozen=True)
class OrganizationDir:
    path: Path
    organization_file: str  # as shown in reports
    organization: dict[str, Any]  # the organisation mapping without its answers
    answers: tuple[Answer, ...]
    problems: tuple[Problem, ...]
    standards: tuple[StandardInput, ...]


def load_organization_dir(path: Path, engine: Engine) -> OrganizationDir:
    """Read the organisation file and check every declaration below ``path`` with ``engine``."""
    if not path.is_dir():
        raise OrganizationDirError(f"{path}: 不是目录 / not a directory")
    org_path = next((path / n for n in ORGANIZATION_FILES if (path / n).is_file()), None)
    if org_path is None:
        raise OrganizationDirError(
            f"{path}: 缺少 organization.yaml / no organization.yaml (the organisation file, see docs/evaluate.md)")
    shown = _shown(org_path)
    organization, lines = _read_mapping(org_path, shown)
    answers, problems = parse_answers(organization.pop("self_assessment", None), path, shown, lines)

    standards = []
    with Discovery([str(path)]) as found:
        files = [item.path for item in found if item.path is not None and item.path.suffix.lower() not in (".pdf", ".docx")]
    for file in files:
        if file.resolve() == org_path.resolve():
            continue
        loaded = engine.loader.load(file, require_declaration=False)
        if loaded.document is None and not loaded.problems:
            continue  # another YAML file that is not a declaration
        name = _shown(file)
        result = fold_causes(engine.result_of(loaded, name), engine.ctx.lang)  # as `tstd check` reports it
        data = loaded.document.data if loaded.document is not None else {}
        standards.append(StandardInput(name, data, result.findings))
        other = loaded.document.organization_name if loaded.document is not None else None
        if other is not None and other != organization.get("name"):
            problems.append(Problem("organization", f"声明的社会团体为「{other}」，与 {shown} 不一致 / "
                                    "declaration names another organisation", name))
    return OrganizationDir(path, shown, organization, tuple(answers), tuple(problems), tuple(standards))


def evaluate_directory(path: Path, engine: Engine, model: ConductModel, today: dt.date | None = None) -> Evaluation:
    """Load, check and score an organisation directory."""
    org = load_organization_dir(path, engine)
    return evaluate(model, org.organization, org.standards, org.answers,
                    organization_file=org.organization_file, problems=org.problems,
                    packs=[(p.id, p.version) for p in engine.packs], today=today,
                    inferred=inferred_rules(engine.packs))


def _read_mapping(path: Path, shown: str) -> tuple[dict[str, Any], dict[str, int]]:
    """The organisation mapping and the lines of its ``self_assessment`` answers (YAML only)."""
    lines: dict[str, int] = {}
    try:
        raw = read_capped(path, DEFAULT_MAX_BYTES)  # never trusts st_size; regular files only
        text = decode(raw).text
        data = _load_json(text) if path.suffix == ".json" else _load_yaml(text, lines)
    except TooLarge:
        raise OrganizationDirError(f"{shown}: 文件过大 / file larger than {DEFAULT_MAX_BYTES} bytes") from None
    except ReadRefused as exc:
        raise OrganizationDirError(f"{shown}: 无法读取 / cannot read: {exc.reason}") from None
    except OSError as exc:
        raise OrganizationDirError(f"{shown}: 无法读取 / cannot read: {exc.strerror or exc}") from None
    except (TextDecodeError, UnicodeDecodeError) as exc:
        raise OrganizationDirError(f"{shown}: 编码无法识别 / unknown encoding: {exc}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"第 {mark.line + 1} 行 / line {mark.line + 1}: " if mark else ""
        raise OrganizationDirError(f"{shown}: {where}YAML 语法错误 / syntax error: {exc.problem}") from None
    except (yaml.YAMLError, *CONSTRUCT_ERRORS) as exc:  # odd tags, huge integers, recursion: never a traceback
        raise OrganizationDirError(f"{shown}: 无法解析 / cannot parse: {exc}") from None
    if not isinstance(data, dict):
        raise OrganizationDirError(f"{shown}: 应为映射（键: 值）/ must be a mapping")
    return data, lines


def _load_yaml(text: str, lines: dict[str, int]) -> Any:
    """Parse once through the node tree, noting the line of each answer and of its keys."""
    loader = TextKeyLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            check_node(node)  # alias budget, depth, plain tags only (tstd.safeyaml): before any expansion
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "self_assessment" and isinstance(value, yaml.SequenceNode):
                    for i, item in enumerate(value.value):
                        lines[f"self_assessment[{i}]"] = item.start_mark.line + 1
                        for k, _ in item.value if isinstance(item, yaml.MappingNode) else ():
                            lines[f"self_assessment[{i}].{k.value}"] = k.start_mark.line + 1
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _load_json(text: str) -> Any:
    """JSON with the declaration loader's bounds: nesting depth and node count (JSON has no aliases)."""
    from tstd import limits
    from tstd.inputs.declaration import LimitExceeded, count_nodes, json_depth

    if json_depth(text) > limits.MAX_DEPTH:
        raise ValueError(f"nested deeper than {limits.MAX_DEPTH} levels / 嵌套超过 {limits.MAX_DEPTH} 层")
    data = json.loads(text)
    try:
        count_nodes(data)
    except LimitExceeded as exc:
        raise ValueError(f"{exc.what_en} beyond {exc.limit} / {exc.what}超过 {exc.limit}") from None
    return data


def _shown(path: Path) -> str:
    """Paths as users typed them: relative to the working directory when below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
