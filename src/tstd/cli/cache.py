"""``tstd cache``: the cache folder (validated packs, parsed catalogue, per-file results)."""

from __future__ import annotations

from pathlib import Path

import typer

from tstd.cli.common import current_lang
from tstd.i18n import pick

app = typer.Typer(help="缓存 / the cache", no_args_is_help=True)


@app.command("clean")
def clean(
    cache_dir: Path | None = typer.Option(None, "--cache-dir", help="缓存目录（默认用户缓存目录） / cache folder"),
) -> None:
    """清空缓存 / remove every cache entry."""
    from tstd.cache.store import Store, default_dir

    root = cache_dir or default_dir()
    removed = Store(root).clean()
    typer.echo(pick(current_lang(), f"已删除 {removed} 个缓存文件：{root}", f"removed {removed} cache files from {root}"))


@app.command("dir")
def where() -> None:
    """显示缓存目录 / print the cache folder."""
    from tstd.cache.store import default_dir

    typer.echo(str(default_dir()))
