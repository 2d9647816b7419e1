"""The project folder as the tool may touch it: its root, whether it is trusted, and the file rules."""
