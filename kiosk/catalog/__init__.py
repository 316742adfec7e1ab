"""The service-item catalog: model, forms, search, on-disk cache and sync."""
