"""The service-item catalog: model, forms, search, on-disk cache and sync.

    from kiosk.catalog import load_catalog, prefill, validate_form
    cat = load_catalog(cfg)                 # cache if valid, else the seed
    item = cat.search("sbk")[0]             # 社保卡申领
    form = prefill(item, identity)          # {"name": …, "id_number": …}
    errors = validate_form(item, form)      # [FieldError(key, message_zh, message_en)]
"""
from kiosk.catalog.forms import FieldError, prefill, validate_form, validate_materials
from kiosk.catalog.model import CatalogError, Field, Item, Material
from kiosk.catalog.store import Catalog, load_catalog

__all__ = ["Catalog", "CatalogError", "Field", "FieldError", "Item", "Material", "load_catalog", "prefill",
           "validate_form", "validate_materials"]
