"""Checks on listening to the people served: feedback, and measures of what matters to them."""

from __future__ import annotations

from collections.abc import Iterator

from roadmap_gen.core.diagnostics import Finding
from roadmap_gen.plan.checks.context import HealthContext
from roadmap_gen.plan.checks.registry import check


@check("no-feedback-loop", "No feedback loop",
       looks_for="No feedback from the people served is recorded, or feedback was left open past a review.",
       action="Record what stakeholders say and decide every open item at the next review.")
def no_feedback_loop(ctx: HealthContext) -> Iterator[Finding]:
    """No feedback recorded at all; or a feedback item still ``open`` that is dated before the
    latest snapshot's review date (it was left open past a review)."""
    org, project = ctx.org, ctx.project
    if not org.feedback:
        yield Finding(
            org.locs("feedback"),
            "no feedback is recorded: collect what the people served say and record what was done with it",
            None, "add a `feedback` list with date, from and text for each item")
        return
    if not project.snapshots:
        return
    last = project.snapshots[-1].organisation.review
    for item in org.feedback:
        if item.status == "open" and item.date < last.date:
            yield Finding(
                item.locs("status"),
                f"feedback from '{item.source}' dated {item.date.isoformat()} is still open after the "
                f"{last.period} review ({last.date.isoformat()}): decide it and record the response", None,
                "set status to accepted, considered or declined and write the `response`")


@check("sla-only-metrics", "Only operational metrics",
       looks_for="Every metric is operational (SLA-style); nothing measures outcomes or how the service feels to "
                 "its users.",
       action="Add at least one outcome metric and one experience metric.")
def sla_only_metrics(ctx: HealthContext) -> Iterator[Finding]:
    """No metric of kind ``outcome`` or ``experience`` (fires too when there are no metrics at all)."""
    org = ctx.org
    if not any(m.kind in ("outcome", "experience") for m in org.metrics):
        what = "there are no metrics" if not org.metrics else "every metric is operational"
        yield Finding(
            org.locs("metrics"),
            f"{what}: add at least one outcome metric (what the business gets) and one experience "
            f"metric (how it feels to the people served)", None,
            "SLA numbers alone can be green while users are unhappy")
