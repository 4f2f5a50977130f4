"""urls.py: read its lists and style, choose where a route goes, add and remove registrations."""
