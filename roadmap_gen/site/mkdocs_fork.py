"""MkDocs' page work shared by forked processes (site/forkmap.py), the site byte for byte the same.

A large build spends most of its time in two loops of MkDocs' ``build``, one page after another:
reading each page and turning its Markdown into HTML (``_populate_page``), then writing each page
through the theme (``_build_page``). Each page's turn in either loop is independent of the others'
(a new ``Markdown`` for each page; the theme reads only what the first loop gathered), as long as
no plugin keeps state there. :func:`forked_pages` stands in for both functions during one build.
At the first page of a loop it does the whole loop with :func:`~.forkmap.fork_map`; MkDocs' loop
then goes on as before, and at each page's turn the page gets what its work gave:

- reading: its Markdown, metadata, HTML, table of contents, title and anchors;
- writing: the file is written by whichever process built it; the entries it added to Material's
  search index are added at its turn, so that the index keeps MkDocs' order.

The log records a page's work made are handed to MkDocs' loggers at its turn, so that every
warning, every strict-mode count and every error comes at the same page as without workers; an
error is raised at its page by this process (a child's page that failed is worked again here).

A loop is shared only when every point below holds; otherwise MkDocs works alone, as always:

- a full build (not ``--dirty``, not a preview's drafts) of at least :data:`MIN_PAGES` pages;
- reading: no plugin handles ``pre_page``, ``page_read_source``, ``page_markdown`` or
  ``page_content`` (a plugin may keep state there that a child would lose);
- writing: no plugin handles ``post_page``, and only Material's search plugin ``page_context``;
- fork exists and this process runs one thread (:func:`~.forkmap.can_fork`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from roadmap_gen.site.forkmap import can_fork, fork_map

#: Fewer pages than this are worked faster than a child starts and hands its work back.
MIN_PAGES = 32

#: MkDocs' plugin events that run while a page is read and converted, and while it is written.
_READING_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content")

#: What MkDocs' ``read_source`` and ``render`` set on a page (``links_to_anchors`` apart: it names files).
_PAGE_STATE = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")


@dataclass
class _Done:
    """One page's turn in a loop, worked ahead: the log records it made, the exception it raised, and
    what it gave (reading: the page's state and the anchors it links to; writing: search entries)."""
    records: list[logging.LogRecord] = field(default_factory=list)
    error: Exception | None = None
    state: dict[str, Any] = field(default_factory=dict)
    anchors: dict[str, dict[str, str]] | None = None  # links_to_anchors, by the linked file's src_uri
    entries: list[Any] = field(default_factory=list)


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The message is made now, so that the record can cross to another process.
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _worked(step: Callable[[], None], done: _Done) -> _Done:
    """*done* with what *step* logged and raised, held back from MkDocs' handlers (its strict counter too)."""
    logger = logging.getLogger("mkdocs")
    recorder = _Recorder()
    saved = logger.handlers[:], logger.propagate
    logger.handlers, logger.propagate = [recorder], False
    try:
        step()
    except Exception as exc:  # noqa: BLE001 - raised again at the page's turn, as MkDocs would
        done.error = exc
    finally:
        logger.handlers, logger.propagate = saved
    done.records = recorder.records
    return done


def _turn(done: _Done) -> None:
    for record in done.records:
        logging.getLogger(record.name).handle(record)
    if done.error is not None:
        raise done.error


def _material_search(handlers: Sequence[Any]) -> Any | None:
    """Material's search plugin when it alone handles ``page_context``; None otherwise (also when none does)."""
    owners = {id(getattr(handler, "__self__", None)): getattr(handler, "__self__", None) for handler in handlers}
    if len(owners) != 1:
        return None
    (plugin,) = owners.values()
    kind = type(plugin)
    if (kind.__module__, kind.__name__) != ("material.plugins.search.plugin", "SearchPlugin"):
        return None
    return plugin if isinstance(getattr(getattr(plugin, "search_index", None), "entries", None), list) else None


class _StandIn:
    """MkDocs' ``_populate_page`` and ``_build_page`` for one build (see the module)."""

    def __init__(self, populate: Callable[..., None], build_page: Callable[..., None], workers: int) -> None:
        self._populate, self._build_page, self._workers = populate, build_page, workers
        self._read: dict[str, _Done] | None = None
        self._written: dict[str, _Done] | None = None
        self._search: Any = None
        #: Which loops were shared (for the tests): "reading", "writing".
        self.shared: list[str] = []

    # --- reading ------------------------------------------------------------------------------------

    def populate(self, page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if self._read is None:
            self._read = self._read_all(page, config, files, dirty=dirty)
        done = self._read.pop(page.file.src_uri, None)
        if done is None:
            self._populate(page, config, files, dirty)
            return
        if done.error is None:  # the state of a page this process read is set again, the same
            for name, value in done.state.items():
                setattr(page, name, value)
            if done.anchors is not None:
                page.links_to_anchors = {files.get_file_from_path(to): links for to, links in done.anchors.items()}
        _turn(done)

    def _read_all(self, first: Any, config: Any, files: Any, *, dirty: bool) -> dict[str, _Done]:
        order = list(files.documentation_pages())
        if (dirty or len(order) < MIN_PAGES or order[0] is not first.file
                or any(config.plugins.events.get(event) for event in _READING_EVENTS)):
            return {}
        self.shared.append("reading")
        results = fork_map(lambda file: self._read_one(file, config, files), order, self._workers,
                           keep=lambda done: done.error is None)
        return {file.src_uri: done for file, done in zip(order, results, strict=True)}

    def _read_one(self, file: Any, config: Any, files: Any) -> _Done:
        from mkdocs.structure.pages import Page

        done = _Done()

        def step() -> None:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)  # as MkDocs' own loop does, just before the page's turn
            page = file.page
            self._populate(page, config, files, False)
            done.state = {name: getattr(page, name) for name in _PAGE_STATE}
            if page.links_to_anchors is not None:
                done.anchors = {to.src_uri: dict(links) for to, links in page.links_to_anchors.items()}

        return _worked(step, done)

    # --- writing ------------------------------------------------------------------------------------

    def build_page(self, page: Any, config: Any, doc_files: Sequence[Any], nav: Any, env: Any,
                   dirty: bool = False, excluded: bool = False) -> None:
        if self._written is None:
            self._written = self._write_all(page, config, doc_files, nav, env, dirty=dirty, excluded=excluded)
        done = self._written.pop(page.file.src_uri, None)
        if done is None:
            self._build_page(page, config, doc_files, nav, env, dirty, excluded)
            return
        if self._search is not None:
            self._search.search_index.entries.extend(done.entries)
        _turn(done)

    def _write_all(self, first: Any, config: Any, doc_files: Sequence[Any], nav: Any, env: Any, *,
                   dirty: bool, excluded: bool) -> dict[str, _Done]:
        order = list(doc_files)
        events = config.plugins.events
        search = _material_search(events.get("page_context", []))
        if (dirty or excluded or len(order) < MIN_PAGES or order[0] is not first.file or events.get("post_page")
                or (events.get("page_context") and search is None)
                or any(file.inclusion.is_excluded() or file.page is None for file in order)):
            return {}
        self._search = search
        self.shared.append("writing")
        results = fork_map(lambda file: self._write_one(file, config, order, nav, env), order, self._workers,
                           keep=lambda done: done.error is None)
        return {file.src_uri: done for file, done in zip(order, results, strict=True)}

    def _write_one(self, file: Any, config: Any, doc_files: Sequence[Any], nav: Any, env: Any) -> _Done:
        index: list[Any] | None = self._search.search_index.entries if self._search is not None else None
        before = len(index) if index is not None else 0
        done = _worked(lambda: self._build_page(file.page, config, doc_files, nav, env, False, False), _Done())
        if index is not None:  # added again at the page's turn, in MkDocs' order
            done.entries = index[before:]
            del index[before:]
        return done


@contextmanager
def forked_pages(workers: int) -> Iterator[_StandIn | None]:
    """MkDocs' page loops shared by *workers* processes while the block runs (see the module)."""
    if workers < 2 or not can_fork():
        yield None
        return
    from mkdocs.commands import build

    originals = build._populate_page, build._build_page
    stand_in = _StandIn(originals[0], originals[1], workers)
    build._populate_page, build._build_page = stand_in.populate, stand_in.build_page
    try:
        yield stand_in
    finally:
        build._populate_page, build._build_page = originals


__all__ = ["MIN_PAGES", "forked_pages"]
