"""The ``serve`` command: the web app over a store, on this machine only unless told otherwise."""

from __future__ import annotations

import typer

from legation.cli.common import open_store

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(db: str = typer.Option("legation.db", "--db", metavar="FILE", help="SQLite store to serve."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 0.0.0.0 exposes it to the network.")) -> None:
    """The historian's workbench: works, documents, citations, people, quotes, relations, network."""
    import uvicorn

    from legation.web.app import create_app

    open_store(db).close()  # refused here, in one line, not on the first request
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"legation: serving {db} on http://{shown}:{port}/ (Ctrl+C stops it)", err=True)
    if host not in LOOPBACK:
        typer.echo(f"warning: bound to {host}, not to this machine alone: anyone who can reach it on the "
                   f"network can read this store", err=True)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
