"""What a check read: the declaration loader used while results are cached notes every file a check opens,
so that :mod:`tstd.cache.results` can tell when a stored result no longer holds."""

from __future__ import annotations

from pathlib import Path

from tstd.cache.results import Dependency
from tstd.cache.store import file_digest
from tstd.inputs.declaration import DeclarationLoader, Loaded

# Files that sit next to a declaration with the same stem and change its result when they appear or change.
SIBLING_SUFFIXES = (".yaml", ".yml", ".json", ".pdf", ".docx")


class RecordingLoader(DeclarationLoader):
    """The declaration loader, noting every file a check reads through it (the declaration, its organisation
    file, the PDF it names) so that the result cache knows what the result depends on."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(max_bytes=max_bytes)
        self.read: list[Path] = []

    def load(self, path: Path, *, require_declaration: bool = True) -> Loaded:
        loaded = super().load(path, require_declaration=require_declaration)
        self.read.append(path)
        doc = loaded.document
        if doc is not None:
            self.read.extend(doc.sources.values())
            named = doc.get("standard.full_text.file")
            if isinstance(named, str) and named.strip():
                self.read.append(doc.path.parent / named.strip())
        return loaded

    def dependencies(self, path: Path) -> tuple[Dependency, ...]:
        """What the last check of ``path`` depended on, with digests; resets the record."""
        files = {path, *self.read}
        for base in [path, *self.read]:
            files.update(base.with_suffix(s) for s in SIBLING_SUFFIXES)
        self.read = []
        return tuple((str(p), file_digest(p)) for p in sorted(files, key=str))
