"""The target project: its settings, discovered once, and its catalogue of endpoint bases."""
