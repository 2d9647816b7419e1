"""OWASP DSOMM: the ``generated/model.yaml`` of the DevSecOps Maturity Model's data (two YAML documents:
``meta``, then dimensions > sub-dimensions > activities).

Dimensions stay dimensions, sub-dimensions become factors, levels 1 to 5 the scale. A factor's level
text names the activities at that level (or says there are none); each activity is an action at its
level, its ``measure`` the done-when text. ``dependsOn`` on an activity of a lower level of another
sub-dimension becomes ``requires``; the rest are listed in the import's report and the factor's notes.
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
    first_sentence,
    level_name,
    make_id,
    one_line,
    question,
    unique_ids,
    with_dependencies,
)
from roadmap_gen.spec.yamlread import Mapping, Scalar

NAME = "dsomm"
WHAT = "FILE"
HELP = ("the DevSecOps Maturity Model's generated/model.yaml (github.com/devsecopsmaturitymodel/"
        "DevSecOps-MaturityModel-data)")
TOP = 5
LICENCE = ("GPL-3.0 (GNU General Public License v3.0, https://www.gnu.org/licenses/gpl-3.0.html): the model's "
           "data is by the OWASP DevSecOps Maturity Model project; a catalogue made from it is a work based on "
           "that data, under the same licence")
#: Who owns an imported activity by default, by dimension (others: the security lead).
OWNERS = {"build-and-deployment": "engineering-lead", "culture-and-organization": "security-lead",
          "implementation": "engineering-lead", "information-gathering": "operations-lead",
          "test-and-verification": "test-lead"}
EMPTY_LEVEL = "DSOMM names no activity at this level: it is reached with the levels below it."
EMPTY_ACTION = "The activities of the levels below are in place (DSOMM names none of its own at this level)."


def _items(reader: Reader, node: Mapping | None) -> list[tuple[str, Scalar, Mapping]]:
    """(name, key, map) of each entry of *node*; an entry that is not a map is a located problem."""
    out = []
    for key, value in node.items if node is not None else ():
        name = one_line(str(key.value)) if key.value is not None else ""
        inner = reader.mapping(value, key.loc, f"'{name[:64]}'")
        if not name:
            reader.problem(key.loc, "an entry has no name")
        elif inner is not None:
            out.append((name, key, inner))
    return out


def _effort(node: Mapping) -> int:
    """The activity's own time estimate (1 to 5), else the default effort."""
    difficulty = node.get("difficultyOfImplementation")
    time = difficulty.get("time") if isinstance(difficulty, Mapping) else None
    if isinstance(time, Scalar) and isinstance(time.value, int) and not isinstance(time.value, bool) \
            and 1 <= time.value <= 5:
        return time.value
    return DEFAULT_EFFORT


def read(path: Path, shown: str, version: str | None) -> Imported:
    reader = Reader()
    docs = reader.load(path, shown, documents=2)
    reader.done()
    meta_node = reader.mapping(docs[0], Loc(shown, 1, 1), "the first document") if len(docs) == 2 else None
    meta = meta_node.get("meta") if meta_node is not None else None
    model = reader.mapping(docs[-1] if docs else None, Loc(shown, 1, 1), "the model")
    reader.done()
    found_version = reader.text(meta, "version", required=False) if isinstance(meta, Mapping) else ""
    released = reader.text(meta, "released", required=False) if isinstance(meta, Mapping) else ""

    # (dimension, sub-dimension key, factor title, activities) in the file's order.
    dimensions = []
    activities: list[tuple[str, str, Scalar, Mapping, int]] = []  # (factor key, name, key, node, level)
    subs: list[tuple[str, str, str]] = []  # (factor key, title, dimension id)
    for dname, _dkey, dnode in _items(reader, model):
        if dname == "meta":
            continue
        dimension = make_id(dname)
        dimensions.append((dimension, dname, ""))
        for sname, _skey, snode in _items(reader, dnode):
            factor_key = f"{dname}/{sname}"
            subs.append((factor_key, sname, dimension))
            for aname, akey, anode in _items(reader, snode):
                level = reader.number(anode, "level", 1, TOP)
                reader.text(anode, "uuid")
                if level is not None:
                    activities.append((factor_key, aname, akey, anode, level))
    if not subs:
        reader.problem(model.loc if model is not None else Loc(shown, 1, 1), "the model has no sub-dimensions",
                       "give DSOMM's generated/model.yaml")
    reader.done()

    factor_ids = unique_ids((key, title) for key, title, _ in subs)
    action_ids = unique_ids((reader.text(node, "uuid"), name) for _, name, _, node, _ in activities)
    by_uuid: dict[str, tuple[str, int, str]] = {}
    for factor_key, _, key, node, level in activities:
        uuid = reader.text(node, "uuid")
        if uuid in by_uuid:
            reader.problem((node.get("uuid") or key).loc, f"the uuid '{uuid[:64]}' is used twice")
        by_uuid[uuid] = (factor_ids[factor_key], level, action_ids[uuid])
    reader.done()

    deps = []
    unknown: list[str] = []
    for _factor_key, _name, _key, node, _level in activities:
        here = by_uuid[reader.text(node, "uuid")]
        for item in reader.texts(node, "dependsOn"):
            target = by_uuid.get(str(item.value).strip())
            if target is None:
                unknown.append(f"{here[2]} depends on '{one_line(str(item.value))[:64]}', which is no activity "
                               "of the model")
                continue
            deps.append(Dependency(*here, *target))
    reader.done()

    factors = []
    for factor_key, title, dimension in subs:
        fid = factor_ids[factor_key]
        mine = sorted(((level, action_ids[reader.text(node, "uuid")], name, node)
                       for key_, name, _, node, level in activities if key_ == factor_key),
                      key=lambda item: (item[0], item[1]))
        levels = []
        for number in range(1, TOP + 1):
            names = [name for level, _, name, _ in mine if level == number]
            levels.append((number, "Activities: " + "; ".join(names) + "." if names else EMPTY_LEVEL))
        # A level with no activity still needs one action, or no plan could ever reach it.
        empty = tuple(ImportedAction(
            id=make_id(f"{fid}-level-{number}"), title=f"Confirm {title} stands at level {number}", raises_to=number,
            effort=1, owner_role=OWNERS.get(dimension, "security-lead"), description=EMPTY_ACTION)
            for number, text in levels if text == EMPTY_LEVEL)
        actions = empty + tuple(ImportedAction(
            id=ident, title=name, raises_to=level, effort=_effort(node),
            owner_role=OWNERS.get(dimension, "security-lead"),
            description=one_line(reader.text(node, "measure", required=False)
                                 or first_sentence(reader.text(node, "description", required=False))))
            for level, ident, name, node in mine)
        actions = tuple(sorted(actions, key=lambda a: (a.raises_to, a.id)))
        factors.append(ImportedFactor(id=fid, title=title, question=question(title), dimension=dimension,
                                      summary="", levels=tuple(levels), actions=actions))
    reader.done()
    shown_version = version or found_version or "unknown version"
    return Imported(
        id="dsomm", title="OWASP DevSecOps Maturity Model (DSOMM)", version=shown_version, subject="DevSecOps",
        description="The OWASP DevSecOps Maturity Model: dimensions, sub-dimensions and their activities at five "
                    "levels, imported from the model's generated data.",
        source=f"OWASP DSOMM {shown_version}" + (f" (released {released})" if released else "")
               + ", generated/model.yaml of https://github.com/devsecopsmaturitymodel/DevSecOps-MaturityModel-data, "
               "imported with roadmap-gen catalogue import dsomm",
        licence=LICENCE,
        scale=tuple((n, level_name(n), "") for n in range(TOP + 1)),
        dimensions=tuple(dimensions), factors=with_dependencies(factors, deps), report=tuple(sorted(unknown)))


__all__ = ["HELP", "NAME", "WHAT", "read"]
