"""The いちょう学級's models, one module per part of the work (Django reads them here)."""
