"""`kiosk card read`: read one ID card (GA/T 467 serial reader) or social-security card (PC/SC).

Exit 0 read; 2 no card within the timeout; 3 device missing or not answering;
4 protocol or card error (the message names the SW3 meaning or the check that failed).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from drivers.base import DeviceError, DeviceOffline, NoMedia
from drivers.identity import IdentityRecord
from kiosk.cli import common
from kiosk.privacy import mask_id, mask_name

BASE_KEYS = ["card_type", "name", "gender", "ethnicity", "birth_date", "address", "id_number",
             "issuer", "valid_from", "valid_until"]
EXTRA_KEYS = ["english_name", "chinese_name", "nationality", "pass_number", "issue_count",
              "card_number", "spec_version", "appended_address"]
MASK_NAME = ("name", "english_name", "chinese_name")
MASK_NUMBER = ("id_number", "pass_number", "card_number")
LABELS = {"card_type": "证件类型 card type", "name": "姓名 name", "gender": "性别 gender",
          "ethnicity": "民族 ethnicity", "birth_date": "出生 birth date", "address": "住址 address",
          "id_number": "证件号码 ID number", "issuer": "签发机关 issuer",
          "valid_from": "有效期起 valid from", "valid_until": "有效期至 valid until"}


def register(sub) -> None:
    p = sub.add_parser("card", help="read an ID card or social-security card")
    cs = p.add_subparsers(dest="card_cmd", metavar="ACTION", required=True)
    r = cs.add_parser("read", help="wait for one card and print its data (masked unless --reveal)",
                      epilog=common.EXIT_CODES_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = r.add_mutually_exclusive_group()
    src.add_argument("--port", metavar="PATH", help="serial port of a GA/T 467 reader (or an emulator pty)")
    src.add_argument("--pcsc", action="store_true", help="read a social-security card over PC/SC")
    r.add_argument("--reader", metavar="NAME", default="", help="with --pcsc: part of the reader name")
    r.add_argument("--baud", type=int, default=115200, help="serial speed (default 115200)")
    r.add_argument("--timeout", type=float, default=10.0, metavar="S", help="wait this long for a card")
    r.add_argument("--reveal", action="store_true", help="print the ID number and name unmasked")
    common.add_json_arg(r)
    common.add_config_arg(r)
    r.set_defaults(func=run_read)


def card_json(rec: IdentityRecord, reveal: bool) -> dict:
    d = rec.as_dict()
    out = {k: d.get(k) for k in BASE_KEYS}
    out.update({k: d[k] for k in EXTRA_KEYS if d.get(k) is not None})
    if not reveal:
        for k in MASK_NAME:
            if out.get(k):
                out[k] = mask_name(out[k])
        for k in MASK_NUMBER:
            if out.get(k):
                out[k] = mask_id(out[k])
    return out


def _read_serial(port: str, baud: int, timeout: float) -> IdentityRecord:
    from drivers.id_reader.reader import Ga467Reader
    from drivers.id_reader.watcher import read_one
    with Ga467Reader(port, baud) as reader:
        return read_one(reader, timeout)


def _read_pcsc(name: str, timeout: float) -> IdentityRecord:
    from drivers.smartcard.reader import SocialSecurityReader
    deadline = time.monotonic() + timeout
    with SocialSecurityReader(name) as reader:
        while not reader.card_present():
            if time.monotonic() >= deadline:
                from drivers.smartcard.errors import NoCard
                raise NoCard()
            time.sleep(0.1)
        return reader.read_card()


def _from_config(args) -> IdentityRecord:
    cfg = common.config_from(args)
    d = cfg.devices.id_reader
    if d.driver == "ga467-serial":
        return _read_serial(d.port, d.baud, args.timeout)
    if cfg.devices.smartcard.driver == "pcsc":
        return _read_pcsc(cfg.devices.smartcard.reader, args.timeout)
    if d.driver == "emulated":
        from drivers.id_reader.emulator import IdReaderEmulator
        with IdReaderEmulator(d.card if Path(d.card).is_file() else None) as emu:
            return _read_serial(emu.path, 115200, args.timeout)
    common.fail(common.DEVICE_MISSING, "no card reader configured (give --port or --pcsc)",
                "未配置读卡器（请指定 --port 或 --pcsc）")
    raise AssertionError


def run_read(args) -> int:
    try:
        if args.port:
            rec = _read_serial(args.port, args.baud, args.timeout)
        elif args.pcsc:
            rec = _read_pcsc(args.reader, args.timeout)
        else:
            rec = _from_config(args)
    except NoMedia:
        common.fail(common.NOT_FOUND, f"no card within {args.timeout:g} s", "超时未读到卡")
    except DeviceOffline as exc:
        common.fail(common.DEVICE_MISSING, exc.en, exc.zh)
    except DeviceError as exc:
        common.fail(common.PROTOCOL_ERROR, exc.en, exc.zh)
    out = card_json(rec, args.reveal)
    if args.json:
        common.print_json(out)
    else:
        for k, v in out.items():
            print(f"{LABELS.get(k, k)}: {'长期 (no expiry)' if k == 'valid_until' and v is None else v}")
    return common.OK
