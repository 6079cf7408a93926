"""tstd — compliance checks for Chinese group standards (团体标准)."""

__version__ = "0.1.0"
