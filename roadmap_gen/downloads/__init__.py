"""The plan as files for other tools, beside ``roadmap.json`` and ``roadmap.csv`` (:mod:`roadmap_gen.downloads.export`):

- :mod:`.ics`: ``roadmap.ics``, the dates of the programme as a calendar (the ``icalendar`` package);
- :mod:`.xlsx`: ``roadmap.xlsx``, the plan, owners, training, goals and findings as a workbook
  (``openpyxl``).

Both are pure and deterministic: every date and stamp in them comes from the review, never from the
clock, so the same project gives the same bytes.
"""
