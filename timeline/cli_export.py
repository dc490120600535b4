"""CLI commands for export (registered by importing this module from timeline.cli)."""

from __future__ import annotations
