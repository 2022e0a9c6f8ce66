"""Faust side of strikewire: app factory, topic names, thin agents, CLI."""
