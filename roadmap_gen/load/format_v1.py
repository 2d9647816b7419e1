"""The input format, version 1 (FORMAT.md), as specs: the one definition of every field.

Fields beyond FORMAT.md (optional ``description``, ``summary``, ``email``,
``notes`` on initiatives, ``group`` on teams) are documented in docs/format.md.
"""

from __future__ import annotations

from roadmap_gen.load.spec import (Bool, Date, Either, Enum, Field, Int, IntKey, ListOf, MapOf, Num, Obj,
                                  Period, Slug, Str)

TRAINING_FORMATS = ("course", "workshop", "coaching", "e-learning", "on-the-job")
DIRECTIONS = ("up", "down")
METRIC_KINDS = ("outcome", "experience", "operational")
INITIATIVE_STATUSES = ("planned", "in-progress", "done", "dropped")
FEEDBACK_STATUSES = ("open", "accepted", "considered", "declined")
SCOPE_STATUSES = ("in", "later", "out")
ENGAGEMENTS = ("none", "low", "medium", "high")


def _titled(doc: str) -> Obj:
    return Obj({"title": Field(Str(), True, "Name shown on the site."),
                "description": Field(Str(), doc="One sentence shown beside the title.")}, doc)


CATALOGUE_FILE = Obj({
    "catalogue": Field(Obj({
        "id": Field(Slug(), True, "The catalogue's id."),
        "title": Field(Str(), True),
        "version": Field(Str()),
        "description": Field(Str()),
        "scale": Field(MapOf(IntKey(0), Obj({
            "name": Field(Str(), True, "Short name of the level, e.g. Defined."),
            "summary": Field(Str(), doc="What the level means in one sentence."),
        })), True, "Maturity levels: consecutive whole numbers from 0."),
        "dimensions": Field(MapOf(Slug(), _titled("A dimension")), True,
                            "What a factor belongs to, e.g. people, process, technology."),
    }), doc="The catalogue's identity, scale and dimensions; exactly one catalogue file has it."),
    "roles": Field(MapOf(Slug(), _titled("A role")), doc="Roles that own work or receive training."),
    "training": Field(MapOf(Slug(), Obj({
        "title": Field(Str(), True),
        "format": Field(Enum(TRAINING_FORMATS), True),
        "hours": Field(Num(minimum=0), True, "Hours per person."),
        "audience": Field(ListOf(Slug(), min_items=1), True, "Role ids that take this module."),
        "follow_up": Field(Slug(), doc="A module scheduled in the phase after this one."),
        "description": Field(Str()),
    })), doc="Training modules."),
    "factors": Field(MapOf(Slug(), Obj({
        "title": Field(Str(), True),
        "question": Field(Str(), True, "The question the assessment answers."),
        "dimension": Field(Slug(), True, "A dimension id."),
        "weight": Field(Int(minimum=1, maximum=5), doc="Importance, 1..5 (default 3)."),
        "summary": Field(Str(), doc="Why the factor matters, in one sentence."),
        "levels": Field(MapOf(IntKey(1), Str()), True, "What each level above 0 looks like."),
        "requires": Field(MapOf(IntKey(1), MapOf(Slug(), Int(minimum=0))),
                          doc="To reach a level, other factors must first be at these levels."),
        "metrics": Field(ListOf(Obj({
            "id": Field(Slug(), True),
            "title": Field(Str(), True),
            "unit": Field(Str(allow_empty=True)),
            "direction": Field(Enum(DIRECTIONS)),
            "kind": Field(Enum(METRIC_KINDS)),
            "description": Field(Str()),
        })), doc="Suggested measures of this factor."),
        "actions": Field(ListOf(Obj({
            "id": Field(Slug(), True, "Unique across the catalogue."),
            "title": Field(Str(), True),
            "raises_to": Field(Int(minimum=1), True, "The level this work brings the factor to."),
            "effort": Field(Num(positive=True), True, "Effort points, counted against a phase's capacity."),
            "owner_role": Field(Slug(), doc="A role id: who is accountable by default."),
            "training": Field(ListOf(Slug()), doc="Training module ids this work needs."),
            "description": Field(Str()),
        })), doc="Work that raises the factor."),
        "warning_signs": Field(ListOf(Str()), doc="What failure looks like."),
    })), doc="The critical success factors."),
}, title="roadmap-gen catalogue file")

ASSESSMENT_ENTRY = Obj({
    "level": Field(Int(minimum=0), doc="The level today (required unless applicable: false)."),
    "target": Field(Int(minimum=0), doc="The level wanted (default: the current level)."),
    "owner": Field(Slug(), doc="A person id accountable for this factor."),
    "evidence": Field(ListOf(Obj({
        "text": Field(Str(), True),
        "date": Field(Date(), doc="When the evidence was produced."),
        "link": Field(Str(), doc="http(s), mailto or relative link."),
    })), doc="What shows the level is real."),
    "notes": Field(Str()),
    "applicable": Field(Bool(), doc="false leaves the factor out of the plan (needs a reason)."),
    "reason": Field(Str(), doc="Why the factor does not apply."),
})

_SCOPE_ENTRY = Either(Enum(SCOPE_STATUSES), Obj({
    "status": Field(Enum(SCOPE_STATUSES), True),
    "from": Field(Period(), doc="The period a 'later' entry enters scope."),
    "reason": Field(Str()),
}), doc="in, later or out; or {status, from, reason}.")

ORGANISATION_FILE = Obj({
    "organisation": Field(Obj({
        "name": Field(Str(), True),
        "vision": Field(Str()),
        "sponsor": Field(Slug(), doc="A person id."),
    }), True),
    "review": Field(Obj({
        "period": Field(Period(), True, "The quarter this assessment describes."),
        "date": Field(Date(), True, "The review day: the 'as of' date of every age check."),
        "next": Field(Date(), doc="Default: one quarter after date."),
    }), True),
    "planning": Field(Obj({
        "start": Field(Period(), doc="Default: the quarter after review.period."),
        "phases": Field(Int(minimum=1, maximum=40), True, "How many quarterly phases to plan."),
        "capacity": Field(Num(positive=True), True, "Effort points available in each phase."),
        "owner_limit": Field(Int(minimum=1), doc="Most items one person should own in a phase (default 3)."),
    }), True),
    "scope": Field(Obj({
        "practices": Field(MapOf(Slug(), _SCOPE_ENTRY)),
        "configuration_items": Field(MapOf(Slug(), _SCOPE_ENTRY)),
    })),
    "people": Field(MapOf(Slug(), Obj({
        "name": Field(Str(), True),
        "roles": Field(ListOf(Slug()), doc="Role ids from the catalogue."),
        "team": Field(Slug(), doc="A team id (a file under content/teams/)."),
        "external": Field(Bool(), doc="true for partners and consultants."),
        "email": Field(Str()),
    }))),
    "stakeholders": Field(MapOf(Slug(), Obj({
        "title": Field(Str(), True),
        "engagement": Field(Enum(ENGAGEMENTS)),
        "contact": Field(Slug(), doc="A person id."),
        "description": Field(Str()),
    }))),
    "assessment": Field(MapOf(Slug(), ASSESSMENT_ENTRY), doc="One entry per catalogue factor."),
    "metrics": Field(MapOf(Slug(), Obj({
        "title": Field(Str(), True),
        "kind": Field(Enum(METRIC_KINDS), True),
        "unit": Field(Str(allow_empty=True), True),
        "direction": Field(Enum(DIRECTIONS), True, "Which way is better."),
        "baseline": Field(Num()),
        "current": Field(Num()),
        "target": Field(Num()),
        "due": Field(Period()),
        "factor": Field(Slug(), doc="A factor id."),
        "description": Field(Str()),
    }))),
    "goals": Field(ListOf(Obj({
        "id": Field(Slug(), True),
        "statement": Field(Str(), True),
        "metric": Field(Slug(), doc="A metric id."),
        "target": Field(Num()),
        "due": Field(Period()),
        "owner": Field(Slug(), doc="A person id."),
    }))),
    "initiatives": Field(MapOf(Slug(), Obj({
        "status": Field(Enum(INITIATIVE_STATUSES)),
        "title": Field(Str(), doc="Own initiatives only."),
        "factor": Field(Slug()),
        "raises_to": Field(Int(minimum=1)),
        "effort": Field(Num(positive=True)),
        "owner": Field(Slug(), doc="A person id."),
        "training": Field(ListOf(Slug())),
        "notes": Field(Str()),
    })), doc="Progress on catalogue actions, and work of the organisation's own."),
    "feedback": Field(ListOf(Obj({
        "date": Field(Date(), True),
        "from": Field(Slug(), True, "A stakeholder or person id."),
        "text": Field(Str(), True),
        "status": Field(Enum(FEEDBACK_STATUSES)),
        "response": Field(Str()),
    }))),
}, title="roadmap-gen organisation file")

TEAM_FILE = Obj({
    "team": Field(Obj({
        "name": Field(Str(), True),
        "lead": Field(Slug(), doc="A person id."),
        "group": Field(Str(), doc="Teams with the same group share a page and heatmap."),
        "description": Field(Str()),
    }), True),
    "assessment": Field(MapOf(Slug(), ASSESSMENT_ENTRY)),
}, title="roadmap-gen team file")

SCHEMAS = {"catalogue": CATALOGUE_FILE, "organisation": ORGANISATION_FILE, "team": TEAM_FILE}
