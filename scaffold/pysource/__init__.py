"""The one static reader (stdlib `ast`, never imports the target): modules, imports, classes, routes, convert_args."""
