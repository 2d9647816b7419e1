"""The load stage: YAML with positions, field specs, the model builder, cross-references, project files."""
