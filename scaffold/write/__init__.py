"""Writing: a plan applied all or nothing, and the record of what scaffold generated."""
