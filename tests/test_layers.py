"""The layer rules of DESIGN.md, enforced with import-linter (contracts in pyproject.toml)."""
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    r = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: 4 kept, 0 broken" in r.stdout


def test_every_flow_is_in_the_independence_contract():
    """A new flow must join the contract, or nothing stops it importing another flow."""
    import tomllib

    from kiosk.flows import FLOWS
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    independent = next(c for c in contracts["contracts"] if c["type"] == "independence")
    flows = {target.split(":")[0] for target in FLOWS.values()}
    assert flows == set(independent["modules"])


def test_drivers_and_queue_import_without_qt():
    """A technician can use drivers and offline_queue from a shell with no Qt loaded."""
    code = ("import sys, drivers.id_reader, drivers.printer, drivers.camera, drivers.smartcard, "
            "offline_queue; assert not any(m.startswith('PySide6') for m in sys.modules), "
            "[m for m in sys.modules if m.startswith('PySide6')]")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
