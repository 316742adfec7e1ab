"""Talking to government gateways (the wire contract in DESIGN.md)."""
