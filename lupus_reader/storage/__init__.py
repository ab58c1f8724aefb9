"""The reader's own words on their own machine: bookmarks, notes and questions in SQLite (no Qt)."""
