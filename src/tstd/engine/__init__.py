"""The engine: rule packs, check kinds and the run that turns Documents into Findings."""
