"""The self-contained HTML report (Chinese, printable on A4): jinja2 with autoescaping.

Printed (by a browser, or by ``tstd evaluate --format pdf``), every page carries the organisation, the
page number and the page count; the last section is the signature and seal block (填报人、负责人、日期、
单位盖章) a submitted report needs.

Declaration and organisation text is untrusted input, so every value goes through autoescaping; the
report loads nothing from the network (styles and the chart are inline).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from tstd.evaluate.chart import area_chart
from tstd.evaluate.result import Evaluation
from tstd.evaluate.view import build, chinese

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
    env.filters["zh"] = chinese
    return env


def render_html(ev: Evaluation) -> str:
    """The report as one HTML document."""
    template = _environment().get_template("report.html.j2")
    view = build(ev)
    return template.render(
        ev=ev,
        view=view,
        chart=area_chart(ev.indicators),
        level_titles={lv.id: lv.title.zh for lv in ev.model.levels},
        methods=METHODS,
        severities=SEVERITIES,
    )
