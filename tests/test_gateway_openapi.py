"""The reference gateway conforms to its OpenAPI 3.1 document (schemathesis, property-based).

Schemathesis generates requests from kiosk/gateway_sim/openapi.yaml (valid and
invalid ones) and checks every answer: documented status code, content type,
response schema and headers, no 5xx.
"""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from kiosk.gateway_sim import GatewaySim

SPEC = Path(__file__).resolve().parents[1] / "kiosk" / "gateway_sim" / "openapi.yaml"
TOKEN = "openapi-test-token"

schema = schemathesis.openapi.from_path(SPEC)


@schema.auth()
class _KioskToken:
    """The bearer token, applied the schemathesis way so its auth checks stay meaningful."""

    def get(self, case, context):
        return TOKEN

    def set(self, case, data, context):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    s = GatewaySim(data_dir=tmp_path_factory.mktemp("gw"), token=TOKEN)
    s.start()
    yield s
    s.stop()


def test_document_is_openapi_3_1():
    assert schema.raw_schema["openapi"].startswith("3.1")
    paths = schema.raw_schema["paths"]
    for p in ("/v1/health", "/v1/catalog", "/v1/submissions", "/v1/submissions/{id}",
              "/v1/identity/verify", "/v1/evaluations", "/v1/kiosks/{kiosk_id}/heartbeat",
              "/v1/documents/{id}", "/v1/licenses", "/v1/licenses/{id}/file", "/v1/recommendations"):
        assert p in paths


@schema.parametrize()
@settings(max_examples=int(os.environ.get("OPENAPI_EXAMPLES", "25")), deadline=None,
          suppress_health_check=list(HealthCheck), derandomize=not os.environ.get("OPENAPI_EXAMPLES"))
def test_simulator_conforms(case, sim):
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and 1 <= len(key) <= 255:
        # Hypothesis reuses keys with new bodies, which the contract answers 422 by design
        # (tested in test_gateway_contract.py); give each valid key its own identity here.
        case.headers["Idempotency-Key"] = uuid.uuid4().hex
    excluded = []
    if case.operation.path == "/v1/submissions":
        # A schema-valid submission is still 400 unless its item_code is in the gateway's
        # catalog and its form passes that item's rules (documented in the spec); the
        # contract tests send real valid submissions.
        excluded.append(schemathesis.checks.positive_data_acceptance)
    case.call_and_validate(base_url=sim.url, timeout=10, excluded_checks=excluded)


def test_catalog_schemas_name_every_model_field_and_the_seed_conforms():
    """The catalog answer's schema keeps up with the model (the English twins, required_when...)."""
    import json

    import jsonschema_rs      # schemathesis's own validator

    from kiosk.catalog.model import Field, Item, Material
    schemas = schema.raw_schema["components"]["schemas"]
    for name, cls in (("Item", Item), ("Field", Field), ("Material", Material)):
        assert set(cls.__dataclass_fields__) <= set(schemas[name]["properties"]), name
    seed = json.loads((SPEC.parents[2] / "assets" / "catalog" / "seed.json").read_text(encoding="utf-8"))
    validator = jsonschema_rs.Draft202012Validator({"$ref": "#/components/schemas/Catalog", "components":
                                                    schema.raw_schema["components"]})
    validator.validate(seed)
    bad = json.loads(json.dumps(seed))
    bad["items"][0]["fields"][-1]["required_when"] = {"pickup": ""}
    assert not validator.is_valid(bad)
