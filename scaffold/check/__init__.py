"""`scaffold check`: a read-only, static analysis of endpoint classes and the routes serving them."""
