"""Reading declaration values defensively: a wrong type is the schema's business, never a crash here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tstd.normalize import nfkc

_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def is_empty(value: Any) -> bool:
    """Missing for disclosure purposes: None, blank text, or an empty list/mapping."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, dict)):
        return not value
    return False


def as_date(value: Any) -> dt.date | None:
    """A date from a YAML date, ``2024-05-10``, ``2024/5/10``, ``2024.05.10`` or ``2024年5月10日``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE_RE.match(nfkc(value))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(nfkc(value).strip())
        except ValueError:
            return None
    return None


def display(value: Any) -> str:
    """How a value is quoted in messages."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(display(v) for v in value)
    return "" if value is None else str(value)


def as_list(value: Any) -> list[Any]:
    """A scalar or a list, as a list (``ics: 97.040`` and ``ics: [97.040, 97.030]`` are both allowed)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
