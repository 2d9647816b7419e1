"""The site stage: the engine configuration, the build into a staging tree, the atomic swap, serve."""
