"""CLI commands for extract (registered by importing this module from timeline.cli)."""

from __future__ import annotations
