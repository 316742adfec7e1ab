"""A read-only look at an outbox for `kiosk doctor`: the key rule, the file's integrity, losses, damage.

Nothing is repaired or created here (opening the store does that); every
finding names the file it is about.
"""
from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from offline_queue.journal import AckJournal, journal_path
from offline_queue.keys import KEY_BYTES
from offline_queue.repair import damage_reports, marker_path, quick_check


@dataclass
class Finding:
    name: str
    ok: bool
    detail: str
    hint: str = ""


def inspect(db_path: str | os.PathLike, key_file: str | os.PathLike) -> list[Finding]:
    db, key = Path(db_path), Path(key_file)
    outstanding, bad_lines = AckJournal(journal_path(db)).read()
    findings: list[Finding] = []
    entries = 0
    present: set[str] = set()
    reports: list[dict] = []
    if marker_path(db).exists():
        findings.append(Finding("outbox_file", False, f"{db}: a repair was interrupted",
                                "any kiosk command finishes it (e.g. `kiosk queue status`) / 运行 kiosk queue status 完成修复"))
    elif not db.exists():
        findings.append(Finding("outbox_file", True, f"{db}: not created yet"))
    else:
        try:
            conn = sqlite3.connect(str(db), timeout=10, isolation_level=None)
            try:
                conn.execute("PRAGMA query_only=ON")
                problems = quick_check(conn)
                if not problems and conn.execute("SELECT 1 FROM sqlite_master WHERE name='entries'").fetchone():
                    entries = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
                    present = {r[0] for r in conn.execute("SELECT id FROM entries")}
                    reports = damage_reports(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems:
            findings.append(Finding("outbox_file", False, f"{db}: damaged: {'; '.join(problems[:3])}",
                                    "README \"A damaged outbox\": `kiosk queue status` repairs it and lists what "
                                    "was lost / 发件箱文件损坏，见 README 恢复步骤"))
        else:
            findings.append(Finding("outbox_file", True, f"{db}: {entries} entries, quick_check ok"))
    missing = [lid for lid in outstanding if lid not in present] if findings[-1].ok else []
    if missing:
        findings.append(Finding("outbox_journal", False,
                                f"{journal_path(db)}: {len(missing)} acknowledged entries are missing from {db}: "
                                f"{' '.join(sorted(missing)[:10])}",
                                "`kiosk queue status` records them as lost; README \"A damaged outbox\" / "
                                "已受理条目丢失，见 README"))
    elif bad_lines:
        findings.append(Finding("outbox_journal", False, f"{journal_path(db)}: {bad_lines} unreadable lines",
                                "the next start rewrites it from the outbox / 下次启动时重建"))
    for r in reports:
        findings.append(Finding("outbox_damage", False,
                                f"{r.get('file')}: damage repaired, {len(r.get('lost') or [])} entries lost "
                                f"({' '.join((r.get('lost') or [])[:10])}); damaged copy {r.get('moved_to')}",
                                "tell those residents, then `kiosk queue ack-damage` / 通知相关申请人后运行 "
                                "kiosk queue ack-damage"))
    findings.append(_key_finding(key, entries + len(outstanding)))
    return findings


def _key_finding(key: Path, needed_by: int) -> Finding:
    try:
        st = key.stat()
    except FileNotFoundError:
        if needed_by:
            return Finding("outbox_key", False, f"{key}: missing, but entries need it",
                           "restore it from backup or correct [queue] key_file; README \"The outbox key\" / "
                           "请从备份恢复密钥文件或改正 [queue] key_file")
        return Finding("outbox_key", True, f"{key}: made at the first start")
    if not stat.S_ISREG(st.st_mode) or st.st_size != KEY_BYTES:
        return Finding("outbox_key", False, f"{key}: not a {KEY_BYTES}-byte key file", "restore it from backup")
    if st.st_mode & 0o077:
        return Finding("outbox_key", False, f"{key}: mode {oct(st.st_mode & 0o777)}", f"chmod 600 {key}")
    return Finding("outbox_key", True, f"{key}: 0600")
