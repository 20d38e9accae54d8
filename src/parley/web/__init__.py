"""The analyst's web UI (`parley serve`): Starlette pages and a JSON API over a read-only store."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from parley.store import default_db_path

if TYPE_CHECKING:
    from starlette.types import ASGIApp

log = logging.getLogger(__name__)

__all__ = ["create_app", "serve"]


def create_app(db: str | Path, *, allowed_hosts: list[str] | None = None, hold: bool = True) -> ASGIApp:
    """The ASGI app over the store at db (imported lazily so `import parley.web` stays cheap)."""
    from parley.web.app import create_app as make

    return make(db, allowed_hosts=allowed_hosts, hold=hold)


def serve(db: str | Path | None = None, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the UI with uvicorn until interrupted; raises StoreError before listening if the store is unusable.

    On a loopback host only loopback Host headers are accepted (DNS-rebinding guard); any other
    host serves the store to the network, which is logged as a warning.
    """
    import uvicorn

    from parley.web.app import create_app as make
    from parley.web.app import is_loopback

    path = Path(db) if db else default_db_path()
    if is_loopback(host):
        allowed = ["localhost", "127.0.0.1", "::1", host]
    else:
        allowed = None
        log.warning("serving %s on %s:%d: anyone who can reach this address can read the store", path, host, port)
    app = make(path, allowed_hosts=allowed)
    print(f"parley: serving {path} at http://{host if ':' not in host else f'[{host}]'}:{port}/ (Ctrl-C to stop)",
          flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False,
                access_log=False)
