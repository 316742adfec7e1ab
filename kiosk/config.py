"""kiosk.toml: load, validate, and hold every default in one place.

An unknown key, a wrong type, a bad value or an unreadable file stops start-up
with a `ConfigError` naming the file, the key and what is wrong, in English and
Chinese. Paths in the file are relative to the file's folder.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.config_checks import (
    Check, _cups_server, _listen, _one_of, _pin_hash, _printer_url, _queue_name, _range, _region,
    _region_url, _string_list, _strings, _url, _window_size,
)

ENV_VAR = "KIOSK_CONFIG"
DEFAULT_NAME = "kiosk.toml"


class ConfigError(Exception):
    def __init__(self, file: str | os.PathLike, key: str, en: str, zh: str):
        self.file, self.key, self.en, self.zh = str(file), key, en, zh
        where = f"{file}: [{key}]" if key else str(file)
        super().__init__(f"{where}: {en} / {zh}")


SCHEMA: dict[str, dict[str, tuple]] = {
    "kiosk": {
        "id": (str, "DEMO-001", None),
        "hall": (str, "演示政务服务中心", None),
        "hall_en": (str, "", None),          # the hall's name on English screens ("" = the Chinese one)
        "region": (str, "230100", _region),
        "data_dir": (str, "var", None),
        # The language a session starts in; residents switch with 中文/EN on every screen.
        "language": (str, "zh_CN", _one_of("zh_CN", "en_US")),
        "fullscreen": (bool, True, None),
        "window_size": (str, "1280x900", _window_size),   # windowed only (fullscreen = false)
        "idle_timeout_s": (int, 60, _range(10, 3600)),
        "idle_prompt_s": (int, 15, _range(5, 120)),
        # argon2id$m=…,t=…,p=…$salt_hex$hash_hex; `kiosk pin-hash` makes one.
        "technician_pin_hash": (str, "", _pin_hash),
        # The hall staff's PIN for 工作人员核验 (a resident who refused the face); "" = none here.
        "staff_pin_hash": (str, "", _pin_hash),
        "virtual_keyboard": (bool, False, None),  # Qt Virtual Keyboard (GPLv3/commercial)
        "voice": (bool, False, None),   # spoken guidance on when a session starts
        "recommendations": (bool, True, None),   # 主动服务: offer, after identity, to ask the platform
        "log_level": (str, "INFO", _one_of("DEBUG", "INFO", "WARNING", "ERROR")),
    },
    "gateway": {
        "url": (str, "embedded", _url),
        "token": (str, "", None),
        "ca_bundle": (str, "", None),
        "timeout_s": ((int, float), 10, _range(0.1, 120)),   # total deadline of each request
        "wait_tracking_s": ((int, float), 5, _range(0, 60)),
    },
    "queue": {
        "key_file": (str, "var/queue.key", None),
        "lease_s": (int, 60, _range(5, 3600)),
        "max_backoff_s": (int, 300, _range(1, 86400)),
        "heartbeat_s": (int, 60, _range(5, 86400)),
    },
    "limits": {
        # Refused before anything is acknowledged. The gateway refuses bodies over 64 MiB and
        # base64 adds a third, hence the ceiling on the total.
        "material_max_bytes": (int, 10_000_000, _range(10_000, 47_000_000)),
        "materials_total_max_bytes": (int, 40_000_000, _range(10_000, 47_000_000)),
        "answer_max_bytes": (int, 8_000_000, _range(64_000, 256_000_000)),   # one gateway answer
    },
    "voice": {
        # Reads one text on stdin and plays it; "" turns spoken guidance off.
        "command": (str, "espeak-ng -v cmn -a {volume} -s {rate} --stdin", None),
        "command_en": (str, "espeak-ng -v en-us -a {volume} -s {rate} --stdin", None),   # in English mode
        # The headphone jack's input device (evdev): a headset plugged in switches voice on.
        "headset_device": (str, "", None),
    },
    "metrics": {
        # Prometheus exposition (GET /metrics). Loopback by default; "" turns it off.
        "listen": (str, "127.0.0.1:9464", _listen),
    },
    "catalog": {
        "seed": (str, "assets/catalog/seed.json", None),
        "sync_interval_s": (int, 3600, _range(0, 86400 * 7)),
        # Item codes offered on the welcome page (常用事项), in order; [] = the first six of the home region.
        "frequent": (list, [], _strings),
    },
    "devices.id_reader": {
        "driver": (str, "emulated", _one_of("emulated", "ga467-serial", "none")),
        "port": (str, "/dev/ttyUSB0", None),
        "baud": (int, 115200, _one_of(115200, 57600, 38400, 19200, 9600)),
        "poll_ms": (int, 300, _range(50, 5000)),
        "card": (str, "assets/cards/resident.json", None),   # emulated only
        "photo_decoder": (str, "", None),                     # optional vendor WLT library
    },
    "devices.smartcard": {
        "driver": (str, "none", _one_of("pcsc", "emulated", "none")),
        "reader": (str, "", None),   # substring of the PC/SC reader name; "" = first
        "card": (str, "assets/cards/social_security.json", None),  # emulated only
    },
    "devices.camera": {
        "driver": (str, "emulated", _one_of("opencv", "emulated", "none")),
        "source": (str, "0", None),  # index, /dev/videoN, rtsp://…, or a file (emulated)
        "width": (int, 640, _range(160, 4096)),
        "height": (int, 480, _range(120, 4096)),
        "fps": (int, 30, _range(1, 60)),
        "process": (bool, True, None),   # its own process (kiosk/devices/camera_process.py)
    },
    "devices.printer": {
        "url": (str, "emulated:", _printer_url),
        "paper_width_mm": (int, 80, _one_of(58, 80)),
        "encoding": (str, "gb18030", _one_of("gb18030", "gbk", "gb2312", "utf-8")),
        "gb18030_four_byte": (bool, False, None),   # the font has GB18030's 4-byte rare characters
        "native_qr": (bool, True, None),
        "cutter": (bool, True, None),
        "status_timeout_s": ((int, float), 2, _range(0.2, 10)),
    },
    "devices.document_printer": {
        # The A4 printer for certificates: a CUPS queue ("cups"), a private cupsd with the
        # recording backend ("emulated", the demo), or none (documents are not printed here).
        "driver": (str, "none", _one_of("cups", "emulated", "none")),
        "server": (str, "", _cups_server),        # "" = libcups's default, the local cupsd
        "queue": (str, "", _queue_name),          # "" = the server's default destination
        "job_timeout_s": ((int, float), 120, _range(10, 900)),   # then the job is cancelled
    },
    "documents": {
        # PEM files whose certificates the kiosk trusts to seal documents and licences.
        "trust_roots": (list, [], _string_list),
        "max_bytes": (int, 20 * 1024 * 1024, _range(64 * 1024, 200 * 1024 * 1024)),
    },
}


REGION_SCHEMA: dict[str, tuple] = {
    "url": (str, "", _region_url),
    "token": (str, "", None),
    "ca_bundle": (str, "", None),
}

# Keys holding paths: resolved against the config file's folder.
PATH_KEYS = {("kiosk", "data_dir"), ("queue", "key_file"), ("catalog", "seed"),
             ("devices.id_reader", "card"), ("devices.smartcard", "card"),
             ("gateway", "ca_bundle"), ("documents", "trust_roots")}


class Section:
    """Attribute access to one validated table (`cfg.devices.printer.url`)."""

    def __init__(self, values: dict[str, Any]):
        self.__dict__.update(values)

    def as_dict(self) -> dict[str, Any]:
        return {k: (v.as_dict() if isinstance(v, Section) else v) for k, v in self.__dict__.items()}

    def __repr__(self) -> str:
        return f"Section({self.as_dict()!r})"


@dataclass
class Config:
    path: Path
    kiosk: Section
    gateway: Section
    queue: Section
    catalog: Section
    voice: Section
    devices: Section
    regions: dict[str, Section]
    metrics: Section = None       # type: ignore[assignment]  # set by parse_config
    limits: Section = None        # type: ignore[assignment]  # set by parse_config
    documents: Section = None     # type: ignore[assignment]  # set by parse_config

    @property
    def data_dir(self) -> Path:
        return Path(self.kiosk.data_dir)

    @property
    def window_size(self) -> tuple[int, int]:
        w, h = self.kiosk.window_size.split("x")
        return int(w), int(h)

    @property
    def uses_emulators(self) -> bool:
        d = self.devices
        return ("emulated" in (d.id_reader.driver, d.smartcard.driver, d.camera.driver,
                               d.document_printer.driver)
                or d.printer.url.startswith("emulated:") or self.gateway.url == "embedded")


def _type_name(t) -> str:
    ts = t if isinstance(t, tuple) else (t,)
    names = {str: "a string", int: "a whole number", float: "a number", bool: "true or false", list: "a list"}
    return " or ".join(names.get(x, x.__name__) for x in ts)


def _type_name_zh(t) -> str:
    ts = t if isinstance(t, tuple) else (t,)
    names = {str: "字符串", int: "整数", float: "数字", bool: "true 或 false", list: "列表"}
    return "或".join(names.get(x, x.__name__) for x in ts)


def _validate_table(path: Path, table_name: str, raw: Any, schema: dict[str, tuple]) -> dict:
    if not isinstance(raw, dict):
        raise ConfigError(path, table_name, "must be a table", "必须是一个表（[节]）")
    out: dict[str, Any] = {}
    for key in raw:
        if key not in schema:
            raise ConfigError(path, f"{table_name}.{key}",
                              f"unknown key (known: {', '.join(schema)})",
                              "未知的配置项，请检查拼写")
    for key, (typ, default, check) in schema.items():
        value = raw.get(key, default)
        # A PIN pasted where its hash belongs, or a token, must not reach stderr or the journal.
        shown = "(not shown: a secret)" if key.endswith(("pin_hash", "token")) else repr(value)
        shown_zh = "（保密，不显示）" if key.endswith(("pin_hash", "token")) else repr(value)
        ok_types = typ if isinstance(typ, tuple) else (typ,)
        # bool is an int in Python; do not accept true for a number or 1 for a flag.
        if isinstance(value, bool) != (bool in ok_types) or not isinstance(value, ok_types):
            raise ConfigError(path, f"{table_name}.{key}",
                              f"must be {_type_name(typ)}, got {shown}",
                              f"必须是{_type_name_zh(typ)}，实际为 {shown_zh}")
        if check is not None:
            problem = check(value)
            if problem:
                raise ConfigError(path, f"{table_name}.{key}", f"{problem[0]}, got {shown}",
                                  f"{problem[1]}，实际为 {shown_zh}")
        if (table_name, key) in PATH_KEYS or (table_name.startswith("regions.") and key == "ca_bundle"):
            if isinstance(value, list):
                value = [str((path.parent / v).resolve()) for v in value]
            elif value:
                value = str((path.parent / value).resolve())
        out[key] = value
    return out


def parse_config(text: str, path: Path) -> Config:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"not valid TOML: {exc}", f"不是有效的 TOML 格式：{exc}") from None
    except RecursionError:
        raise ConfigError(path, "", "nested too deeply", "嵌套层数过多，不是有效的配置文件") from None
    top_known = {"kiosk", "gateway", "queue", "catalog", "voice", "devices", "regions", "limits", "documents", "metrics"}
    for key in raw:
        if key not in top_known:
            raise ConfigError(path, key, f"unknown table (known: {', '.join(sorted(top_known))})",
                              "未知的配置节，请检查拼写")
    devices_raw = raw.get("devices", {})
    if not isinstance(devices_raw, dict):
        raise ConfigError(path, "devices", "must be a table", "必须是一个表")
    dev_known = {n.split(".", 1)[1] for n in SCHEMA if n.startswith("devices.")}
    for key in devices_raw:
        if key not in dev_known:
            raise ConfigError(path, f"devices.{key}", f"unknown device (known: {', '.join(sorted(dev_known))})",
                              "未知的设备类型")
    tables: dict[str, dict] = {}
    for name, schema in SCHEMA.items():
        if name.startswith("devices."):
            sub = raw.get("devices", {}).get(name.split(".", 1)[1], {})
        else:
            sub = raw.get(name, {})
        tables[name] = _validate_table(path, name, sub, schema)
    # A real serial reader needs a port; an empty one would fail much later.
    if tables["devices.id_reader"]["driver"] == "ga467-serial" and not tables["devices.id_reader"]["port"]:
        raise ConfigError(path, "devices.id_reader.port", "required when driver = \"ga467-serial\"",
                          "使用 ga467-serial 驱动时必须填写串口")
    _token_needs_https(path, "gateway", tables["gateway"])
    if tables["limits"]["material_max_bytes"] > tables["limits"]["materials_total_max_bytes"]:
        raise ConfigError(path, "limits.material_max_bytes", "larger than limits.materials_total_max_bytes",
                          "单份材料上限不能大于材料总量上限")
    regions: dict[str, Section] = {}
    regions_raw = raw.get("regions", {})
    if not isinstance(regions_raw, dict):
        raise ConfigError(path, "regions", "must be a table of region tables", "必须是地区表")
    for code, table in regions_raw.items():
        problem = _region(code)
        if problem:
            raise ConfigError(path, f"regions.{code}", problem[0], problem[1])
        values = _validate_table(path, f"regions.{code}", table, REGION_SCHEMA)
        if not values["url"]:
            raise ConfigError(path, f"regions.{code}.url", "required", "必须填写网关地址")
        _token_needs_https(path, f"regions.{code}", values)
        regions[code] = Section(values)
    devices = Section({n.split(".", 1)[1]: Section(v) for n, v in tables.items() if n.startswith("devices.")})
    return Config(path=path, kiosk=Section(tables["kiosk"]), gateway=Section(tables["gateway"]),
                  queue=Section(tables["queue"]), catalog=Section(tables["catalog"]),
                  voice=Section(tables["voice"]), devices=devices, regions=regions,
                  limits=Section(tables["limits"]),
                  documents=Section(tables["documents"]),
                  metrics=Section(tables["metrics"]))


def _token_needs_https(path: Path, table: str, values: dict) -> None:
    """A bearer token never travels in clear: http:// only to a loopback address (tests, a local proxy)."""
    from kiosk.config_rules import is_loopback_url
    url = values["url"]
    if values["token"] and url.startswith("http://") and not is_loopback_url(url):
        raise ConfigError(path, f"{table}.url", "a token is set, so the URL must be https:// "
                          "(plain http:// only to 127.0.0.1 or ::1)",
                          "已配置令牌，网关地址必须为 https://（http:// 仅限本机回环地址）")


def find_config_path(explicit: str | os.PathLike | None = None) -> Path:
    """--config wins, then $KIOSK_CONFIG, then ./kiosk.toml, then the repository's demo file."""
    if explicit:
        return Path(explicit)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    here = Path.cwd() / DEFAULT_NAME
    if here.exists():
        return here
    return Path(__file__).resolve().parent.parent / DEFAULT_NAME


MAX_CONFIG_BYTES = 1_000_000


def load_config(explicit: str | os.PathLike | None = None) -> Config:
    from kiosk.safe_files import InputFileError, read_regular_file
    path = find_config_path(explicit).resolve()
    try:
        text = read_regular_file(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(path, "", "file not found", "找不到配置文件") from None
    except InputFileError as exc:
        raise ConfigError(path, "", exc.en, exc.zh) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, "", f"cannot read the file: {type(exc).__name__}: {exc}",
                          f"无法读取配置文件：{exc}") from None
    return parse_config(text, path)
