"""Inputs: turn files on disk into Documents the engine can check."""
