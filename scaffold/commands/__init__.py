"""One module per command; each reads its inputs, calls the core, and reports."""
