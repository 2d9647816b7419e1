"""The scalar field specs: text, ids and references, numbers, true/false, choices, quarters, dates."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from roadmap_gen.core.diagnostics import did_you_mean
from roadmap_gen.core.periods import DATE_RE, PERIOD_RE, Quarter, parse_date
from roadmap_gen.spec.base import MISSING, NO_IDS, ROOT, Ctx, Ids, Scope, Spec, expect_scalar, number_text, shown
from roadmap_gen.spec.yamlread import Node, Scalar

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
# Numbers past this are typing mistakes, and would break chart scales and sums.
MAX_NUMBER = 1e12

#: The choices of an :class:`Enum` (a ``Literal`` type of the model).
E = TypeVar("E", bound=str)


@dataclass(frozen=True)
class Str(Spec[str]):
    allow_empty: bool = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> str:
        if isinstance(node, Scalar) and node.value is None and self.allow_empty:
            return ""
        scalar = expect_scalar(node, ctx, what, "text")
        if scalar is None:
            return MISSING
        value = scalar.value
        if isinstance(value, bool):
            value = "true" if value else "false"
        text = value if isinstance(value, str) else number_text(scalar)
        if not text.strip() and not self.allow_empty:
            return ctx.error(node.loc, f"{what} must not be empty", check="bad-value")
        return text

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        types = ["string", "number", "boolean"] + (["null"] if self.allow_empty else [])
        return {"type": types}

    def describe(self) -> str:
        return "text"

    def fallback(self) -> str:
        return ""


def _slug_hint(text: str) -> str:
    fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
    base = "ids use lowercase letters, digits and '-', start with a letter or digit, at most 64 characters"
    return f"{base}: try '{fixed}'" if fixed and fixed != text else base


@dataclass(frozen=True)
class Slug(Spec[str]):
    """An id: lowercase letters, digits and '-'. The id an entry is filed under, or (see :class:`Ref`) one
    that names another entry."""

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> str:
        scalar = expect_scalar(node, ctx, what, "an id")
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        if isinstance(scalar.value, bool) or not SLUG_RE.fullmatch(text):
            return ctx.error(node.loc, f"{what} '{text[:64]}' is not a valid id", _slug_hint(text), check="bad-id")
        return text

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG_RE.pattern}

    def describe(self) -> str:
        return "an id"

    def fallback(self) -> str:
        return ""


@dataclass(frozen=True)
class Ref(Slug):
    """An id that names another entry of the project, of one *kind* (``person``, ``factor``, ``module`` ...).

    The unknown-id checks are generated from these declarations (:func:`roadmap_gen.spec.refs.references`
    finds every one in a built model), and a project's JSON Schemas list the ids of the kind, as the only
    values or, when *open*, as examples. *open*: other ids are allowed too (an initiative is a catalogue
    action's id or one of the organisation's own), so it is not checked as a reference. *label*: how a
    message names the field, when not by its YAML name (for a list item or a map's key: by its kind).
    *checked_by*: a health check judges the id instead of the unknown-id check (a sponsor who is not
    listed is a warning, not an error)."""

    kind: str
    open: bool = False
    label: str = ""
    checked_by: str = ""

    @property
    def checked(self) -> bool:
        """Whether the generated unknown-id check covers this reference."""
        return bool(self.kind) and not self.open and not self.checked_by

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out = super().schema(ids)
        known = ids.get(self.kind)
        if known:
            out["examples" if self.open else "enum"] = list(known)
        return out


def _number_hint(scalar: Scalar) -> str:
    if isinstance(scalar.value, str):
        try:
            float(scalar.value)
            return "remove the quotes around the number"
        except ValueError:
            pass
    return "write it as digits, e.g. 2"


def _in_range(value: Any, low: Any, high: Any, node: Node, ctx: Ctx, what: str) -> Any:
    if low is not None and value < low:
        return ctx.error(node.loc, f"{what} must be at least {low}, found {value}", check="out-of-range")
    if high is not None and value > high:
        return ctx.error(node.loc, f"{what} must be at most {high}, found {value}", check="out-of-range")
    return value


@dataclass(frozen=True)
class Int(Spec[int]):
    minimum: int | None = None
    maximum: int | None = None

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> int:
        scalar = expect_scalar(node, ctx, what, "a whole number")
        if scalar is None:
            return MISSING
        value = scalar.value
        if isinstance(value, float) and value.is_integer() and not isinstance(value, bool):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(node.loc, f"{what} must be a whole number, found {shown(node)}",
                             _number_hint(scalar), check="bad-type")
        return _in_range(value, self.minimum, self.maximum, node, ctx, what)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def describe(self) -> str:
        return "a whole number"

    def fallback(self) -> int:
        return self.minimum if self.minimum is not None else 0


@dataclass(frozen=True)
class Num(Spec[float]):
    """A number; the model always holds it as a float."""

    minimum: float | None = None
    positive: bool = False

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> float:
        scalar = expect_scalar(node, ctx, what, "a number")
        if scalar is None:
            return MISSING
        value = scalar.value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (
                isinstance(value, float) and not math.isfinite(value)):
            return ctx.error(node.loc, f"{what} must be a number, found {shown(node)}",
                             _number_hint(scalar), check="bad-type")
        if abs(value) > MAX_NUMBER:
            return ctx.error(node.loc, f"{what} is too large: {value:g} (at most {MAX_NUMBER:g})", check="out-of-range")
        if self.positive and value <= 0:
            return ctx.error(node.loc, f"{what} must be more than 0, found {value}", check="out-of-range")
        checked = _in_range(value, self.minimum, None, node, ctx, what)
        return checked if checked is MISSING else float(checked)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number", "maximum": MAX_NUMBER}
        if self.positive:
            out["exclusiveMinimum"] = 0
        else:
            out["minimum"] = self.minimum if self.minimum is not None else -MAX_NUMBER
        return out

    def describe(self) -> str:
        return "a number"

    def fallback(self) -> float:
        return 1.0 if self.positive else (float(self.minimum) if self.minimum is not None else 0.0)


@dataclass(frozen=True)
class Bool(Spec[bool]):
    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> bool:
        if isinstance(node, Scalar) and isinstance(node.value, bool):
            return node.value
        return ctx.error(node.loc, f"{what} must be true or false, found {shown(node)}", check="bad-type")

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true or false"

    def fallback(self) -> bool:
        return False


@dataclass(frozen=True)
class Enum(Spec[E], Generic[E]):
    """One of a fixed set of words; builds the model's ``Literal`` type of them."""

    values: tuple[E, ...]

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> E:
        scalar = expect_scalar(node, ctx, what, "one of " + ", ".join(self.values))
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        if text not in self.values:
            hint = did_you_mean(text, self.values) or "use one of: " + ", ".join(self.values)
            return ctx.error(node.loc, f"{what} '{text[:40]}' is not one of {', '.join(self.values)}", hint,
                             check="bad-value")
        return text

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def describe(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)

    def fallback(self) -> E:
        return self.values[0]


@dataclass(frozen=True)
class Period(Spec[Quarter]):
    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> Quarter:
        scalar = expect_scalar(node, ctx, what, "a quarter such as 2027-Q1")
        if scalar is None:
            return MISSING
        quarter = Quarter.parse(str(scalar.value))
        if quarter is None:
            return ctx.error(node.loc, f"{what} '{str(scalar.value)[:40]}' is not a quarter",
                             "write quarters as YYYY-Qn, e.g. 2027-Q1", check="bad-period")
        return quarter

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "pattern": PERIOD_RE.pattern}

    def describe(self) -> str:
        return "a quarter YYYY-Qn"

    def fallback(self) -> Quarter:
        return Quarter(1970, 1)


@dataclass(frozen=True)
class Date(Spec[date]):
    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> date:
        scalar = expect_scalar(node, ctx, what, "a date such as 2026-11-20")
        if scalar is None:
            return MISSING
        text = str(scalar.value)
        day = parse_date(text)
        if day is None:
            hint = ("that day does not exist" if DATE_RE.fullmatch(text)
                    else "write dates as YYYY-MM-DD, e.g. 2026-11-20")
            return ctx.error(node.loc, f"{what} '{text[:40]}' is not a valid date", hint, check="bad-date")
        return day

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE_RE.pattern}

    def describe(self) -> str:
        return "a date YYYY-MM-DD"

    def fallback(self) -> date:
        return date(1970, 1, 1)


@dataclass(frozen=True)
class IntKey(Spec[int]):
    """Keys of a map that are levels: whole numbers."""

    minimum: int = 0

    def check(self, node: Node, ctx: Ctx, what: str, scope: Scope = ROOT) -> int:
        value = node.value if isinstance(node, Scalar) else None
        if isinstance(value, bool) or not isinstance(value, int):
            return ctx.error(node.loc, f"{what} '{value}' must be a whole-number level", check="bad-type")
        return _in_range(value, self.minimum, None, node, ctx, what)

    def schema(self, ids: Ids = NO_IDS) -> dict[str, Any]:
        return {"pattern": "^[0-9]+$"}

    def describe(self) -> str:
        return "a level number"

    def fallback(self) -> int:
        return self.minimum

