"""collate: collate witnesses of a text, flag transmission errors, write a critical apparatus."""

from __future__ import annotations

__version__ = "0.1.0"
