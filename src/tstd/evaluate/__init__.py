"""Good-conduct self-evaluation (团体标准化良好行为自我评价): model, scoring and reports.

``load_model`` reads an indicator model (the default ``rules/conduct.yaml`` or a user's file);
``evaluate`` scores an organisation and its declarations (each with the findings the rule packs
reported) against it; ``RENDERERS`` turn the resulting :class:`Evaluation` into html, markdown or json.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tstd.evaluate.answers import Answer, Problem, parse_answers
from tstd.evaluate.conduct_model import ConductModel, ModelError, default_model_path, load_model
from tstd.evaluate.html import render_html
from tstd.evaluate.jsonout import render_json, to_dict
from tstd.evaluate.markdown import render_markdown
from tstd.evaluate.measures import StandardInput
from tstd.evaluate.result import Evaluation
from tstd.evaluate.scoring import evaluate

# format name → (renderer, default file suffix)
RENDERERS: dict[str, tuple[Callable[[Evaluation], str], str]] = {
    "html": (render_html, ".html"),
    "markdown": (render_markdown, ".md"),
    "json": (render_json, ".json"),
}

__all__ = [
    "RENDERERS", "Answer", "ConductModel", "Evaluation", "ModelError", "Problem", "StandardInput",
    "default_model_path", "evaluate", "load_model", "parse_answers", "render_html", "render_json",
    "render_markdown", "to_dict",
]


class _CallablePackage(types.ModuleType):
    """``import tstd.evaluate`` makes this package the attribute ``tstd.evaluate``, hiding the public API
    function of that name; calling the package therefore calls it (``tstd.evaluate(directory)``, docs/api.md)."""

    def __call__(self, directory: str | Path, **kwargs: Any) -> Evaluation:
        from tstd.api import evaluate as api_evaluate

        return api_evaluate(directory, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
