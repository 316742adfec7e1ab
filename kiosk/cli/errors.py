"""What every `kiosk` command does with an error nobody caught: a message in English and Chinese and a
documented exit code, never a traceback (set KIOSK_DEBUG=1 to see one)."""
from __future__ import annotations

import errno
import os
import sys

from kiosk.cli.common import CONFIG, FAILED, IO_ERROR, USAGE

_DISK_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def _is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _DISK_FULL:
        return True
    import sqlite3
    if isinstance(exc, sqlite3.OperationalError):
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        # FULL, READONLY, IOERR (a full tmpfs or a failing disk says "disk I/O error")
        return code in (13, 8, 10) or "disk is full" in str(exc) or "disk I/O" in str(exc)
    return False


def explain(exc: BaseException) -> tuple[int, str, str]:
    """(exit code, English, Chinese) for an exception that reached the top of a command."""
    import sqlite3

    from kiosk.safe_files import InputFileError
    from offline_queue import (DurabilityError, KeyFileError, KeyFileMissing, OutboxBusy, OutboxDamaged,
                               OutboxSchemaError)
    if _is_disk_full(exc):
        where = getattr(exc, "filename", None) or "the data directory"
        return (IO_ERROR, f"cannot write to {where}: the disk is full, read-only or failing ({exc}); nothing "
                          f"new was acknowledged. Free space (old logs, var/queue/damaged/), check `df`, try again",
                f"无法写入 {where}：磁盘已满、只读或故障。本次未受理任何新数据，请清理空间后重试")
    if isinstance(exc, KeyFileMissing):
        return CONFIG, str(exc), "发件箱密钥文件缺失（见上方说明）"
    if isinstance(exc, KeyFileError):
        return CONFIG, f"outbox key file: {exc}", "发件箱密钥文件不可用"
    if isinstance(exc, (OutboxDamaged, OutboxBusy)):
        return FAILED, str(exc), "发件箱文件损坏或被占用，详见 README 的恢复步骤"
    if isinstance(exc, (OutboxSchemaError, DurabilityError)):
        return FAILED, str(exc), "发件箱数据库无法使用"
    if isinstance(exc, sqlite3.DatabaseError):
        return FAILED, f"the outbox database failed: {exc}", "发件箱数据库出错，请运行 kiosk doctor"
    if isinstance(exc, InputFileError):
        return USAGE, f"{exc.path}: {exc.en}", f"{exc.path}：{exc.zh}"
    if isinstance(exc, RecursionError):
        return USAGE, "an input file is nested too deeply", "输入文件嵌套层数过多"
    if isinstance(exc, UnicodeError):
        return USAGE, f"text that is not valid UTF-8 ({type(exc).__name__})", "输入不是有效的 UTF-8 文本"
    if isinstance(exc, MemoryError):
        return USAGE, "an input is too large to hold in memory", "输入过大"
    return FAILED, f"unexpected error {type(exc).__name__}: {exc}", "发生意外错误，请联系技术支持"


def report(exc: BaseException) -> int:
    import logging
    from kiosk.logging_setup import redact
    code, en, zh = explain(exc)
    logging.getLogger("kiosk.cli").warning("command failed: %s: %s", type(exc).__name__, redact(str(exc))[:500])
    if os.environ.get("KIOSK_DEBUG"):
        import traceback
        traceback.print_exception(exc)
    try:
        print(f"error: {redact(en)}\n错误：{redact(zh)}", file=sys.stderr)
    except (OSError, ValueError):    # stderr itself gone (a closed pipe): the exit code still says it
        pass
    return code


def bad_argument(argv: list[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps such bytes as lone surrogates)."""
    for a in argv:
        try:
            a.encode("utf-8")
        except UnicodeEncodeError:
            return a.encode("utf-8", "backslashreplace").decode("ascii")
    return None
