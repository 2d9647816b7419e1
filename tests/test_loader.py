"""The YAML loader: located nodes, YAML 1.2 core scalars, and a hostile-input corpus.

Every hostile file must come back as located diagnostics (check id, file,
1-based line and column), never as an exception, never by running anything,
and quickly.
"""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path

import pytest

from roadmap_gen.load.project import load_project
from roadmap_gen.spec import yamlread as yamlload
from roadmap_gen.spec.yamlread import Mapping, Scalar, Sequence, load_text, to_python

FIXTURE = Path(__file__).parent / "fixtures" / "minimal"
ORG = "content/organisation.yaml"
CHECK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def pos(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based (line, col) of the nth occurrence of needle in text."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def ok(text: str | bytes):
    result = load_text(text, "f.yaml")
    assert result.diagnostics == (), [d.format() for d in result.diagnostics]
    return result.root


# --- located nodes ---------------------------------------------------------------------

DOC = """\
# a comment line
name: Mini Org
people:
  dana: {name: Dana, roles: [sponsor, coach]}
steps:
  - first
  - key: value
    other: 2
"""


def test_keys_and_values_carry_1_based_line_and_column():
    root = ok(DOC)
    assert isinstance(root, Mapping)
    assert (root.loc.line, root.loc.col) == pos(DOC, "name:")
    assert root.loc.file == "f.yaml"

    name_key = root.key_node("name")
    name_value = root.get("name")
    assert isinstance(name_value, Scalar) and name_value.value == "Mini Org"
    assert (name_key.loc.line, name_key.loc.col) == (2, 1)
    assert (name_value.loc.line, name_value.loc.col) == (2, 7)
    assert name_value.end == (2, 15)  # just after "Mini Org", for in-place edits

    people = root.get("people")
    assert isinstance(people, Mapping)
    assert (people.loc.line, people.loc.col) == pos(DOC, "dana:")
    dana = people.get("dana")
    assert isinstance(dana, Mapping)
    assert (dana.loc.line, dana.loc.col) == pos(DOC, "{name")
    assert dana.key_node("name").loc_pos == pos(DOC, "name: Dana")
    assert dana.get("name").loc_pos == pos(DOC, "Dana,")
    roles = dana.get("roles")
    assert isinstance(roles, Sequence)
    assert (roles.loc.line, roles.loc.col) == pos(DOC, "[sponsor")
    assert [(r.loc.line, r.loc.col) for r in roles.items] == [pos(DOC, "sponsor"), pos(DOC, "coach")]


def test_block_sequence_items_are_located():
    root = ok(DOC)
    steps = root.get("steps")
    assert isinstance(steps, Sequence)
    first, second = steps.items
    assert first.loc_pos == pos(DOC, "first")
    assert isinstance(second, Mapping)
    assert (second.loc.line, second.loc.col) == pos(DOC, "key: value")
    assert second.key_node("other").loc_pos == pos(DOC, "other")
    assert second.get("other").loc_pos == pos(DOC, "2\n")


def test_empty_block_value_is_located_at_its_key():
    text = "planning:\n  phases:\n  capacity: 12\nlast:\n"
    root = ok(text)
    phases = root.get("planning").get("phases")
    assert phases.value is None and phases.loc_pos == (2, 3)
    last = root.get("last")
    assert last.value is None and last.loc_pos == (4, 1)
    # empty items and flow values keep ruamel's own (correct) places
    root = ok("a: {c: }\nd:\n  -\n  - 2\n")
    assert root.get("a").get("c").loc.line == 1
    assert root.get("d").items[0].loc.line == 3


def test_quoted_scalars_are_marked_and_stay_text():
    root = ok('a: "2"\nb: \'on\'\nc: 2\n')
    assert root.get("a").value == "2" and root.get("a").quoted
    assert root.get("b").value == "on" and root.get("b").quoted
    assert root.get("c").value == 2 and not root.get("c").quoted


# --- YAML 1.2 core schema --------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("on", "on"), ("off", "off"), ("yes", "yes"), ("no", "no"), ("Yes", "Yes"), ("ON", "ON"),
    ("y", "y"), ("n", "n"),
    ("true", True), ("False", False), ("TRUE", True),
    ("0o17", 15), ("0x1F", 31), ("0x1f", 31), ("017", 17), ("+12", 12), ("-3", -3),
    ("1_000", "1_000"), ("0b101", "0b101"),
    ("1.5", 1.5), ("1e3", 1000.0), (".5", 0.5),
    ("2026-11-20", "2026-11-20"), ("2027-Q1", "2027-Q1"), ("12:30", "12:30"),
    ("~", None), ("null", None), ("", None),
])
def test_core_schema_scalars(raw, expected):
    value = ok(f"v: {raw}\n").get("v").value
    assert value == expected and type(value) is type(expected)


def test_special_floats():
    root = ok("a: .inf\nb: -.Inf\nc: .nan\n")
    assert root.get("a").value == math.inf
    assert root.get("b").value == -math.inf
    assert math.isnan(root.get("c").value)


def test_dates_are_never_turned_into_date_objects():
    root = ok("review:\n  date: 2026-11-20\n  stamp: 2026-11-20T10:00:00Z\n")
    assert to_python(root) == {"review": {"date": "2026-11-20", "stamp": "2026-11-20T10:00:00Z"}}


def test_int_keys_stay_ints():
    root = ok("scale:\n  0: {name: Absent}\n  1: {name: Initial}\n  0x2: {name: Hex}\n")
    assert to_python(root) == {"scale": {0: {"name": "Absent"}, 1: {"name": "Initial"}, 2: {"name": "Hex"}}}
    scale = root.get("scale")
    assert scale.get(1).get("name").value == "Initial"
    assert scale.key_node(0).loc_pos == (2, 3)


def test_small_anchors_and_aliases_are_fine():
    assert to_python(ok("a: &x [1, 2]\nb: *x\n")) == {"a": [1, 2], "b": [1, 2]}


def test_utf8_bom_is_accepted():
    assert to_python(ok("\ufeffa: 1\n".encode("utf-8"))) == {"a": 1}


def test_empty_and_comment_only_files_have_no_root():
    for text in (b"", b"# only\n# comments\n", b"\n\n"):
        result = load_text(text, "f.yaml")
        assert result.root is None


# --- the hostile corpus ----------------------------------------------------------------


def _billion_laughs(levels: int = 9) -> str:
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _nested_block_maps(depth: int) -> str:
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + "leaf\n"


def _corpus(tmp_path: Path) -> dict[str, tuple[bytes, set[str]]]:
    """name -> (file content, acceptable check ids)."""
    payload = tmp_path / "pwned"
    return {
        "alias-bomb": (_billion_laughs().encode(), {"yaml-alias-bomb"}),
        "deep-brackets": (("a: " + "[" * 5000 + "]" * 5000 + "\n").encode(), {"yaml-too-deep"}),
        "unclosed-deep-brackets": (("a: " + "[" * 5000 + "\n").encode(), {"yaml-too-deep"}),
        # 5,000 block levels need more than 12 MB of indentation: the size guard stops them first.
        "deep-block-maps": (_nested_block_maps(5000).encode(), {"file-too-large", "yaml-too-deep"}),
        "deep-block-maps-1000": (_nested_block_maps(1000).encode(), {"yaml-too-deep"}),
        "python-object-apply": (f'!!python/object/apply:os.system ["touch {payload}"]\n'.encode(), {"yaml-tag"}),
        "python-object-apply-value": (f'organisation: !!python/object/apply:os.system ["touch {payload}"]\n'
                                      .encode(), {"yaml-tag"}),
        "python-name": (b"organisation: !!python/name:os.system\n", {"yaml-tag"}),
        "python-object-map": (f"a: !!python/object/new:os.system {{args: ['touch {payload}']}}\n".encode(),
                              {"yaml-tag"}),
        "local-tag": (b"organisation: !foo bar\n", {"yaml-tag"}),
        "local-tag-on-map": (b"organisation: !foo {name: x}\n", {"yaml-tag"}),
        "duplicate-key": (b"organisation:\n  name: A\n  name: B\n", {"duplicate-key"}),
        "duplicate-key-1-vs-1.0": (b"scale:\n  1: {name: a}\n  1.0: {name: b}\n", {"duplicate-key"}),
        "not-utf8": (b"organisation:\n  name: caf\xe9\n", {"not-utf8"}),
        "six-megabytes": (b"organisation:\n  name: \"" + b"x" * (6 * 1024 * 1024) + b"\"\n", {"file-too-large"}),
        "nul-byte": (b"organisation:\n  name: a\x00b\n", {"yaml-syntax"}),
        "utf16-with-bom": ("organisation:\n  name: A\n".encode("utf-16"), {"not-utf8"}),
        "empty": (b"", {"missing-field"}),
        "only-comments": (b"# nothing here\n# at all\n", {"missing-field"}),
        "two-documents": (b"organisation:\n  name: A\n---\norganisation:\n  name: B\n", {"yaml-syntax"}),
        "tab-indent": (b"organisation:\n\tname: A\n", {"yaml-syntax"}),
        "unclosed-quote": (b'organisation:\n  name: "A\nreview:\n  date: 2026-11-20\n', {"yaml-syntax"}),
        "huge-number": (b"planning:\n  phases: " + b"9" * 100 + b"\n", {"number-too-long"}),
        "complex-key": (b"? [a, b]\n: 1\n", {"yaml-complex-key"}),
        "unknown-alias": (b"a: *nowhere\n", {"yaml-syntax"}),
    }


CORPUS_NAMES = sorted(_corpus(Path("/nonexistent")))


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_hostile_file_is_reported_not_raised(name, tmp_path):
    data, checks = _corpus(tmp_path)[name]
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    (root / ORG).write_bytes(data)

    # Must not raise. No timing assertion (it fails on a busy machine): an alias bomb that
    # expanded would not finish at all, and the loader's limits say so in a diagnostic.
    loaded = load_project(root)
    assert loaded.project is None
    mine = [d for d in loaded.diagnostics if d.file == ORG]
    assert mine, f"{name}: no diagnostic for {ORG}: {[d.format() for d in loaded.diagnostics]}"
    for d in loaded.diagnostics:
        assert CHECK_ID.match(d.check), d
        assert d.file and d.line >= 1 and d.col >= 1, d.format()
        assert d.severity == "error"
    assert {d.check for d in mine} & checks, [d.format() for d in mine]
    assert not (tmp_path / "pwned").exists(), "a YAML tag ran a command"


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_hostile_text_never_raises_in_load_text(name, tmp_path):
    data, _ = _corpus(tmp_path)[name]
    for payload in (data, data.decode("utf-8", "replace")):
        result = load_text(payload, "x.yaml")
        for d in result.diagnostics:
            assert d.file == "x.yaml" and d.line >= 1 and d.col >= 1
    assert not (tmp_path / "pwned").exists()


def _only(text: str | bytes):
    result = load_text(text, "f.yaml")
    assert result.root is None
    assert len(result.diagnostics) == 1, result.diagnostics
    return result.diagnostics[0]


def test_alias_bomb_is_refused_at_an_alias():
    text = _billion_laughs()
    d = _only(text)
    assert d.check == "yaml-alias-bomb"
    assert d.hint
    assert d.line >= 2 and text.splitlines()[d.line - 1][d.col - 1] == "*"


def test_deep_brackets_stop_at_the_depth_limit():
    d = _only("a: " + "[" * 5000 + "]" * 5000)
    assert (d.check, d.line) == ("yaml-too-deep", 1)
    # the root map is one level; the 64th '[' opens level 65
    assert d.col == len("a: ") + yamlload.MAX_DEPTH


def test_depth_guard_holds_without_the_size_guard(monkeypatch):
    monkeypatch.setattr(yamlload, "MAX_BYTES", 100 * 1024 * 1024)
    d = _only(_nested_block_maps(5000))
    assert d.check == "yaml-too-deep"
    assert d.line == yamlload.MAX_DEPTH + 1


def test_python_tags_are_refused_where_written(tmp_path):
    marker = tmp_path / "pwned"
    text = f'people:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n'
    d = _only(text)
    assert (d.check, d.line, d.col) == ("yaml-tag", 2, 6)
    assert "python/object/apply" in d.message and d.hint
    assert not marker.exists()
    d = _only("a: !!python/name:os.system\n")
    assert (d.check, d.line, d.col) == ("yaml-tag", 1, 4)
    d = _only("a: !foo bar\n")
    assert (d.check, d.line, d.col) == ("yaml-tag", 1, 4) and "!foo" in d.message


def test_standard_tags_are_allowed_and_checked():
    assert to_python(ok('a: !!str 12\nb: !!int "7"\nc: !!float 1\n')) == {"a": "12", "b": 7, "c": 1}
    assert _only('a: !!int "seven"\n').check == "yaml-tag"


def test_duplicate_key_names_both_lines():
    d = _only("a: 1\nb: 2\na: 3\n")
    assert (d.check, d.line, d.col) == ("duplicate-key", 3, 1)
    assert "line 1" in d.hint


def test_duplicate_key_1_and_1_0_are_the_same_key():
    d = _only("scale:\n  1: x\n  1.0: y\n")
    assert (d.check, d.line, d.col) == ("duplicate-key", 3, 3)


def test_true_and_1_are_different_keys():
    root = ok("true: a\n1: b\n")
    assert [(type(k.value), k.value, v.value) for k, v in root.items] == [(bool, True, "a"), (int, 1, "b")]


def test_non_utf8_byte_is_located_exactly():
    d = _only(b"organisation:\n  name: caf\xe9 ok\n")
    assert (d.check, d.line, d.col) == ("not-utf8", 2, 12)
    assert "0xe9" in d.message and d.hint
    # columns count characters, not bytes
    d = _only("a: \u00e9\u00e9\n".encode() + b"b: \xff\n")
    assert (d.line, d.col) == (2, 4)
    d = _only("x: \u00e9\u00e9".encode() + b"\xff")
    assert (d.line, d.col) == (1, 6)


def test_utf16_file_is_refused_as_not_utf8():
    d = _only("a: 1\n".encode("utf-16"))
    assert (d.check, d.line, d.col) == ("not-utf8", 1, 1)


def test_nul_byte_is_located_exactly():
    d = _only(b"a: 1\nb: x\x00y\n")
    assert (d.check, d.line, d.col) == ("yaml-syntax", 2, 5)
    assert "U+0000" in d.message


def test_file_too_large_is_refused_before_parsing():
    d = _only(b"a: " + b"x" * (6 * 1024 * 1024))
    assert (d.check, d.line, d.col) == ("file-too-large", 1, 1)
    d = _only("a: " + "x" * (6 * 1024 * 1024))
    assert d.check == "file-too-large"


def test_second_document_is_refused_where_it_starts():
    d = _only("a: 1\n---\nb: 2\n")
    assert (d.check, d.line, d.col) == ("yaml-syntax", 2, 1)


def test_tab_indentation_is_located():
    d = _only("a:\n\tb: 1\n")
    assert (d.check, d.line) == ("yaml-syntax", 2)
    assert "\\t" in d.message or "tab" in d.message


def test_unclosed_quote_is_a_located_syntax_error():
    d = _only('a: "abc\nb: 2\n')
    assert d.check == "yaml-syntax" and d.line >= 1 and d.col >= 1
    assert "quoted scalar" in d.message


def test_long_numbers_are_refused():
    d = _only("a: " + "1" * 41 + "\n")
    assert (d.check, d.line, d.col) == ("number-too-long", 1, 4)
    assert ok("a: " + "1" * 40 + "\n").get("a").value == int("1" * 40)


def test_a_field_one_level_too_high_says_where_it_belongs(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    text = (root / ORG).read_text(encoding="utf-8").replace(
        "  measurement:\n    level: 1\n    target: 2\n    owner: sam-okafor\n",
        "  measurement:\n    level: 1\n    target: 2\n  owner: sam-okafor\n")
    (root / ORG).write_text(text, encoding="utf-8")
    found = [d for d in load_project(root).diagnostics if d.file == ORG]
    assert [(d.check, d.severity, (d.line, d.col)) for d in found] == [
        ("misplaced-field", "error", pos(text, "owner: sam-okafor"))]
    assert found[0].message == "'owner' is a field of an entry of assessment, not a factor of its own"
    assert found[0].hint == "indent it one level deeper, under the factor it belongs to"


def test_positions_in_list_paths_count_from_0_as_json_paths_do(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    text = (root / ORG).read_text(encoding="utf-8").replace("date: 2026-09-30", "date: someday")
    (root / ORG).write_text(text, encoding="utf-8")
    messages = [d.message for d in load_project(root).diagnostics if d.file == ORG]
    assert any("assessment.leadership.evidence[0].date" in m for m in messages), messages


def test_nodes_made_in_the_builders_short_way_are_what_their_constructors_make():
    # The builder makes plain scalars, places and maps without their dataclasses' __init__ (a hundred
    # thousand per thousand team files): a field added to them must be set there too.
    import dataclasses

    from roadmap_gen.core.diagnostics import Loc

    root = ok("a: 1\nb: {c: x, 2: ''}\n")
    assert isinstance(root, Mapping)
    scalar = root.get("a")
    assert isinstance(scalar, Scalar)
    fields = dataclasses.fields(Scalar)
    made = Scalar(scalar.value, Loc(scalar.loc.file, scalar.loc.line, scalar.loc.col), end=scalar.end)
    assert {f.name: getattr(scalar, f.name) for f in fields} == {f.name: getattr(made, f.name) for f in fields}
    assert vars(scalar.loc) == vars(made.loc) and scalar.loc == made.loc and hash(scalar.loc) == hash(made.loc)
    for node in (root, root.get("b")):
        assert isinstance(node, Mapping)
        again = Mapping(node.items, node.loc, node.weight, anchored=node.anchored, tag=node.tag)
        assert {f.name: getattr(node, f.name) for f in dataclasses.fields(Mapping)} == \
            {f.name: getattr(again, f.name) for f in dataclasses.fields(Mapping)}
