"""Hard limits that bound the work one hostile input can cause (documented in docs/security.md).

A real declaration has a few hundred YAML nodes nested six or seven levels deep; its PDF inflates to a few
megabytes. The limits are orders of magnitude above that and far below what exhausts a machine, so that
every bomb is refused deterministically — by counting, never by a clock.
"""

from __future__ import annotations

MAX_NODES = 100_000  # YAML/JSON nodes after alias expansion (a 437-byte alias bomb expands to billions)
MAX_DEPTH = 64  # nesting of mappings and lists in a declaration (recursive aliases nest without end)
MAX_KEY_CHARS = 1_000  # length of one mapping key (keys become field paths shown in every report)
MAX_INT_DIGITS = 1_000  # digits of one integer (CPython refuses 4,300; no declaration needs 20)

MAX_PDF_FILE_BYTES = 256 * 1024 * 1024  # a standard's PDF is a few MB; scanned ones tens of MB
MAX_PDF_STREAM_BYTES = 128 * 1024 * 1024  # one inflated PDF stream (an A4 page image at 600 dpi is ~100 MB)
MAX_PDF_TOTAL_BYTES = 1024 * 1024 * 1024  # all inflated streams of one PDF
MAX_PDF_PAGE_CHARS = 20_000  # characters of text taken from one page (a dense A4 page has ~3,000)
MAX_PDF_DOC_CHARS = 400_000  # characters of text taken from one document (the pass reads the first pages)

MAX_WORKER_MEMORY = 2 * 1024 * 1024 * 1024  # address space of one checking worker (RLIMIT_AS), bytes

MAX_PATTERN_CHARS = 10_000  # one regular expression in a rule pack
MAX_MESSAGE_CHARS = 4_000  # one message template in a rule pack
