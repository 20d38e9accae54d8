"""DuckDB store of article records, with the queries the CLI and web UI run over it."""
from parley.store.db import AddResult, Store, default_db_path
from parley.store.schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "AddResult", "Store", "default_db_path"]
