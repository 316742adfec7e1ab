"""Run by test_scenes_outbox.py as a subprocess: scene commits (put_many of 4 entries) in a loop, until
SIGKILLed. Usage: scene_committer.py DB KEY_FILE. Prints "ready", then each acknowledged visit's link."""
import itertools
import os
import sys

from offline_queue import Outbox

db, key_file = sys.argv[1], sys.argv[2]
box = Outbox(db, key_file, lease_s=5)
print("ready", flush=True)
filler = os.urandom(96_000).hex()      # ~190 KB a payload: a commit long enough for kills to land in
for n in itertools.count():
    link = f"230100-SC-001:{os.getpid()}-{n}"
    bodies = [{"item_code": code, "scene_id": "230100-SC-001", "photo": filler}
              for code in ("230100-WJ-001", "230100-GA-005", "230100-YB-003", "230100-RS-012")]
    box.put_many("submission", [{"payload": b, "group": "a-test", "region": "230100"} for b in bodies], link=link)
    print(link, flush=True)
