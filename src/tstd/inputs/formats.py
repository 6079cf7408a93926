"""What tstd can check, by file name and by contents — kept in this one place.

``CHECKABLE_SUFFIXES`` are the files a directory scan checks; every other file found in a scanned folder is
reported as skipped with the reason :func:`skip_reason` gives (never dropped silently). :func:`sniff` names
a Word, Excel, PDF, zip or other binary file saved under a declaration's extension from its first bytes.
"""

from __future__ import annotations

from pathlib import Path

from tstd.i18n import Text

DECLARATION_SUFFIXES = (".yaml", ".yml", ".json")
TEXT_SUFFIXES = (".pdf", ".docx")  # the standard's text: a published PDF or a Word draft
ARCHIVE_SUFFIXES = (".zip",)
CHECKABLE_SUFFIXES = (*DECLARATION_SUFFIXES, *TEXT_SUFFIXES, *ARCHIVE_SUFFIXES)

# Files that commonly sit next to submissions and why tstd does not check them.
_KNOWN_OTHERS: dict[str, Text] = {
    ".doc": Text("旧版 Word 文档（.doc）：请在 Word 中另存为 .docx 或导出为 PDF",
                 "legacy Word document (.doc): save it as .docx or export it as PDF"),
    ".wps": Text("WPS 文档：请导出为 PDF", "WPS document: export it as PDF"),
    ".xlsx": Text("Excel 表格：tstd 不检查表格；请把声明填写为 YAML", "Excel workbook: tstd does not check spreadsheets; "
                  "write the declaration in YAML"),
    ".xls": Text("旧版 Excel 表格：tstd 不检查表格", "legacy Excel workbook: tstd does not check spreadsheets"),
    ".csv": Text("CSV 表格：tstd check 不读 CSV（目录数据用 tstd catalog import）",
                 "CSV table: tstd check does not read CSV (catalogue data goes through tstd catalog import)"),
    ".rar": Text("RAR 压缩包：仅支持 .zip，请改用 zip 打包", "RAR archive: only .zip is supported"),
    ".7z": Text("7z 压缩包：仅支持 .zip，请改用 zip 打包", "7z archive: only .zip is supported"),
    ".ofd": Text("OFD 版式文件：请导出为 PDF", "OFD document: export it as PDF"),
}
_OTHER = Text("不是 tstd 可检查的文件类型（可检查：{suffixes}）", "not a file type tstd checks (checked: {suffixes})")

# First bytes of the binary formats users mistake for declarations.
_MAGIC: tuple[tuple[bytes, Text], ...] = (
    (b"%PDF-", Text("PDF 文件", "a PDF file")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", Text("旧版 Word/Excel（OLE）文件", "a legacy Word/Excel (OLE) file")),
    (b"Rar!", Text("RAR 压缩包", "a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", Text("7z 压缩包", "a 7z archive")),
    (b"\x89PNG", Text("PNG 图片", "a PNG image")),
    (b"\xff\xd8\xff", Text("JPEG 图片", "a JPEG image")),
)


def skip_reason(path: Path) -> Text:
    """Why a file found in a scanned folder is not checked."""
    known = _KNOWN_OTHERS.get(path.suffix.lower())
    return known if known is not None else _OTHER.format(suffixes=" ".join(CHECKABLE_SUFFIXES))


def sniff(head: bytes, names: list[str] | None = None) -> Text | None:
    """The kind of binary file ``head`` (the first bytes) starts, or None for text.

    A zip is told apart by its member names when given: Word (``word/``), Excel (``xl/``), WPS/OFD, or a
    plain zip archive.
    """
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return label
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        members = names or []
        if any(n.startswith("word/") for n in members):
            return Text("Word 文档（.docx）", "a Word document (.docx)")
        if any(n.startswith("xl/") for n in members):
            return Text("Excel 表格（.xlsx）", "an Excel workbook (.xlsx)")
        if any(n.startswith("ppt/") for n in members):
            return Text("PowerPoint 演示文稿（.pptx）", "a PowerPoint file (.pptx)")
        return Text("zip 压缩包", "a zip archive")
    return None


def sniff_file(path: Path) -> Text | None:
    """:func:`sniff` on a file's first bytes (and, for a zip, its member names); None when unreadable."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError:
        return None
    names: list[str] = []
    if head.startswith(b"PK"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as zf:
                names = zf.namelist()[:50]
        except (zipfile.BadZipFile, OSError, ValueError):
            names = []
    return sniff(head, names)
