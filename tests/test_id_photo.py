"""The WLT photo plug-in interface: a vendor library loaded through ctypes (none shipped).

A stand-in library is compiled here from 10 lines of C, the way a site would
write its shim around a licensed decoder.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from drivers.id_reader.cards import CARDS_DIR
from drivers.id_reader.emulator import IdReaderEmulator
from drivers.id_reader.photo import HEIGHT, WIDTH, PhotoDecoderError, load_decoder
from drivers.id_reader.reader import Ga467Reader

SHIM = r"""
int wlt_decode(const unsigned char *wlt, int n, unsigned char *rgb, int out_len) {
    if (n != 1024 || out_len != 102 * 126 * 3) return -1;
    for (int i = 0; i < out_len; i++) rgb[i] = wlt[i % n];
    return 0;
}
"""


@pytest.fixture(scope="module")
def shim(tmp_path_factory):
    cc = shutil.which("cc") or shutil.which("gcc")
    assert cc, "a C compiler is needed (CI has gcc: pyscard builds from source)"
    d = tmp_path_factory.mktemp("wlt")
    (d / "shim.c").write_text(SHIM)
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(d / "libshim.so"), str(d / "shim.c")], check=True)
    return str(d / "libshim.so")


def test_no_decoder_configured_means_no_photo():
    assert load_decoder("") is None
    with IdReaderEmulator(CARDS_DIR / "resident.json") as emu, Ga467Reader(emu.path) as r:
        rec = r.read_card()
        assert r.decode_photo(rec) is None and len(rec.photo_wlt) == 1024


def test_vendor_library_decodes_in_memory(shim):
    dec = load_decoder(shim)
    with IdReaderEmulator(CARDS_DIR / "resident.json") as emu, \
            Ga467Reader(emu.path, photo_decoder=dec) as r:
        rec = r.read_card()
        rgb = r.decode_photo(rec)
    assert len(rgb) == WIDTH * HEIGHT * 3 and rgb[:1024] == rec.photo_wlt
    with pytest.raises(PhotoDecoderError):
        dec.decode(b"short")


def test_missing_library_is_a_typed_error():
    with pytest.raises(PhotoDecoderError):
        load_decoder("/nonexistent/libwlt.so")
