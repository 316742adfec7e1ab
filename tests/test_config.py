"""Bad configuration stops start-up naming the file, the key and what is wrong (en + zh)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_demo_config_loads_with_emulators_and_embedded_gateway():
    cfg = load_config(ROOT / "kiosk.toml")
    assert cfg.kiosk.region == "230100"
    assert cfg.gateway.url == "embedded"
    assert cfg.devices.id_reader.driver == "emulated"
    assert cfg.devices.printer.url.startswith("emulated:")
    assert cfg.uses_emulators
    assert Path(cfg.kiosk.data_dir).is_absolute()  # relative to the file


def test_defaults_fill_an_empty_file(tmp_path):
    cfg = parse_config("", tmp_path / "k.toml")
    assert cfg.kiosk.idle_timeout_s == 60 and cfg.kiosk.idle_prompt_s == 15
    assert cfg.devices.printer.paper_width_mm == 80
    assert cfg.metrics.listen == "127.0.0.1:9464"      # loopback unless the city opens it


@pytest.mark.parametrize("text, key, words", [
    ('[kiosk]\nidd = "x"\n', "kiosk.idd", "unknown key"),
    ('[kiosk]\nidle_timeout_s = "60"\n', "kiosk.idle_timeout_s", "whole number"),
    ('[kiosk]\nidle_timeout_s = true\n', "kiosk.idle_timeout_s", "whole number"),
    ('[kiosk]\nregion = "23010"\n', "kiosk.region", "6-digit"),
    ('[devices.printer]\nurl = "lpt1"\n', "devices.printer.url", "must start with"),
    ('[devices.printer]\npaper_width_mm = 76\n', "devices.printer.paper_width_mm", "one of 58, 80"),
    ('[devices.id_reader]\ndriver = "ga467-serial"\nport = ""\n', "devices.id_reader.port", "required"),
    ('[devices.scanner]\ndriver = "x"\n', "devices.scanner", "unknown device"),
    ('[regions."110000"]\ntoken = "t"\n', "regions.110000.url", "required"),
    ('[regions."beijing"]\nurl = "https://x"\n', "regions.beijing", "6-digit"),
    ('[metrics]\nlisten = "localhost:9464"\n', "metrics.listen", "127.0.0.1:9464"),
    ('[metrics]\nlisten = "127.0.0.1:99999"\n', "metrics.listen", "address and port"),
    ('[metrics]\nlisten = 9464\n', "metrics.listen", "a string"),
    ('[nonsense]\n', "nonsense", "unknown table"),
    ('[gateway]\nurl = "ftp://x"\n', "gateway.url", "embedded"),
    ('[devices.document_printer]\ndriver = "lpr"\n', "devices.document_printer.driver", "one of cups"),
    ('[devices.document_printer]\nserver = "http://x"\n', "devices.document_printer.server", "host[:port]"),
    ('[devices.document_printer]\nqueue = "a b"\n', "devices.document_printer.queue", "queue name"),
    ('[devices.document_printer]\njob_timeout_s = 1\n', "devices.document_printer.job_timeout_s", "between"),
    ('[documents]\ntrust_roots = "root.pem"\n', "documents.trust_roots", "a list"),
    ('[documents]\ntrust_roots = [1]\n', "documents.trust_roots", "non-empty strings"),
    ('[documents]\nmax_bytes = 10\n', "documents.max_bytes", "between"),
])
def test_bad_values_name_file_key_and_problem(tmp_path, text, key, words):
    path = tmp_path / "kiosk.toml"
    with pytest.raises(ConfigError) as info:
        parse_config(text, path)
    err = info.value
    assert err.key == key
    assert words in err.en
    assert err.zh and any("\u4e00" <= ch <= "\u9fff" for ch in err.zh)
    assert str(path) in str(err)


def test_not_toml_and_missing_and_unreadable(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[kiosk\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml")
    binary = tmp_path / "bin.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(binary)


def test_env_variable_selects_the_file(tmp_path, monkeypatch):
    p = tmp_path / "other.toml"
    p.write_text('[kiosk]\nid = "ENV-1"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(p))
    assert load_config().kiosk.id == "ENV-1"
    # --config wins over the variable
    q = tmp_path / "cli.toml"
    q.write_text('[kiosk]\nid = "CLI-1"\n')
    assert load_config(q).kiosk.id == "CLI-1"


def test_cli_reports_bad_config_with_exit_78(tmp_path):
    p = tmp_path / "kiosk.toml"
    p.write_text('[kiosk]\nidle_timeout_s = 1\n')
    r = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "doctor", "--config", str(p)],
                       capture_output=True, text=True, cwd=ROOT, timeout=60,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 78, r.stderr
    assert "kiosk.idle_timeout_s" in r.stderr and "between 10 and 3600" in r.stderr
    assert "错误" in r.stderr


def test_documents_defaults_and_trust_roots_relative_to_the_file(tmp_path):
    cfg = parse_config('[documents]\ntrust_roots = ["roots/a.pem"]\n', tmp_path / "kiosk.toml")
    assert cfg.documents.trust_roots == [str((tmp_path / "roots" / "a.pem").resolve())]
    assert cfg.documents.max_bytes == 20 * 1024 * 1024
    empty = parse_config("", tmp_path / "kiosk.toml")
    assert empty.devices.document_printer.driver == "none" and empty.documents.trust_roots == []


@pytest.mark.parametrize("text, secret", [
    ('[kiosk]\ntechnician_pin_hash = "246810"\n', "246810"),        # the PIN pasted for its hash
    ('[kiosk]\nstaff_pin_hash = "135790"\n', "135790"),
    ('[gateway]\ntoken = 4711\n', "4711"),                           # a token of the wrong type
])
def test_a_bad_secret_is_refused_without_showing_it(tmp_path, text, secret):
    with pytest.raises(ConfigError) as e:
        parse_config(text, tmp_path / "k.toml")
    message = str(e.value)
    assert secret not in message
    assert "not shown" in message and "保密" in message
