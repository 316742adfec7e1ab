"""The resident's transaction: item → identity → face → form → materials → review
→ commit → receipt → rating. The step machine is kiosk/session.py (no Qt)."""
from kiosk.flows.resident.flow import ResidentFlow

__all__ = ["ResidentFlow"]
