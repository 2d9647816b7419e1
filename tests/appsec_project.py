"""A second example project that shares nothing with ITIL: application security at Contoso Payments.

:func:`write_project` writes a complete roadmap-gen project, as a user would
write it (YAML with comments), modelled on OWASP SAMM 2: a catalogue whose
``subject`` is application security, a 0-3 scale with level names of its
own, five dimensions that are SAMM's business functions, and factors named
like :mod:`charts.catalogue` names them (``factors(30)`` is SAMM's 15
practices of two streams; ``factors(60)`` splits every stream "... for
applications" / "... for infrastructure", so names share long prefixes).
The organisation has no ``programme``, so the catalogue's subject names
the site. Everything is derived from the factor count: the same count
writes byte-identical files.

It also writes a small variant of 6 factors (one or two of each business
function), the size of a first self-assessment, for looking at the site.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charts.catalogue import FUNCTIONS
from charts.catalogue import factors as chart_factors
from roadmap_gen.downloads.export import plan_json_text
from roadmap_gen.load.project import FROZEN_PLAN
from roadmap_gen.pipeline import plan_project

COUNTS = (6, 30, 60)
SUBJECT = "application security"
REVIEW, REVIEW_DATE, NEXT_REVIEW = "2026-Q4", "2026-11-20", "2027-02-19"
EARLIER, EARLIER_DATE = "2026-Q3", "2026-08-20"
PHASES = 6
#: The effort of each level's two actions (the first action, the second).
EFFORTS = {1: (1, 1), 2: (2, 1), 3: (2, 2)}
#: Each business function's training module for the coaching at level 2.
FUNCTION_MODULE = {
    "governance": "security-champion-onboarding",
    "design": "threat-modelling-workshop",
    "implementation": "secure-coding-course",
    "verification": "security-testing-lab",
    "operations": "incident-response-tabletop",
}

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/%+-]*")


def q(text: str) -> str:
    """*text* as a YAML scalar: plain where a user would leave it plain, else double-quoted."""
    if _PLAIN.fullmatch(text) and text == text.strip() and text.lower() not in (
            "yes", "no", "true", "false", "null", "on", "off", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Factor:
    """One factor of the catalogue and how Contoso Payments assesses it."""

    index: int
    id: str
    title: str
    function: str  # dimension id
    practice: str
    phrase: str  # what the factor is about, lower case, for sentences ("threat modeling for infrastructure")
    level: int
    target: int
    earlier: int  # level at the 2026-Q3 review
    owner: str
    priority: str


FUNCTION_IDS = [slug(name) for name in FUNCTIONS]

# --- people ---------------------------------------------------------------------------------------

ROLES = {
    "ciso": ("Chief information security officer",
             "The executive accountable for security risk, who sponsors the programme and settles priorities."),
    "appsec-lead": ("Application security lead",
                    "Runs the programme day to day, keeps the assessment honest and prepares each review."),
    "security-champion": ("Security champion",
                          "A developer in a product team who spends part of the week on security and is the "
                          "team's first contact for it."),
    "product-owner": ("Product owner",
                      "Owns a product's backlog and decides what the team builds, security work included."),
    "platform-engineer": ("Platform engineer",
                          "Builds and runs the delivery pipeline, the build and deployment tooling and the "
                          "environments."),
    "developer": ("Developer", "Writes, reviews and tests the code of a product."),
    "sre": ("Site reliability engineer", "Runs the production services, their monitoring and their incidents."),
    "risk-officer": ("Risk and compliance officer",
                     "Maps the programme to PCI DSS and the regulators' expectations and follows audits up."),
    "coach": ("External coach", "A partner who coaches teams on the job without owning their work."),
}

# id, name, roles, team, extra (YAML flow fields)
PEOPLE = [
    ("ingrid-holm", "Ingrid Holm", ["ciso"], "", ""),
    ("kofi-asante", "Kofi Asante", ["appsec-lead", "security-champion"], "", ""),
    ("lucia-ferreira", "Lucia Ferreira", ["risk-officer"], "", ""),
    ("arjun-mehta", "Arjun Mehta", ["product-owner"], "checkout", ""),
    ("nora-lindqvist", "Nora Lindqvist", ["security-champion", "developer"], "checkout", ""),
    ("tariq-haddad", "Tariq Haddad", ["platform-engineer"], "", ""),
    ("mina-park", "Mina Park", ["sre", "platform-engineer"], "", ""),
    ("oscar-dubois", "Oscar Dubois", ["product-owner"], "merchant-portal", ""),
    ("yara-nasser", "Yara Nasser", ["security-champion", "developer"], "merchant-portal", ""),
    ("ben-okoro", "Ben Okoro", ["developer"], "checkout", "trained: [secure-coding-course]"),
    ("sofia-rossi", "Sofia Rossi", ["coach"], "", "external: true, until: 2027-12-31"),
]
#: Who owns which business function's factors (by stream: first stream, second stream).
OWNERS = {
    "governance": ("kofi-asante", "lucia-ferreira"),
    "design": ("arjun-mehta", "nora-lindqvist"),
    "implementation": ("tariq-haddad", "nora-lindqvist"),
    "verification": ("yara-nasser", "kofi-asante"),
    "operations": ("mina-park", "oscar-dubois"),
}
TEAMS = {
    "checkout": ("Checkout and payments API", "arjun-mehta", "Payments"),
    "merchant-portal": ("Merchant portal", "oscar-dubois", "Merchants"),
}


def _selected(count: int) -> list[int]:
    """Positions in the 30-factor catalogue a project of 6 or 30 factors is made of (6: every function)."""
    return [0, 5, 10, 15, 20, 25] if count == 6 else list(range(30))


def factors(count: int) -> list[Factor]:
    """The catalogue's factors and their assessment, in catalogue order."""
    if count not in COUNTS:
        raise ValueError(f"a project of {count} factors: choose one of {COUNTS}")
    titles = chart_factors(60 if count == 60 else 30)
    out: list[Factor] = []
    # i: the position in this catalogue; levels, targets and owners vary with it, deterministically.
    for i, pos in enumerate(_selected(count) if count != 60 else range(60)):
        base = pos // 2 if count == 60 else pos
        function = FUNCTION_IDS[base // 6]
        practice = list(FUNCTIONS.values())[base // 6][(base % 6) // 2][0]
        stream = "ab"[base % 2]
        suffix = ("-apps", "-infra")[pos % 2] if count == 60 else ""
        title = titles[pos].title
        rest = title.split(": ", 1)[1]
        phrase = rest[0].lower() + rest[1:]
        level = (i * 5 + 1) % 4 if i % 7 != 3 else 0
        gap = 0 if i % 9 == 4 else 2 if (i % 4 == 3 and level <= 1) else 1
        target = min(3, level + gap)
        earlier = max(0, level - 1) if i % 5 == 2 else level
        priority = "critical" if i % 11 == 1 else "high" if i % 6 == 5 else "normal"
        out.append(Factor(i, f"{slug(practice)}-{stream}{suffix}", title, function, practice, phrase, level,
                          target, earlier, OWNERS[function][base % 2], priority))
    assert len({f.id for f in out}) == len(out) == count
    assert len({f.title for f in out}) == count
    return out


# --- the catalogue --------------------------------------------------------------------------------

Action = tuple[str, str, int, int, str, list[str]]


def _actions(f: Factor) -> list[Action]:
    """(id, title, raises_to, effort, owner_role, training) of every action of *f*, level by level."""
    module = FUNCTION_MODULE[f.function]
    out: list[Action] = []
    for level in (1, 2, 3):
        first, second = EFFORTS[level]
        if level == 1:
            out.append((f"{f.id}-record", f"Record who does {f.phrase} today, and how", level, first,
                        "appsec-lead", []))
            out.append((f"{f.id}-champion", f"Name a security champion for {f.phrase}", level, second,
                        "security-champion", []))
        elif level == 2:
            out.append((f"{f.id}-standard", f"Agree a written standard for {f.phrase}", level, first,
                        "product-owner", []))
            out.append((f"{f.id}-coach", f"Coach every product team on {f.phrase}", level, second,
                        "security-champion", [module]))
        else:
            out.append((f"{f.id}-targets", f"Set quarterly targets for {f.phrase} and report on them", level,
                        first, "appsec-lead", []))
            out.append((f"{f.id}-automate", f"Automate the checks of {f.phrase} in the delivery pipeline", level,
                        second, "platform-engineer", []))
    return out


def _requires(fs: list[Factor]) -> dict[str, tuple[str, int]]:
    """Level 3 of each verification factor needs the first governance factor at 2 (when it aims that high)."""
    anchor = next((f for f in fs if f.function == "governance" and max(f.level, f.target) >= 2), None)
    if anchor is None:
        return {}
    return {f.id: (anchor.id, 2) for f in fs if f.function == "verification" and f.target == 3 and f.level < 3}


def catalogue_yaml(fs: list[Factor]) -> str:
    lines = [
        "# OWASP SAMM 2, recast as a roadmap-gen catalogue: each stream of a security practice is a factor,",
        "# assessed on SAMM's own 0-3 scale, grouped by SAMM's five business functions.",
        "catalogue:",
        "  id: samm",
        "  title: OWASP SAMM 2 security practices",
        f"  subject: {SUBJECT}",
        '  version: "2.0"',
        "  scale:",
        "    0: {name: Not practised, summary: Nobody does this yet.}",
        "    1: {name: Ad hoc, summary: Initial understanding and ad hoc provision of the practice.}",
        "    2: {name: Efficient, summary: The practice is defined and applied the same way across teams.}",
        "    3: {name: At scale, summary: \"Comprehensive mastery at scale, measured and improved.\"}",
        "  dimensions:",
    ]
    for fid, name in zip(FUNCTION_IDS, FUNCTIONS):
        lines.append(f"    {fid}:")
        lines.append(f"      title: {name}")
        lines.append(f"      description: {q(f'The SAMM business function {name}.')}")
    lines += ["", "roles:"]
    for rid, (title, desc) in ROLES.items():
        lines += [f"  {rid}:", f"    title: {q(title)}", f"    description: {q(desc)}"]
    lines += [
        "",
        "training:",
        "  security-champion-onboarding:",
        "    title: Security champion onboarding",
        "    format: e-learning",
        "    hours: 4",
        "    audience: [security-champion, developer]",
        "  threat-modelling-workshop:",
        "    title: Threat modelling workshop",
        "    format: workshop",
        "    hours: 6",
        "    audience: [security-champion, product-owner, appsec-lead]",
        "    follow_up: threat-modelling-coaching",
        "  threat-modelling-coaching:",
        "    title: Threat modelling on the job",
        "    format: coaching",
        "    hours: 4",
        "    audience: [security-champion, product-owner, appsec-lead]",
        "  secure-coding-course:",
        "    title: Secure coding for web and API developers",
        "    format: course",
        "    hours: 12",
        "    audience: [security-champion, developer, platform-engineer]",
        "  security-testing-lab:",
        "    title: Security testing lab",
        "    format: workshop",
        "    hours: 8",
        "    audience: [security-champion, developer, appsec-lead]",
        "  incident-response-tabletop:",
        "    title: Incident response tabletop exercise",
        "    format: workshop",
        "    hours: 3",
        "    audience: [sre, platform-engineer, product-owner, security-champion]",
        "",
        "factors:",
    ]
    requires = _requires(fs)
    for f in fs:
        lines += [
            f"  {f.id}:",
            f"    title: {q(f.title)}",
            f"    question: {q(f'How far along is {f.phrase}, as a stream of {f.practice}?')}",
            f"    dimension: {f.function}",
            f"    weight: {1 + f.index % 5}",
            "    levels:",
            f"      1: {q(f'Someone does {f.phrase} when a project asks for it; little is written down.')}",
            f"      2: {q(f'A written standard for {f.phrase} is applied the same way by every product team.')}",
            f"      3: {q(f'{f.phrase[0].upper() + f.phrase[1:]} is measured against targets every quarter, and the measures drive the next improvement.')}",
        ]
        if f.id in requires:
            other, level = requires[f.id]
            lines.append(f"    requires: {{3: {{{other}: {level}}}}}")
        if f.index % 6 == 0:
            lines += [
                "    metrics:",
                f"      - {{id: {f.id}-coverage, title: {q(f'Products covered by {f.phrase}')}, unit: \"%\", "
                f"direction: up, kind: outcome}}",
            ]
        lines.append("    actions:")
        for aid, title, raises_to, effort, role, training in _actions(f):
            lines += [f"      - id: {aid}", f"        title: {q(title)}", f"        raises_to: {raises_to}",
                      f"        effort: {effort}", f"        owner_role: {role}"]
            if training:
                lines.append(f"        training: [{', '.join(training)}]")
        if f.index % 4 == 1:
            lines += ["    warning_signs:",
                      f"      - {q(f'Findings about {f.phrase} are accepted as risks, release after release.')}"]
    return "\n".join(lines) + "\n"


# --- the organisation -----------------------------------------------------------------------------

def _evidence_date(f: Factor, k: int) -> str:
    # After the 2026-Q3 review (so a level raised since has new evidence), within a year of the review.
    return f"2026-{9 + (f.index + k) % 3:02d}-{1 + (f.index * 7 + k * 11) % 28:02d}"


def _plan_capacity(fs: list[Factor], done: set[str]) -> int:
    """Points per phase that carry every target in PHASES - 1 phases (one phase of slack)."""
    total = sum(effort for f in fs for aid, _, level, effort, _, _ in _actions(f)
                if f.level < level <= f.target and aid not in done)
    return max(8, -(-total // (PHASES - 1)))


def _progress(fs: list[Factor], first_phase: Sequence[Mapping[str, Any]] = ()) -> tuple[dict[str, str], list[str]]:
    """Status of catalogue actions (id -> YAML flow map), and the lines of the project's own initiatives.

    *first_phase* is the work the earlier review planned for this quarter: what raised a factor is done,
    every other piece of it is in progress, and the rest slipped (still planned).
    """
    status: dict[str, str] = {}
    for n, item in enumerate(first_phase):
        if n % 2 == 0:
            status[item["id"]] = "{status: in-progress}"
    for f in fs:
        if f.level >= 1 and f.index % 3 == 0:
            status[f"{f.id}-record"] = "{status: done}"
        if f.earlier < f.level:  # the step that raised it since the last review
            for aid, *_ in (a for a in _actions(f) if a[2] == f.level):
                status[aid] = "{status: done}"
        if f.target > f.level and f.index % 8 == 2:
            status[f"{f.id}-{('record', 'standard', 'targets')[f.level]}"] = "{status: in-progress}"
    own: list[str] = []
    gaps = [f for f in fs if f.target > f.level]
    if gaps:
        g = gaps[0]
        first = ("record", "standard", "targets")[g.level]
        status[f"{g.id}-{first}"] = f"{{phase: 2027-Q1, responsible: [{'nora-lindqvist' if g.owner != 'nora-lindqvist' else 'yara-nasser'}]}}"
    if len(gaps) > 2:
        g = gaps[-1]
        own += [
            "  bug-bounty-pilot:",
            "    title: Run a six-month bug bounty pilot on the merchant portal",
            f"    factor: {g.id}",
            f"    raises_to: {g.level + 1}",
            "    effort: 2",
            "    owner: oscar-dubois",
            "    status: planned",
            "    notes: Scope and rewards agreed with the card schemes' guidance in mind.",
        ]
        g = gaps[len(gaps) // 2]
        own += [
            "  pci-evidence-pack:",
            "    title: Keep the PCI DSS evidence pack in the repository, next to the code it covers",
            f"    factor: {g.id}",
            f"    raises_to: {g.level + 1}",
            "    effort: 1",
            "    owner: lucia-ferreira",
            "    status: in-progress",
            "    dimension: governance",
        ]
    return status, own


#: id, title, kind, unit, direction, baseline, at the earlier review, current, target, due
METRICS = [
    ("critical-vulns-aged", "Critical vulnerabilities open for more than 30 days", "operational", "findings",
     "down", 60, 50, 42, 12, "2027-Q4"),
    ("threat-modelled-releases", "Major releases with a reviewed threat model", "outcome", "%", "up",
     20, 20, 35, 80, "2027-Q4"),
    ("developer-confidence", "Developers who say they know how to fix what the scanners find", "experience",
     "%", "up", 31, 38, 44, 70, "2028-Q2"),
    ("remediation-days", "Median days to fix a high-severity finding", "operational", "days", "down",
     41, 37, 33, 20, "2028-Q2"),
]


def organisation_yaml(fs: list[Factor], *, earlier: bool = False,
                      first_phase: Sequence[Mapping[str, Any]] = ()) -> str:
    """The organisation's file now, or (*earlier*) as it stood at the 2026-Q3 review.

    *first_phase*: the items the plan of the 2026-Q3 review put in its first phase (this quarter).
    """
    period, day = (EARLIER, EARLIER_DATE) if earlier else (REVIEW, REVIEW_DATE)
    status, own = _progress(fs, first_phase)
    done = {aid for aid, s in status.items() if "done" in s}
    capacity = _plan_capacity(fs, done)
    lines = [
        f"# Contoso Payments: where application security stands at the {period} review.",
        "organisation:",
        "  name: Contoso Payments",
        "  vision: Every release that touches card data is secure by default, and we can show it.",
        "  # No programme name: the site is named after the catalogue's subject.",
        "  sponsor: ingrid-holm",
        "",
        "review:",
        f"  period: {period}",
        f"  date: {day}",
    ]
    if not earlier:
        lines.append(f"  next: {NEXT_REVIEW}")
    lines += [
        "",
        "planning:",
        f"  phases: {PHASES if not earlier else 4}",
        f"  capacity: {capacity}",
        "  # Each owner leads the work of several streams at once, with the product teams doing it.",
        f"  owner_limit: {max(3, len(fs) // 4)}",
        "",
        "scope:",
        "  practices:",
        "    checkout-api: {status: in, owner: arjun-mehta}",
        "    merchant-portal: {status: in, owner: oscar-dubois}",
        "    mobile-wallet:",
        "      status: later",
        "      from: 2027-Q3",
        "      reason: The wallet is rebuilt on the new platform first.",
        "      owner: arjun-mehta",
        "    card-vault: {status: in, owner: tariq-haddad}",
        "    legacy-settlement-batch:",
        "      status: out",
        "      reason: Retired in 2027; it runs in an isolated network until then.",
        "",
        "people:",
    ]
    for pid, name, roles, team, extra in PEOPLE:
        fields = [f"name: {name}", f"roles: [{', '.join(roles)}]"]
        if team:
            fields.append(f"team: {team}")
        if extra:
            fields.append(extra)
        lines.append(f"  {pid}: {{{', '.join(fields)}}}")
    lines += [
        "",
        "stakeholders:",
        "  merchants: {title: Merchants using the portal, engagement: medium, contact: oscar-dubois}",
        "  card-schemes: {title: Card schemes and the acquiring bank, engagement: low, contact: lucia-ferreira}",
        "  product-teams: {title: Product and engineering teams, engagement: high, contact: kofi-asante}",
        "  internal-audit: {title: Internal audit, engagement: medium, contact: lucia-ferreira}",
        "",
        "# Every factor of the catalogue, on its 0-3 scale.",
        "assessment:",
    ]
    for f in fs:
        level = f.earlier if earlier else f.level
        lines += [f"  {f.id}:", f"    level: {level}", f"    target: {f.target}", f"    owner: {f.owner}"]
        if f.priority != "normal":
            lines.append(f"    priority: {f.priority}")
        lines.append("    evidence:")
        dates = ["2026-06-12"] if earlier else [_evidence_date(f, 0)] + ([_evidence_date(f, 1)]
                                                                           if f.index % 3 == 1 else [])
        for k, date in enumerate(dates):
            text = (f"Self-assessment interview with the owners of {f.phrase}." if k == 0 else
                    f"Review of two product teams' records of {f.phrase}.")
            lines += [f"      - text: {q(text)}", f"        date: {date}"]
        if f.index % 5 == 3:
            lines.append(f"    notes: {q(f'Teams differ widely on {f.phrase}; the level is the lower of the two.')}")
    lines += ["", "metrics:"]
    for mid, title, kind, unit, direction, baseline, before, current, target, due in METRICS:
        lines += [f"  {mid}:", f"    title: {q(title)}", f"    kind: {kind}", f"    unit: {q(unit)}",
                  f"    direction: {direction}", f"    baseline: {baseline}",
                  f"    current: {before if earlier else current}", f"    target: {target}", f"    due: {due}"]
    needs_one = [f for f in fs if f.function in ("verification", "implementation") and f.target > f.level][:2]
    needs_two = [f for f in fs if f.function == "design" and f.target > f.level][:2]
    lines += [
        "",
        "goals:",
        "  - id: aged-criticals-12",
        "    statement: Cut critical vulnerabilities open for more than 30 days from 60 to 12 by the end of 2027-Q4.",
        "    metric: critical-vulns-aged",
        "    target: 12",
        "    due: 2027-Q4",
        "    owner: kofi-asante",
    ]
    if needs_one:
        lines.append(f"    needs: {{{', '.join(f'{f.id}: {f.target}' for f in needs_one)}}}")
    lines += [
        "  - id: threat-models-80",
        "    statement: Raise the share of major releases with a reviewed threat model from 20% to 80% by the end of "
        "2027-Q4.",
        "    metric: threat-modelled-releases",
        "    target: 80",
        "    due: 2027-Q4",
        "    owner: arjun-mehta",
    ]
    if needs_two:
        lines.append(f"    needs: {{{', '.join(f'{f.id}: {f.target}' for f in needs_two)}}}")
    if not earlier:
        lines += ["", "initiatives:"]
        lines += [f"  {aid}: {value}" for aid, value in status.items()]
        lines += own
    if not earlier:
        lines += [
            "",
            "rebaselines:",
            "  - about: planning",
            "    change: horizon",
            "    reason: Four quarters could not carry the targets at the security team's capacity.",
            "    approved_by: ingrid-holm",
        ]
    lines += [
        "",
        "feedback:",
        "  - date: 2026-05-14",
        "    from: product-teams",
        "    text: Scanner findings arrive as a PDF a week after the merge.",
        "    status: accepted",
        "    response: Findings are posted on the pull request since 2026-07.",
        "  - date: 2026-07-02",
        "    from: merchants",
        "    text: We want to know when a fix for a reported issue is released.",
        "    status: considered",
        "    response: Release notes will name fixed security issues once the disclosure policy is agreed.",
    ]
    if not earlier:
        lines += [
            "  - date: 2026-10-09",
            "    from: internal-audit",
            "    text: Exceptions to the secure coding standard are approved by email and hard to trace.",
            "    status: open",
        ]
    return "\n".join(lines) + "\n"


def team_yaml(team: str, fs: list[Factor]) -> str:
    name, lead, group = TEAMS[team]
    shift = 1 if team == "merchant-portal" else 0
    lines = [f"# The {name} team's own assessment.", "team:", f"  name: {name}", f"  lead: {lead}",
             f"  group: {group}", "", "assessment:"]
    for f in fs:
        # A team is at the organisation's level or one above it: the organisation takes the lower.
        level = min(3, f.level + (f.index + shift) % 2)
        target = max(level, f.target)
        lines.append(f"  {f.id}:")
        lines += [f"    level: {level}", f"    target: {target}"]
        if level >= 2:
            lines += ["    evidence:",
                      f"      - {{text: {q(f'Team walkthrough of {f.phrase}')}, date: {_evidence_date(f, 2)}}}"]
    return "\n".join(lines) + "\n"


MKDOCS = """# The site's own MkDocs settings, merged over roadmap-gen's defaults; the site's name comes from
# the organisation and the catalogue's subject.
theme:
  palette:
    scheme: default
    primary: deep purple
    accent: amber
"""


def _plan_json(texts: dict[str, str]) -> str:
    """What ``export --format json`` prints for a project of these files."""
    with tempfile.TemporaryDirectory() as tmp:
        _write(Path(tmp), texts)
        planned = plan_project(Path(tmp))
    assert planned.plan is not None, [d.format() for d in planned.diagnostics]
    return plan_json_text(planned.plan)


def files(count: int) -> dict[str, str]:
    """Every file of the project, by path relative to its folder.

    All are what a user writes, but the plan published at the earlier review, which ``roadmap-gen
    review`` froze next to that review's ``organisation.yaml`` (the same JSON as ``export``).
    """
    fs = factors(count)
    catalogue = catalogue_yaml(fs)
    before = organisation_yaml(fs, earlier=True)
    frozen = _plan_json({"content/catalogue/samm.yaml": catalogue, "content/organisation.yaml": before})
    out = {
        "content/catalogue/samm.yaml": catalogue,
        "content/organisation.yaml": organisation_yaml(fs, first_phase=json.loads(frozen)["phases"][0]["items"]),
        f"content/reviews/{EARLIER}/organisation.yaml": before,
        f"content/reviews/{EARLIER}/{FROZEN_PLAN}": frozen,
        "mkdocs.yml": MKDOCS,
    }
    for team in TEAMS:
        out[f"content/teams/{team}.yaml"] = team_yaml(team, fs)
    return out


def _write(dst: Path, texts: dict[str, str]) -> None:
    for rel, text in texts.items():
        path = dst / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def write_project(dst: Path, factors: int) -> Path:
    """Write the project of *factors* factors (6, 30 or 60) into *dst* (created); returns *dst*."""
    _write(dst, files(factors))
    return dst
