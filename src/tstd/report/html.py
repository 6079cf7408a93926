"""HTML batch report: one self-contained page an auditor can open, archive or mail.

Totals, inline SVG bar charts of findings by category and by organisation (stacked by severity), the top
failing rules with their legal basis, a table per organisation, the findings of each file (with a filter by
rule, organisation and severity) and the files that passed. No scripts, fonts or images are fetched; a
Content-Security-Policy forbids it and allows only the page's own inline filter script, by its hash.
Printed, the page is A4 with page numbers; tables have fixed column widths so no column is squeezed.

Declaration text is untrusted, so the page is rendered by Jinja2 with autoescaping on (the template is
``templates/batch.html.j2``). Large batches list at most :data:`MAX_FILES` files and :data:`MAX_ORGS`
organisations in full; the charts and totals always cover everything.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from typing import Any

from tstd.model import Category, RunReport, Severity, Summary
from tstd.report import formatter
from tstd.report.common import (
    SEVERITY_LABEL,
    category_label,
    cite,
    organization_label,
    position,
    rule_catalogue,
    severity_label,
    words,
)

MAX_FILES = 2000
MAX_ORGS = 500
CHART_ORGS = 15
_COLOR = {Severity.ERROR: "#c62828", Severity.WARNING: "#ef8f00", Severity.INFO: "#1565c0"}
_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_OWN = {
    "title": ("tstd 团体标准合规检查报告", "tstd group-standard compliance report"),
    "files": ("文件", "files"),
    "failing": ("有错误的文件", "files with errors"),
    "charts": ("问题分布", "Findings at a glance"),
    "by_category": ("按类别统计的问题", "Findings by category"),
    "by_organization": ("按团体统计的问题", "Findings by organisation"),
    "rule_title": ("名称", "Title"),
    "basis": ("依据", "Basis"),
    "organization": ("团体", "Organisation"),
    "more_files": ("另有 {n} 个有问题的文件未在此列出，完整结果见 JSON / CSV / SARIF。",
                   "{n} more files with findings are not listed here; see the JSON, CSV or SARIF output."),
    "more_organizations": ("另有 {n} 个团体未列出。", "{n} more organisations not listed."),
    "all": ("全部", "all"),
    "passed": ("未发现问题的文件", "Files without findings"),
    "more_passed": ("另有 {n} 个未发现问题的文件未在此列出。", "{n} more files without findings are not listed."),
    "shown": ("显示 {n} 个问题", "{n} findings shown"),
    "suppressed": ("已豁免", "suppressed"),
    "skipped": ("未检查的文件", "files skipped"),
    "reason": ("原因", "Reason"),
}
# The client-side filter: the page's only script, inline (nothing is fetched) and allowed by its hash in the
# Content-Security-Policy. It shows the findings matching the chosen rule, organisation and severity; the
# form stays hidden where scripts do not run (printing, mail readers), so nothing shows that cannot work.
FILTER_SCRIPT = """(function () {
  var form = document.getElementById('filter');
  if (!form) { return; }
  form.hidden = false;
  var selects = Array.prototype.slice.call(form.querySelectorAll('select'));
  var counter = document.getElementById('shown');
  function apply() {
    var want = {};
    selects.forEach(function (s) { want[s.getAttribute('data-key')] = s.value; });
    var active = want.rule || want.org || want.sev;
    var shown = 0;
    document.querySelectorAll('details.file').forEach(function (file) {
      var orgOk = !want.org || file.getAttribute('data-org') === want.org;
      var any = false;
      file.querySelectorAll('tr.finding').forEach(function (row) {
        var ok = orgOk && (!want.rule || row.getAttribute('data-rule') === want.rule) &&
                 (!want.sev || row.getAttribute('data-sev') === want.sev);
        row.hidden = !ok;
        if (ok) { any = true; shown += 1; }
      });
      file.hidden = !any;
      if (any && active) { file.open = true; }
    });
    counter.textContent = counter.getAttribute('data-text').replace('{n}', String(shown));
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  apply();
})();"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode("utf-8")).digest()).decode("ascii")


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    color: str


@dataclass(frozen=True)
class Bar:
    label: str
    short: str
    total: int
    y: int
    end: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar chart, laid out here so the template only draws."""

    bars: tuple[Bar, ...]
    legend: tuple[dict[str, str], ...]
    width: int = 760
    label_width: int = 230
    bar_width: int = 460
    row: int = 22

    @property
    def height(self) -> int:
        return len(self.bars) * self.row + 30


def chart(rows: list[tuple[str, dict[Severity, int]]], lang: str) -> Chart:
    """Lay out one bar per (label, counts by severity), scaled to the largest total."""
    layout = Chart((), ())
    biggest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    bars = []
    for i, (label, counts) in enumerate(rows):
        x = float(layout.label_width)
        segments = []
        for severity in _SEVERITIES:
            width = counts.get(severity, 0) / biggest * layout.bar_width
            if width:
                segments.append(Segment(round(x, 1), round(width, 1), _COLOR[severity]))
                x += width
        short = label if len(label) <= 16 else label[:15] + "…"
        bars.append(Bar(label, short, sum(counts.values()), i * layout.row, round(x, 1), tuple(segments)))
    legend = tuple({"label": severity_label(s, lang), "color": _COLOR[s]} for s in _SEVERITIES)
    return Chart(tuple(bars), legend)


@functools.lru_cache(maxsize=1)
def _template() -> Any:
    # Imported and compiled once per process, and only when HTML is asked for.
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("tstd.report", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("batch.html.j2")


@formatter("html", ".html")
def render(report: RunReport) -> str:
    """Self-contained HTML batch report with charts by category and organisation (autoescaped)."""
    lang = report.lang
    summary = report.summary
    rules = {r.id: r for r in rule_catalogue(report)}
    by_category: dict[Category, dict[Severity, int]] = {}
    files: list[dict[str, Any]] = []
    passed: list[dict[str, Any]] = []
    passed_total = 0
    more_files = 0
    for result in report.checked():
        for f in result.active:
            counts = by_category.setdefault(f.category, {})
            counts[f.severity] = counts.get(f.severity, 0) + 1
        if not result.active:
            passed_total += 1
            if len(passed) < MAX_FILES:
                passed.append({"name": result.file, "standard": result.standard,
                               "organization": result.organization})
            continue
        if len(files) >= MAX_FILES:
            more_files += 1
            continue
        files.append({
            "name": result.file, "standard": result.standard, "organization": result.organization,
            "org_key": organization_label(result.organization, lang),
            "worst": (result.worst or Severity.INFO).value,
            "findings": [{
                "severity": f.severity.value, "severity_label": severity_label(f.severity, lang),
                "rule": f.rule, "source": f.source, "where": position(f, lang), "path": f.path,
                "message": f.message, "evidence": f.evidence, "basis": cite(f.basis, lang),
            } for f in result.active],
        })
    return str(_template().render(
        lang=lang, t=words(lang, **_OWN),
        sev={s.value: label.get(lang) for s, label in SEVERITY_LABEL.items()},
        version=report.tool_version, packs=report.packs, summary=summary,
        category_chart=chart([(category_label(c, lang), counts) for c, counts in sorted(
            by_category.items(), key=lambda kv: (-sum(kv[1].values()), kv[0].value))], lang),
        organization_chart=chart(_organization_rows(summary, lang)[:CHART_ORGS], lang),
        top=[{"id": rule_id, "title": rules[rule_id].title.get(lang),
              "category": category_label(rules[rule_id].category, lang), "basis": cite(rules[rule_id].basis, lang),
              "files": n_files, "findings": n} for rule_id, n_files, n in summary.top_rules(20)],
        organizations=_organization_table(summary, lang)[:MAX_ORGS],
        more_organizations=max(0, len(summary.by_organization) - MAX_ORGS),
        files=files, more_files=more_files, passed=passed, passed_total=passed_total,
        filter_rules=sorted({f["rule"] for file in files for f in file["findings"]}),
        filter_orgs=sorted({file["org_key"] for file in files}),
        script=FILTER_SCRIPT, script_hash=SCRIPT_HASH,
        skipped=[{"file": r.file, "reason": r.skipped} for r in report.skipped_files()][:MAX_FILES],
        notes=[n.get(lang) for n in report.notes],
    ))


def _organization_rows(summary: Summary, lang: str) -> list[tuple[str, dict[Severity, int]]]:
    """Organisations with findings, most findings first."""
    rows = [(organization_label(name, lang), {s: counts[f"{s.value}s"] for s in _SEVERITIES})
            for name, counts in summary.by_organization.items()]
    rows = [r for r in rows if sum(r[1].values())]
    return sorted(rows, key=lambda r: (-sum(r[1].values()), r[0]))


def _organization_table(summary: Summary, lang: str) -> list[dict[str, Any]]:
    """Every organisation, most failing files first."""
    rows = [{"name": organization_label(name, lang), **counts}
            for name, counts in summary.by_organization.items()]
    return sorted(rows, key=lambda r: (-r["failing"], -r["errors"], -r["warnings"], str(r["name"])))
