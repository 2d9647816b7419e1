"""Self-assessment by spreadsheet: ``roadmap-gen survey`` writes a workbook per team,
``roadmap-gen collect`` reads the returned copies back into the team files.

- :mod:`roadmap_gen.survey.layout`: the sheets and columns both sides agree on, and the
  catalogue's fingerprint;
- :mod:`roadmap_gen.survey.workbook`: the workbook ``survey`` writes;
- :mod:`roadmap_gen.survey.returned`: reading a returned workbook, hostile until read;
- :mod:`roadmap_gen.survey.collect`: turning the answers into edits of the YAML files, written all or
  nothing.
"""
