"""The load stage: read a project's files, check them and their cross-references, build the model.

The YAML reader and the field specs it uses are in ``spec/``, the rules for which files may be read
in ``workspace/``, the site settings' reader in ``settings/``."""
