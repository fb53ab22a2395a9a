"""The ``serve`` command: the web app over a store, on this machine only unless told otherwise."""

from __future__ import annotations

from pathlib import Path

import typer


def serve(db: str = typer.Option("legation.db", "--db", help="SQLite store to serve."),
          port: int = typer.Option(8000, "--port", help="Port to listen on."),
          host: str = typer.Option("127.0.0.1", "--host", help="Address to bind; 0.0.0.0 exposes it to the network.")) -> None:
    """The historian's workbench: works, documents, citations, people, quotes, relations, network."""
    import uvicorn

    from legation.web.app import create_app

    if not Path(db).is_file():
        typer.echo(f"error: {db}: no such store (run legation ingest first)", err=True)
        raise typer.Exit(2)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
