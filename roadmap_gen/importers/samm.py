"""OWASP SAMM v2: the ``model/`` folder of a core release (one YAML file per entry, joined by GUIDs).

Business functions become dimensions, security practices factors, the maturity levels the scale
(0 to 3). A factor's level text is its practice level's objective; the level's activities are its
actions (title, short description as the done-when text, stream named). Ids are read from the model's
names: ``threat-assessment`` for a practice, ``d-ta-1-a`` for the activity of Design, Threat
Assessment, level 1, stream A.
"""

from __future__ import annotations

from pathlib import Path

from roadmap_gen.core.diagnostics import Loc
from roadmap_gen.importers.common import (
    DEFAULT_EFFORT,
    Dependency,
    Imported,
    ImportedAction,
    ImportedFactor,
    Reader,
    by_key,
    first_sentence,
    level_name,
    make_id,
    one_line,
    question,
    with_dependencies,
)
from roadmap_gen.spec.yamlread import Mapping, Scalar

NAME = "samm"
WHAT = "DIR"
HELP = "an OWASP SAMM v2 core release's model/ folder (github.com/owaspsamm/core, e.g. tag v2.2.0)"
FOLDERS = ("maturity_levels", "business_functions", "security_practices", "streams", "practice_levels", "activities")
LICENCE = ("CC BY-SA 4.0 (Creative Commons Attribution-ShareAlike 4.0 International, "
           "https://creativecommons.org/licenses/by-sa/4.0/): the text of the model is by the OWASP SAMM project; "
           "say so where it is published, mark the changes made, and share changed text under the same licence")
#: Who owns an imported activity by default, by business function (others: the security lead).
OWNERS = {"governance": "security-lead", "design": "architect", "implementation": "engineering-lead",
          "verification": "test-lead", "operations": "operations-lead"}


def _order(reader: Reader, node: Mapping) -> int:
    """The entry's ``order`` among its kind (0 when it has none)."""
    if node.get("order") is None:
        return 0
    return reader.number(node, "order", 0, 10_000) or 0


def _entries(reader: Reader, folder: Path, shown: str) -> list[tuple[str, Mapping]]:
    out = []
    for path, name in reader.folder(folder, shown):
        for doc in reader.load(path, name):
            node = reader.mapping(doc, _first(name), "the file")
            if node is not None:
                guid = reader.text(node, "id")
                if guid:
                    out.append((guid, node))
    return out


def _first(name: str) -> Loc:
    return Loc(name, 1, 1)


def _link(reader: Reader, node: Mapping, key: str, table: dict[str, Mapping], kind: str) -> Mapping | None:
    """The entry *node*'s *key* points at by GUID, or a located problem."""
    guid = reader.text(node, key)
    if not guid:
        return None
    found = table.get(guid)
    if found is None:
        value = node.get(key)
        reader.problem(value.loc if value is not None else node.loc, f"'{key}' names no {kind} of the model: "
                                                                     f"'{guid[:64]}'")
    return found


def read(path: Path, shown: str, version: str | None) -> Imported:
    reader = Reader()
    tables = {folder: by_key(_entries(reader, path / folder, f"{shown}/{folder}"), reader, folder)
              for folder in FOLDERS}
    reader.done()
    levels = {guid: reader.number(node, "number", 1, 9) or 0 for guid, node in tables["maturity_levels"].items()}
    top = max(levels.values(), default=0)
    if sorted(levels.values()) != list(range(1, top + 1)) or top == 0:
        reader.problem(_first(f"{shown}/maturity_levels"), "the maturity levels are not numbered 1, 2, 3 ...")
    functions = tables["business_functions"]
    function_id = {guid: make_id(reader.text(node, "name")) for guid, node in functions.items()}
    practices = tables["security_practices"]
    practice_function = {guid: _link(reader, node, "function", functions, "business function")
                         for guid, node in practices.items()}
    practice_id = {guid: make_id(reader.text(node, "name")) for guid, node in practices.items()}
    streams = {guid: (_link(reader, node, "practice", practices, "security practice"), node)
               for guid, node in tables["streams"].items()}
    plevels = {guid: (_link(reader, node, "practice", practices, "security practice"),
                      _link(reader, node, "maturityLevel", tables["maturity_levels"], "maturity level"), node)
               for guid, node in tables["practice_levels"].items()}
    reader.done()
    guid_of = {id(node): guid for table in tables.values() for guid, node in table.items()}

    # Each practice's level texts, from its practice levels' objectives.
    level_text: dict[str, dict[int, str]] = {p: {} for p in practices}
    level_of_plevel: dict[str, tuple[str, int]] = {}
    for guid, (practice, maturity, node) in plevels.items():
        if practice is None or maturity is None:
            continue
        p, number = guid_of[id(practice)], levels[guid_of[id(maturity)]]
        level_text[p][number] = one_line(reader.text(node, "objective"))
        level_of_plevel[guid] = (p, number)

    # Activities: each in one stream and one practice level of the same practice.
    actions: dict[str, list[tuple[tuple[int, int, str], ImportedAction]]] = {p: [] for p in practices}
    placed: dict[str, tuple[str, int, str]] = {}
    related: list[tuple[str, Scalar]] = []
    for guid, node in tables["activities"].items():
        stream = _link(reader, node, "stream", tables["streams"], "stream")
        plevel = _link(reader, node, "level", tables["practice_levels"], "practice level")
        if stream is None or plevel is None or guid_of[id(plevel)] not in level_of_plevel:
            continue
        p, number = level_of_plevel[guid_of[id(plevel)]]
        stream_practice = streams[guid_of[id(stream)]][0]
        if stream_practice is None or guid_of[id(stream_practice)] != p:
            reader.problem(node.loc, "the activity's stream and level belong to different practices")
            continue
        function = practice_function[p]
        letter = reader.text(stream, "letter")
        short = reader.text(practices[p], "shortName")
        fname = reader.text(function, "name") if function is not None else ""
        ident = make_id(f"{fname[:1]}-{short}-{number}-{letter}", guid)
        stream_name = reader.text(stream, "name")
        done_when = one_line(reader.text(node, "shortDescription", required=False))
        description = " ".join(part for part in (done_when, f"Stream {letter}: {stream_name}.") if part)
        owner = OWNERS.get(function_id.get(guid_of[id(function)], "") if function is not None else "",
                           "security-lead")
        action = ImportedAction(id=ident, title=one_line(reader.text(node, "title")), raises_to=number,
                                effort=DEFAULT_EFFORT, owner_role=owner, description=description)
        actions[p].append(((number, _order(reader, stream), ident), action))
        placed[guid] = (practice_id[p], number, ident)
        related += [(guid, item) for item in reader.texts(node, "relatedActivities")]
    reader.done()

    deps, unknown = [], []
    for guid, item in related:
        target = placed.get(str(item.value).strip())
        if target is None:
            unknown.append(f"{placed[guid][2]} depends on '{one_line(str(item.value))[:64]}', which is no activity "
                           "of the model")
            continue
        deps.append(Dependency(*placed[guid], *target))
    seen: dict[str, str] = {}
    for p, ident in practice_id.items():
        other = seen.setdefault(ident, p)
        if other != p:
            reader.problem(practices[p].loc, f"two practices have the id '{ident}'")
    for p, texts in level_text.items():
        for number in range(1, top + 1):
            if number not in texts:
                reader.problem(practices[p].loc, f"the practice has no practice level for maturity level {number}")
    reader.done()

    def practice_order(p: str) -> tuple[int, int, str]:
        function = practice_function[p]
        return (_order(reader, function) if function is not None else 0, _order(reader, practices[p]), practice_id[p])

    factors = []
    for p in sorted(practices, key=practice_order):
        node, function = practices[p], practice_function[p]
        title = one_line(reader.text(node, "name"))
        factors.append(ImportedFactor(
            id=practice_id[p], title=title, question=question(title),
            dimension=function_id[guid_of[id(function)]] if function is not None else "",
            summary=one_line(reader.text(node, "shortDescription", required=False)),
            levels=tuple(sorted(level_text[p].items())),
            actions=tuple(a for _, a in sorted(actions[p], key=lambda pair: pair[0]))))
    dimensions = tuple((function_id[g], one_line(reader.text(n, "name")),
                        first_sentence(reader.text(n, "description", required=False)))
                       for g, n in sorted(functions.items(), key=lambda gn: (_order(reader, gn[1]), function_id[gn[0]])))
    scale = ((0, level_name(0), "The practice's activities are not done."),) + tuple(
        (levels[g], level_name(levels[g]), one_line(reader.text(n, "description", required=False)))
        for g, n in sorted(tables["maturity_levels"].items(), key=lambda gn: levels[gn[0]]))
    model = next((reader.text(n, "model", required=False) for n in functions.values()), "") or "SAMM"
    shown_version = version or model
    reader.done()
    return Imported(
        id="owasp-samm", title="OWASP SAMM", version=shown_version, subject="software security",
        description="The OWASP Software Assurance Maturity Model: business functions, security practices and "
                    "their activities, imported from the model's own files.",
        source=f"OWASP SAMM {shown_version}, the core model (https://github.com/owaspsamm/core, folder model/), "
               "imported with roadmap-gen catalogue import samm",
        licence=LICENCE, scale=scale, dimensions=dimensions,
        factors=with_dependencies(factors, deps), report=tuple(sorted(unknown)))


__all__ = ["HELP", "NAME", "WHAT", "read"]
