"""Run by test_queue_crash.py as a subprocess: `kiosk submit` in a loop, until SIGKILLed.

Usage: crash_submitter.py CONFIG APPLICANT_FILE...
Prints "ready" once imported; every acknowledged submission is the JSON line
`kiosk submit --json` prints (flushed), so the test knows what was acknowledged.
"""
import itertools
import sys

from kiosk.cli.main import main

config, applicants = sys.argv[1], sys.argv[2:]
print("ready", flush=True)
for n in itertools.count():
    main(["submit", "230100-GA-002", "--config", config, "--json", "--wait", "0.3",
          "--applicant-file", applicants[n % len(applicants)],
          "--field", "phone=13800138000", "--field", "purpose=就业"])
