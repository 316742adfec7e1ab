"""`kiosk doctor`'s checks of what is on disk: permissions, the outbox, the audit chain. Each names its file."""
from __future__ import annotations

import os
from pathlib import Path


def _check(name: str, ok: bool, detail: str = "", hint: str = "") -> dict:
    return {"check": name, "ok": ok, "detail": detail, "hint": "" if ok else hint}


def _loose(path: Path, forbidden: int) -> str | None:
    """What is wrong with `path`'s owner or mode, or None."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    if st.st_uid != os.geteuid() and not (path.suffix == ".toml" and st.st_uid == 0):
        return f"{path}: owned by uid {st.st_uid}, the kiosk runs as {os.geteuid()}"
    if st.st_mode & forbidden:
        return f"{path}: mode {oct(st.st_mode & 0o777)}"
    return None


def check_permissions(cfg) -> list[dict]:
    """kiosk.toml holds the token and PIN hash: no access for others, no writing by the group (0600, or
    0640 root:kiosk). The data folder, logs, audit log, lock file, queue: the kiosk user's alone."""
    data = Path(cfg.kiosk.data_dir)
    out = []
    problem = _loose(Path(cfg.path), 0o027)
    out.append(_check("permissions:config", problem is None, problem or f"{cfg.path}: private",
                      f"chmod 600 {cfg.path} (or 640 with group root:kiosk) / 配置文件含令牌和 PIN 哈希，请设为 600"))
    private = [data, data / "logs", data / "queue", data / "audit.log", data / "technician-lock.json",
               data / "staff-lock.json"]
    private += sorted((data / "logs").glob("*")) if (data / "logs").is_dir() else []
    problems = [p for p in (_loose(x, 0o077) for x in private) if p]
    out.append(_check("permissions:data", not problems, "; ".join(problems[:5]) or f"{data}: 0700, files 0600",
                      f"chmod -R go-rwx {data} (folders 0700, files 0600) / 数据目录及日志须仅限本用户访问"))
    return out


def check_outbox(cfg) -> list[dict]:
    from kiosk.outbox_service import outbox_path
    from offline_queue.health import inspect
    return [_check(f.name, f.ok, f.detail, f.hint) for f in inspect(outbox_path(cfg), cfg.queue.key_file)]


def check_audit(cfg) -> dict:
    from kiosk.audit import verify_chain
    path = Path(cfg.kiosk.data_dir) / "audit.log"
    ok, detail, head = verify_chain(path)
    return _check("audit_log", ok, f"{path}: {detail}" + (f", head {head[:16]}" if ok and head else ""),
                  f"{path} was changed: keep a copy for the investigation, then move it aside / "
                  f"审计日志被篡改，请保留副本后移走")
