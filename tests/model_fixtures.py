"""Small invented models in the shape of OWASP SAMM's model/ folder and DSOMM's generated/model.yaml.

Same keys, GUID joins and document layout as the real models, with text made up for the tests: no
word of either model is copied here (their licences ask for attribution and share-alike; the tests
need only the shape).
"""

from __future__ import annotations

from pathlib import Path

# --- SAMM-shaped: 2 business functions, 3 practices, 2 streams each, 3 maturity levels ---

FUNCTIONS = {  # name: (guid, order)
    "Planning": ("f0000000000000000000000000000001", 1),
    "Building": ("f0000000000000000000000000000002", 2),
}
PRACTICES = {  # name: (guid, function, shortName, order)
    "Risk Sketching": ("p0000000000000000000000000000001", "Planning", "RS", 1),
    "Rule Keeping": ("p0000000000000000000000000000002", "Planning", "RK", 2),
    "Safe Assembly": ("p0000000000000000000000000000003", "Building", "SA", 1),
}


def _guid(kind: str, *parts: object) -> str:
    text = kind + "".join(str(p) for p in parts)
    return (text + "0" * 32)[:32]


def write_samm(root: Path) -> Path:
    """A SAMM-shaped model/ folder under *root*; returns it."""
    model = root / "model"
    folders = {name: model / name for name in ("maturity_levels", "business_functions", "security_practices",
                                               "streams", "practice_levels", "activities", "questions")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    for number in (1, 2, 3):
        (folders["maturity_levels"] / f"{number}.yml").write_text(
            f"---\n# invented maturity level\nid: {_guid('m', number)}\nnumber: {number}\n"
            f"description: Invented level {number}, with a comma, to test quoting.\ntype: MaturityLevel\n")
    for name, (guid, order) in FUNCTIONS.items():
        (folders["business_functions"] / f"{name}.yml").write_text(
            f"---\nmodel: SAMM20\nid: {guid}\nname: {name}\ndescription: |\n  {name} covers invented work. "
            f"A second sentence is left out.\norder: {order}\ntype: Function\n")
    for name, (guid, function, short, order) in PRACTICES.items():
        fguid = FUNCTIONS[function][0]
        (folders["security_practices"] / f"{function[0]}-{name.replace(' ', '-')}.yml").write_text(
            f"---\nfunction: {fguid}\nid: {guid}\nname: {name}\nshortName: {short}\n"
            f"shortDescription: Invented summary of {name.lower()}.\nlongDescription: |\n  Long text.\n"
            f"order: {order}\ntype: Practice\n")
        for letter, order_ in (("A", 1), ("B", 2)):
            sguid = _guid("s", short, letter)
            (folders["streams"] / f"{function[0]}-{short}-{letter}.yml").write_text(
                f"---\npractice: {guid}\nid: {sguid}\nname: {name} stream {letter}\nletter: {letter}\n"
                f"description: Invented stream.\norder: {order_}\ntype: Stream\n")
        for number in (1, 2, 3):
            lguid = _guid("l", short, number)
            (folders["practice_levels"] / f"{function[0]}-{short}-{number}.yml").write_text(
                f"---\npractice: {guid}\nmaturityLevel: {_guid('m', number)}\nid: {lguid}\n"
                f"objective: Reach invented objective {number} of {name.lower()}.\ntype: PracticeLevel\n")
            for letter in ("A", "B"):
                related = ""
                if (short, number, letter) == ("SA", 2, "A"):  # a lower level of another practice: requires
                    related = f"\n- {_guid('a', 'RS', 1, 'A')}"
                if (short, number, letter) == ("RK", 1, "B"):  # the same level of another practice: a note
                    related = f"\n- {_guid('a', 'RS', 1, 'B')}"
                (folders["activities"] / f"{function[0]}-{short}-{number}-{letter}.yml").write_text(
                    f"---\nstream: {_guid('s', short, letter)}\nlevel: {lguid}\nid: {_guid('a', short, number, letter)}\n"
                    f"title: Do invented task {number}{letter} of {name.lower()}\nbenefit: Something.\n"
                    f"shortDescription: Invented task {number}{letter} is done, “{short}”.\n"
                    f"longDescription: |\n  Long.\nresults:\nmetrics:\ncosts:\npersonnel:\nnotes:\n"
                    f"relatedActivities:{related}\ntype: Activity\n")
    return model


# --- DSOMM-shaped: meta document, then dimensions > sub-dimensions > activities ---

_LONG = "Keep a very long and carefully worded invented activity name that goes past the id limit of the format"


def dsomm_text() -> str:
    def activity(uuid: str, level: int, measure: str, depends: tuple[str, ...] = (), time: int | None = 2) -> str:
        text = (f"      uuid: {uuid}\n      risk: Invented risk.\n      measure: {measure}\n"
                f"      level: {level}\n")
        if time is not None:
            text += f"      difficultyOfImplementation:\n        knowledge: 2\n        time: {time}\n        resources: 1\n"
        text += "      usefulness: 3\n      references: {}\n      tags:\n      - none\n"
        if depends:
            text += "      dependsOn:\n" + "".join(f"      - {d} # invented\n" for d in depends)
        return text

    return (
        "---\nmeta:\n  version: 9.8.7\n  released: \"2030-01-31\"\n  publisher: https://example.org/dsomm-like\n"
        "---\n"
        "Make and Ship:\n"
        "  Packaging:\n"
        "    Written packaging steps:\n" + activity("00000000-0000-0000-0000-000000000001", 1,
                                                    "Write the packaging steps down.", time=4) +
        "    Reproducible packages:\n" + activity("00000000-0000-0000-0000-000000000002", 3,
                                                  "Packages are rebuilt bit for bit.",
                                                  ("00000000-0000-0000-0000-000000000001",), time=None) +
        f"    {_LONG}:\n" + activity("00000000-0000-0000-0000-000000000003", 2, "The long one is done.") +
        "  Release:\n"
        "    Release checklist:\n" + activity("00000000-0000-0000-0000-000000000004", 2,
                                             "A checklist exists and is used.",
                                             ("00000000-0000-0000-0000-000000000001",
                                              "00000000-0000-0000-0000-000000000005")) +
        "People and Habits:\n"
        "  Learning:\n"
        "    Lunch talks:\n" + activity("00000000-0000-0000-0000-000000000005", 2, "Talks happen monthly.",
                                       ("00000000-0000-0000-0000-000000000004",)) +
        "    Packaging:\n" + activity("00000000-0000-0000-0000-000000000006", 1, "A name shared with a "
                                     "sub-dimension of another dimension, and an activity of it.")
    )


def write_dsomm(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    path = root / "model.yaml"
    path.write_text(dsomm_text(), encoding="utf-8")
    return path


__all__ = ["dsomm_text", "write_dsomm", "write_samm"]
