"""GA/T 467 ID-card readers: frames, SW3 errors, the four card types, the serial driver,
card watching and a pty emulator.

    from drivers.id_reader import Ga467Reader
    with Ga467Reader("/dev/ttyUSB0") as r:
        rec = r.wait_card(timeout=10)
"""
from drivers.id_reader.frames import FrameError, FrameReader, build_reply, build_request
from drivers.id_reader.reader import Ga467Reader
from drivers.id_reader.sw3 import NoCard, Sw3Error
from drivers.id_reader.text import CardDataError, encode_text, parse_text
from drivers.id_reader.watcher import CardWatcher, Event, EventKind

__all__ = ["CardDataError", "CardWatcher", "Event", "EventKind", "FrameError", "FrameReader",
           "Ga467Reader", "NoCard", "Sw3Error", "build_reply", "build_request", "encode_text",
           "parse_text"]
