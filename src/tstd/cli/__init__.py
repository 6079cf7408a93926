"""The ``tstd`` command line: a thin layer that parses options and calls the library.

The typer application (every command, its options and help) is :mod:`tstd.cli.commands`; it is imported on
first use of ``tstd.cli.app`` or when :func:`main` needs it. A plain ``tstd check`` (files and ordinary
options, no help) is parsed without it by :mod:`tstd.cli.quick`, so a re-check of an unchanged file does not
pay for importing typer, click, pydantic and rich.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
from types import FrameType
from typing import TYPE_CHECKING, Any

from tstd.cli.common import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, echo_err, interrupted_exit

if TYPE_CHECKING:
    from tstd.cli.commands import app as app


def __getattr__(name: str) -> Any:
    if name == "app":  # the typer application, built on first use
        from tstd.cli.commands import app

        return app
    raise AttributeError(f"module 'tstd.cli' has no attribute {name!r}")


def main() -> None:
    """Console-script entry point.

    Whatever escapes the commands' own handling becomes a one-line message and exit code 3 (never 1, which
    means findings); ``--debug`` anywhere on the command line shows the traceback instead. SIGTERM is
    handled like Ctrl-C (clean-up, no partial report) and exits 143.
    """
    debug = "--debug" in sys.argv[1:]
    if debug:
        sys.argv = [a for i, a in enumerate(sys.argv) if i == 0 or a != "--debug"]
    with contextlib.suppress(ValueError, OSError):  # not the main thread, or no such signal here
        signal.signal(signal.SIGTERM, _terminate)
    try:
        from tstd.cli.quick import quick_check

        code = quick_check(sys.argv[1:])
        if code is not None:
            sys.exit(code)
        from tstd.cli.commands import app

        app()
    except SystemExit as exc:
        # Click turns an interruption outside our own handlers (say, while an archive is unpacked) into exit
        # 130; after SIGTERM it must read 143.
        if exc.code == EXIT_INTERRUPTED and _TERMINATED:
            sys.exit(EXIT_TERMINATED)
        raise
    except KeyboardInterrupt as exc:  # outside the places that already handle it (loading, writing)
        echo_err("tstd: 已中断 / interrupted")
        sys.exit(interrupted_exit(exc))
    except Exception as exc:
        if debug:
            raise
        echo_err(f"tstd: 内部错误 / internal error: {type(exc).__name__}: {exc} "
                 "(--debug 显示详情 / run with --debug for the traceback)")
        sys.exit(EXIT_INTERNAL)
    finally:
        # The process ends here. Everything alive now is frozen out of the garbage collector, so the
        # collections the interpreter runs while exiting skip it: with the catalogue, packs and patterns
        # loaded that is a tenth of a one-file check. Exit handlers and finalisation still run as before.
        gc.freeze()


_TERMINATED: list[bool] = []  # set once SIGTERM arrived


def _terminate(_signum: int, _frame: FrameType | None) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: the clean-up must not be interrupted again
    _TERMINATED.append(True)
    raise Terminated()
