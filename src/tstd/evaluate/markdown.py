"""The evaluation as Markdown (for wikis, PR comments and e-mail): same content as the HTML, no chart."""

from __future__ import annotations

from tstd.evaluate.html import METHODS, SEVERITIES, points
from tstd.evaluate.result import Evaluation
from tstd.evaluate.view import GapView, build


def _cell(value: object) -> str:
    """Table-cell text: pipes escaped, line breaks folded."""
    return " ".join(str(value).split()).replace("|", "\\|")


def _gap(g: GapView) -> str:
    where = f"（{g.where}）" if g.where else ""
    return f"{g.standard + '：' if g.standard else ''}{g.text}{where}"


def render_markdown(ev: Evaluation) -> str:
    """The report as GitHub-flavoured Markdown."""
    view = build(ev)
    name = ev.organization.get("name", "（未填写团体名称）")
    level = f"{ev.level.title.zh}（{ev.level.id}）" if ev.level else "未定级"
    out = [
        f"# {name} 团体标准化良好行为自我评价报告",
        "",
        f"> {ev.model.notice.zh}",
        "",
        f"- 评价日期：{ev.date.isoformat()}",
        f"- 总得分：**{points(ev.score)} / {points(ev.max_score)}**（{ev.percent:.1f}%）",
        f"- 评价等级：**{level}**",
        f"- 所查团体标准：{len(ev.standards)} 项",
    ]
    titles = {lv.id: lv.title.zh for lv in ev.model.levels}
    for veto in ev.vetoes:
        cap = f"最高评为「{titles.get(veto.cap, veto.cap)}」（{veto.cap}）" if veto.cap else "不予评定"
        out.append(f"- 否决项：{veto.title.zh}（等级{cap}）：" + "；".join(_gap(g) for g in view.veto_gaps[veto.id]))
    out += ["", "## 一、社会团体基本信息", "", "| 项目 | 内容 |", "|---|---|"]
    out += [f"| {label} | {_cell(value)} |" for label, value in view.facts]
    out += ["", "## 二、各评价领域得分", "", "| 领域 | 得分 | 满分 | 得分率 |", "|---|---:|---:|---:|"]
    out += [
        f"| {a.id} {_cell(a.title.zh)} | {points(a.score)} | {points(a.max_score)} | {a.percent:.0f}% |"
        for a in ev.indicators if a.applicable
    ]
    out += ["", "## 三、指标得分明细", "", "| 编号 | 指标 | 计分方式 | 分值 | 得分 | 证明材料 | 缺失与失分原因 |",
            "|---|---|---|---:|---:|---|---|"]
    for row in view.rows:
        node = row.node
        if node.children:
            out.append(f"| **{node.id}** | **{_cell(node.title.zh)}** | | | **{points(node.score)}/"
                       f"{points(node.max_score)}** | | |")
            continue
        score = points(node.score) if node.applicable else "不适用"
        evidence = "<br>".join(_cell(e) for e in row.evidence)
        missing = "<br>".join(_cell(_gap(g)) for g in row.gaps)
        out.append(f"| {node.id} | {_cell(node.title.zh)} | {METHODS[node.method or 'auto']} | {points(node.points)} "
                   f"| {score} | {evidence} | {missing} |")
    out += ["", "## 四、所查团体标准及检查结果", ""]
    if not view.standards:
        out.append("未找到团体标准声明文件。")
    for s in view.standards:
        c = s.counts
        out += [f"### {s.number} {s.title}".rstrip(), "",
                f"文件：`{s.file}`；错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}", ""]
        for item in s.findings:
            f = item.finding
            affects = f"；影响指标 {'、'.join(item.indicators)}" if item.indicators else ""
            out.append(f"{item.number}. {SEVERITIES[f.severity.value]} `{f.rule}` {item.message}（{item.where}{affects}）")
        out.append("")
    out += ["## 五、改进措施", ""]
    if not view.actions:
        out.append("各项指标均已得满分。")
    for i, a in enumerate(view.actions, 1):
        out.append(f"{i}. **{a.indicator} {a.title}**（失 {points(a.lost)} 分）：{a.text}")
        out += [f"   - {_gap(g)}" for g in a.gaps]
    if view.problems:
        out += ["", "## 六、输入问题", ""]
        out += [f"- {p}" for p in view.problems]
    out += [
        "", f"## {'七' if view.problems else '六'}、评价模型与说明", "",
        f"- 评价模型：{ev.model.title.zh}（{ev.model.id}，版本 {ev.model.version}）"
        + ("" if ev.model.official else "，非官方评分表"),
        f"- 模型文件：{view.model_source}",
        "- 等级划分：" + ("；".join(f"{lv.title.zh}（{lv.id}）≥ {points(lv.min_percent)}%" for lv in ev.model.levels)
                       or "本模型未设等级"),
        "- 检查规则包：" + ("、".join(f"{pid} {version}" for pid, version in ev.packs) or "（未记录）"),
        f"- 生成工具：tstd {ev.tool_version}",
        "",
        "## 填报与确认", "",
        "| 填报人 | 负责人 | 日期 | 单位盖章 |", "|---|---|---|---|", "| | | | |", "",
    ]
    return "\n".join(out)
