"""A durable, encrypted outbox with its delivery loop. No Qt, no kiosk imports.

    from offline_queue import Outbox, Sender, Delivered, Retry, NeedsStaff
    box = Outbox("var/outbox.db", "var/queue.key")
    local_id = box.put("submission", body, group=applicant_hash, region="110000")  # durable on return
    sender = Sender(box, deliver=my_deliver, probe=my_health_check); sender.start()

Guarantees: see DESIGN.md "Offline queue guarantees" and store.py. What was acknowledged is also
kept in an fsynced journal beside the database (journal.py), so a lost or damaged file is named,
never silent; damage is repaired at open (repair.py) and reported in `status()["damage"]`.
Decommissioning (crypto-shredding): `offline_queue.keys.shred_key(key_file)`
destroys the AES key; every payload left in the database becomes unreadable.
"""
from offline_queue.keys import KeyFileError, KeyFileMissing, PayloadUnreadable, shred_key
from offline_queue.locking import OutboxBusy
from offline_queue.outcomes import Delivered, NeedsStaff, Outcome, Retry
from offline_queue.schema import OutboxSchemaError
from offline_queue.sender import Sender, SyncResult
from offline_queue.store import (DELIVERED, IN_FLIGHT, NEEDS_STAFF, PENDING, STATES,
                                 DurabilityError, Entry, Outbox, OutboxDamaged, connect_durable)

__all__ = ["Outbox", "Sender", "SyncResult", "Entry", "Delivered", "Retry", "NeedsStaff", "Outcome",
           "PENDING", "IN_FLIGHT", "DELIVERED", "NEEDS_STAFF", "STATES", "DurabilityError",
           "KeyFileError", "KeyFileMissing", "PayloadUnreadable", "shred_key", "connect_durable",
           "OutboxDamaged", "OutboxBusy", "OutboxSchemaError"]
