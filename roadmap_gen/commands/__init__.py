"""The commands other than build: each edits or creates a user's files, or reports on them."""
