"""The version of collate, in one place: the package's face, the reports' generator lines and
the command line's ``--version`` read it here."""

__version__ = "0.1.0"
