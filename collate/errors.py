"""The errors collate raises on bad input or a failed run.

Every error the library raises on purpose is a `CollateError`. The command line turns one
into a message on stderr and exit code 1, never a traceback. Messages name the file and the
value at fault, so that a user can act on them without reading code.
"""

from __future__ import annotations


class CollateError(Exception):
    """Base of every error collate raises on purpose."""


class InputError(CollateError):
    """A witness, record or input file cannot be read or makes no sense."""


class ManifestError(CollateError):
    """A `collate.toml` manifest is missing, malformed or names what is not there."""


class ConfigError(CollateError):
    """An option or configuration value is out of range."""
