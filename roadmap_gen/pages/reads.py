"""Which fields of the shared site data a template can read, found in its source.

Every template receives the whole site data as ``site``; a page's cache key (pages/__init__.py)
covers only the fields its template, and the templates that one includes or imports, name, so
that a team page is not rendered again because another team changed. That is safe only when
every use of ``site`` in those sources is a plain field read (``site.teams``, ``site['teams']``):
``site`` handed on as a whole (to a macro, a filter, a ``set``, printed) could reach any field,
and then the key covers all of them (None here). A name a template binds itself to ``site`` (a
loop variable, a macro's argument) only makes the list longer, never shorter.
"""

from __future__ import annotations

from typing import Callable, Iterable

from jinja2 import nodes

#: The fields of ``site`` each source reads (None: it may read any), by source, for every environment.
_READS: dict[tuple[str, str], frozenset[str] | None] = {}


def _reads(tree: nodes.Node, name: str) -> frozenset[str] | None:
    found: set[str] = set()
    stack: list[nodes.Node] = [tree]
    while stack:
        node = stack.pop()
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Name) and child.name == name:
                if isinstance(node, nodes.Getattr) and node.node is child:
                    found.add(node.attr)
                elif (isinstance(node, nodes.Getitem) and node.node is child and isinstance(node.arg, nodes.Const)
                      and isinstance(node.arg.value, str)):
                    found.add(node.arg.value)
                elif child.ctx == "load":
                    return None  # handed on whole
            else:
                stack.append(child)
    return frozenset(found)


def fields_read(sources: Iterable[str], parse: Callable[[str], nodes.Template],
                name: str = "site") -> frozenset[str] | None:
    """The fields of *name* that templates of these *sources* read; None when they may read any."""
    out: set[str] = set()
    for source in sources:
        if (name, source) not in _READS:
            _READS[(name, source)] = _reads(parse(source), name)
        found = _READS[(name, source)]
        if found is None:
            return None
        out |= found
    return frozenset(out)


__all__ = ["fields_read"]
