"""timeline: an event-sourced tracker of policy positions."""

__version__ = "0.1.0"
