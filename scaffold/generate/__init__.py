"""From validated resources to a plan: resolve against the project, render, build the changes."""
