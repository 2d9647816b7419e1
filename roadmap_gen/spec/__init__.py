"""Below the model: the YAML reader that keeps positions, and the typed field specs the model declares itself with."""
