"""Collection: the target projects under golden/ and fixtures/ hold their own (generated) test
modules as data; they are compared, never run."""

import atexit
import os
import shutil
import tempfile

collect_ignore = ["golden", "fixtures"]

# `scaffold check` keeps a cache of what it read (scaffold/commands/fact_cache.py) under the
# user's cache folder; the CLI runs of the tests keep theirs in a folder of their own.
_CACHE = tempfile.mkdtemp(prefix="scaffold-test-cache-")
os.environ["SCAFFOLD_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)
