"""Caches that make repeated runs cheap: validated packs and parsed catalogues (start-up), and per-file
results (re-audits). Everything is stored as plain values with :mod:`marshal` — never pickle — because a
cache directory may be shared with, or writable by, other users: reading it can never run code.

See :mod:`tstd.cache.store` (where and how entries are written), :mod:`tstd.cache.data` (the packs and the
catalogue) and :mod:`tstd.cache.results` (per-file results).
"""
