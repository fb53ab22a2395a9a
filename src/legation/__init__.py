"""legation: read diplomats' reports and the scholarship on them, and keep the evidence."""

__version__ = "0.1.0"
