"""Confinement: a submission can only make tstd read regular files inside its own root (docs/security.md)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tstd.inputs.declaration import OUTSIDE_SUBMISSION, DeclarationLoader
from tstd.run import CheckOptions, build_engine, check_paths
from tstd.safety import TooLarge, confine, read_capped, submission_root

SECRET = "tstd: 1\nstandard: {number: T/SECRET 1—2020}\norganization: {name: 机密协会口令-hunter2}\n"


def declaration(org: str, pdf: str | None = None) -> str:
    text = f"tstd: 1\norganization: {org!r}\nstandard:\n  number: T/CECEA 012—2024\n  title: 家用智能电饭煲能效与安全要求\n"
    if pdf is not None:
        text += f"  full_text: {{file: {pdf!r}}}\n"
    return text


@pytest.fixture
def host(tmp_path: Path) -> Path:
    """A file of the 'checking machine', outside every submission below."""
    secret = tmp_path / "host" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def _refusals(tmp_path: Path, decl: Path, root: Path | None) -> list[tuple[str, str | None]]:
    loader = DeclarationLoader()
    with submission_root(root):
        loaded = loader.load(decl)
    assert loaded.document is not None
    assert "hunter2" not in repr(loaded.document.data)  # nothing of the host file reached the data
    return [(p.rule, p.hit.path) for p in loaded.problems if p.rule == OUTSIDE_SUBMISSION]


@pytest.mark.parametrize("route", ["absolute", "dotdot", "dotdot-inside-then-out", "symlink-file", "symlink-dir"])
def test_every_escape_route_of_the_organisation_file_is_refused(tmp_path: Path, host: Path, route: str) -> None:
    sub = tmp_path / "submission"
    (sub / "a").mkdir(parents=True)
    ref = {"absolute": str(host), "dotdot": "../../host/secret.yaml",
           "dotdot-inside-then-out": "../a/../../host/secret.yaml", "symlink-file": "org.yaml",
           "symlink-dir": "shared/secret.yaml"}[route]
    if route == "symlink-file":
        (sub / "a" / "org.yaml").symlink_to(host)
    if route == "symlink-dir":
        (sub / "a" / "shared").symlink_to(host.parent, target_is_directory=True)
    decl = sub / "a" / "T-CECEA-012-2024.yaml"
    decl.write_text(declaration(ref), encoding="utf-8")
    assert _refusals(tmp_path, decl, sub) == [(OUTSIDE_SUBMISSION, "organization")]


def test_a_reference_inside_the_root_is_followed(tmp_path: Path) -> None:
    sub = tmp_path / "submission"
    (sub / "standards").mkdir(parents=True)
    (sub / "organization.yaml").write_text("name: 中国电子节能技术协会\n", encoding="utf-8")
    decl = sub / "standards" / "T-1.yaml"
    decl.write_text(declaration("../organization.yaml"), encoding="utf-8")
    loader = DeclarationLoader()
    with submission_root(sub):  # the directory given on the command line
        loaded = loader.load(decl)
    assert loaded.document is not None and loaded.document.get("organization.name") == "中国电子节能技术协会"
    # Named on its own, the same declaration may not climb out of its own directory.
    assert _refusals(tmp_path, decl, None) == [(OUTSIDE_SUBMISSION, "organization")]


@pytest.mark.parametrize("field", ["standard.full_text.file", "standard.release_document.file"])
def test_document_references_are_confined_and_removed(tmp_path: Path, host: Path, field: str) -> None:
    decl = tmp_path / "d.yaml"
    section = field.split(".")[1]
    decl.write_text(f"tstd: 1\nstandard:\n  number: T/CAS 3—2021\n  {section}: {{file: {str(host)!r}}}\n",
                    encoding="utf-8")
    loaded = DeclarationLoader().load(decl)
    assert [(p.rule, p.hit.path, p.hit.line) for p in loaded.problems if p.rule == OUTSIDE_SUBMISSION] == [
        (OUTSIDE_SUBMISSION, field, 4)]
    assert loaded.document is not None and loaded.document.get(field) is None  # no later layer follows it


def test_policy_file_in_a_shared_organisation_file_is_reported_for_every_declaration(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("name: 某协会\npolicies:\n  ip: {title: 知识产权管理制度, file: /etc/passwd}\n",
                                       encoding="utf-8")
    loader = DeclarationLoader()
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(declaration("org.yaml"), encoding="utf-8")
        loaded = loader.load(tmp_path / name)
        found = [(p.hit.path, p.source) for p in loaded.problems if p.rule == OUTSIDE_SUBMISSION]
        assert found == [("organization.policies.ip.file", tmp_path / "org.yaml")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_devices_and_fifos_are_never_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.yaml")  # opening it for reading would block forever
    target, reason = confine(tmp_path / "d.yaml", "fifo.yaml")
    assert target is None and "not a regular file (FIFO)" in reason
    with submission_root("/dev"):  # even inside the root, a device is not read (st_size 0: reads forever)
        target, reason = confine(Path("/dev/d.yaml"), "zero")
    assert target is None and "not a regular file (character device)" in reason
    with pytest.raises(OSError, match="not a regular file"):
        read_capped(tmp_path / "fifo.yaml", 100)
    # A declaration named on the command line as /dev/zero is refused the same way (never read forever).
    assert [p.rule for p in DeclarationLoader().load(Path("/dev/zero")).problems] == ["TSTD-INPUT-001"]


def test_read_is_capped_by_what_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 101)
    with pytest.raises(TooLarge):
        read_capped(big, 100)
    assert read_capped(big, 101) == b"x" * 101


def test_zip_members_cannot_reach_the_host_and_directory_symlinks_are_not_read(tmp_path: Path, host: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile("s.zip", "w") as zf:
        zf.writestr("a.yaml", declaration(str(host)))
        zf.writestr("b/b.yaml", declaration("../../host/secret.yaml", pdf="../../../etc/passwd"))
        zf.writestr("c.yaml", declaration("org.yaml"))
        zf.writestr("org.yaml", "name: 中国电子节能技术协会\n")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "stolen.yaml").symlink_to(host)
    report = check_paths([Path("s.zip"), tree], build_engine(CheckOptions()))
    by_file = {r.file: [(f.rule, f.path) for f in r.findings if f.rule in ("TSTD-INPUT-014", "TSTD-BATCH-006")]
               for r in report.results}
    assert by_file == {
        "s.zip!/a.yaml": [("TSTD-INPUT-014", "organization")],
        "s.zip!/b/b.yaml": [("TSTD-INPUT-014", "organization"), ("TSTD-INPUT-014", "standard.full_text.file")],
        "s.zip!/c.yaml": [],
        f"{tree}/stolen.yaml": [("TSTD-BATCH-006", "")],
    }
    c = next(r for r in report.results if r.file == "s.zip!/c.yaml")
    assert c.organization == "中国电子节能技术协会"  # a member naming a sibling member still works
    assert "hunter2" not in repr(report.results[:])
