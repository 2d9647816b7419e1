"""Markdown as the site converts it: the extension set-up, their options, and the checks on pages users write."""
