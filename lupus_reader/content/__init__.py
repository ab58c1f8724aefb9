"""Content packs: loading, validating and rendering Markdown guides (no Qt here)."""
