"""Where the web app's files are: its templates and static files (inside the package) and
plotly's JavaScript (inside the plotly package, never from a CDN). The report page may use
these paths too."""

from __future__ import annotations

from pathlib import Path

import plotly

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
CYTOSCAPE_JS = STATIC / "vendor" / "cytoscape.min.js"
