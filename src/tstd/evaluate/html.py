"""The self-contained HTML report (Chinese, printable on A4): jinja2 with autoescaping.

Declaration and organisation text is untrusted input, so every value goes through autoescaping; the
report loads nothing from the network (styles and the chart are inline).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from tstd.evaluate.chart import area_chart
from tstd.evaluate.result import Evaluation
from tstd.evaluate.scoring import ORGANIZATION_FACTS

if TYPE_CHECKING:
    import jinja2

METHODS = {"auto": "自动", "self": "自评", "both": "自动＋自评"}
SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}


def points(value: float) -> str:
    """``12.0`` → ``12``, ``2.5`` → ``2.5``, ``1.333`` → ``1.33``."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@cache
def _environment() -> jinja2.Environment:
    import jinja2  # only when a report is rendered: `tstd check` and `tstd --help` do not pay for it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tstd.evaluate", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pts"] = points
    return env


def render_html(ev: Evaluation) -> str:
    """The report as one HTML document."""
    template = _environment().get_template("report.html.j2")
    labels = dict((path, label) for label, path in ORGANIZATION_FACTS)
    return template.render(
        ev=ev,
        facts=[(labels[k], v) for k, v in ev.organization.items()],
        chart=area_chart(ev.indicators),
        rows=list(ev.walk()),
        level_titles={lv.id: lv.title.zh for lv in ev.model.levels},
        methods=METHODS,
        severities=SEVERITIES,
    )
