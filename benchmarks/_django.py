"""The Django setup every benchmark script starts with: settings, a temporary folder, a throw-away
database file for SQLite, production-like options. Import it before any model::

    from _django import setup  # the scripts run as ``python benchmarks/NAME.py``

    TMP = setup()                      # itaku.settings, DEBUG off, fast password hashing
    TMP = setup(keys=True)             # with a fresh master key, keystore and file folders
    TMP = setup(code=Path("/tmp/old")) # the code of another checkout ("before" figures)

With SQLite the test database is a file in the temporary folder (not ``:memory:``, so the
figures include the file I/O a server has); with PostgreSQL it is Django's ``test_<name>`` on
DATABASE_URL's server. The folder is removed when the script ends.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup(
    *, settings_module: str = "itaku.settings", code: Path | None = None, keys: bool = False
) -> Path:
    """Configure and start Django; return the temporary folder."""
    sys.path.insert(0, str(code or REPO))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    os.environ.setdefault("ITAKU_ENV", "development")
    tmp = Path(tempfile.mkdtemp(prefix="itaku-bench-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/unused.sqlite3")

    import django
    from django.conf import settings

    settings.DATABASES["default"].setdefault("TEST", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        settings.DATABASES["default"]["TEST"]["NAME"] = f"{tmp}/bench.sqlite3"  # not :memory:
    settings.DEBUG = False  # as in production: the connection keeps no query log
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if keys:
        settings.ITAKU_MASTER_KEY = os.urandom(32)
        settings.ITAKU_KEYSTORE_DIR = tmp / "keystore"
        settings.ITAKU_FILES_DIR = tmp / "files"
    django.setup()
    return tmp
