"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request's diff.

``::error file=…,line=…,col=…,title=…::message`` (``warning`` and ``notice`` likewise) is printed to the
job's log; GitHub shows it on the named line of the changed file. The command's data and its properties
must be escaped as the runner expects ("%", CR, LF in the message; also ":" and "," in properties), or a
colon in a Chinese file name would cut the file path short.
"""

from __future__ import annotations

from tstd.model import Finding, RunReport, Severity
from tstd.report import formatter
from tstd.report.common import page_suffix, per_finding, severity_label

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape the message part of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (file, title): the data escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, file: str, lang: str) -> str:
    """The workflow command for one finding of ``file``."""
    props = [f"file={escape_property(f.source or file)}"]
    if f.line is not None:
        props.append(f"line={f.line}")
        if f.column is not None:
            props.append(f"col={f.column}")
    props.append(f"title={escape_property(f'{f.rule} {severity_label(f.severity, lang)}')}")
    message = f.message + page_suffix(f.page, lang)
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}\n"


stream = per_finding(annotation)


@formatter("github", ".txt", stream=stream)
def render(report: RunReport) -> str:
    """GitHub Actions annotations (::error file=…,line=…::message) for pull-request checks."""
    return "".join(stream(report))
