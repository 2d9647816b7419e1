"""The site's settings (roadmap-gen.yaml and the project's mkdocs.yml), read and checked."""
