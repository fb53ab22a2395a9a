"""What legation writes for other tools: CSL-JSON and BibTeX (reference managers), CSV and JSON
tables (spreadsheets, Palladio), GEXF and GraphML (Gephi, Cytoscape), TEI. Each reads the store
or an analysis; nothing below this package imports it."""
