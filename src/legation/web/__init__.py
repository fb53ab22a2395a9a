"""The local web app (`legation serve`): pages over one store, rendered on the server."""
