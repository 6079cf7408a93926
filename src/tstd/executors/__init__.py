"""Executors that check files somewhere other than this machine's worker processes (:mod:`tstd.batch`)."""
