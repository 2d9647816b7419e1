"""The foundation every stage stands on: diagnostics, periods, numbers, escaping, safe writes, resources, the version."""
