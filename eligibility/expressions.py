"""Checking what editors write before it is saved: a condition's JSON Logic
expression and the placeholders in its reasons; and saying an expression in
words for the admin."""

import json
import re

from django.utils.translation import gettext as _
from json_logic import jsonLogic

from eligibility.engine import LIMIT_PREFIX, Kind, nested, operations, variables_read
from eligibility.variables import VARIABLES, is_known_name

# A small, deterministic part of JSON Logic: comparisons, logic, arithmetic.
# (No "today": the day of the check is the engine's to choose; no string or
# list building, no logging.)
COMPARISONS = {"==", "!=", "===", "!==", "<", "<=", ">", ">="}
ALLOWED_OPERATORS = COMPARISONS | {
    "and",
    "or",
    "!",
    "!!",
    "if",
    "?:",
    "in",
    "+",
    "-",
    "*",
    "/",
    "min",
    "max",
    "var",
}
MAX_NODES = 200
MAX_DEPTH = 12
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
HOUSEHOLD_PLACEHOLDER = "household"


def parse(text):
    """The expression from the admin's text box, or ValueError in words."""
    try:
        return json.loads(text) if isinstance(text, str) else text
    except ValueError as error:
        raise ValueError(
            _("This is not valid JSON: %(error)s") % {"error": error}
        ) from error


def depth(expression):
    if isinstance(expression, dict):
        return 1 + max((depth(value) for value in expression.values()), default=0)
    if isinstance(expression, list):
        return max((depth(item) for item in expression), default=0)
    return 0


def size(expression):
    if isinstance(expression, dict):
        return 1 + sum(size(value) for value in expression.values())
    if isinstance(expression, list):
        return sum(size(item) for item in expression)
    return 1


def problems(expression, limit_names):
    """What is wrong with a condition's expression, in words (empty if
    nothing)."""
    if not isinstance(expression, dict) or len(expression) != 1:
        return [
            _(
                'A condition is one operation, such as {"<=": [{"var": "income"}, '
                '{"var": "limit.income"}]}.'
            )
        ]
    if size(expression) > MAX_NODES or depth(expression) > MAX_DEPTH:
        return [_("This condition is too long: split it into several conditions.")]
    found = []

    def walk(node):
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            if len(node) != 1:
                found.append(
                    _("Each operation has exactly one operator: %(node)s")
                    % {"node": json.dumps(node, ensure_ascii=False)}
                )
                return
            operator, arguments = next(iter(node.items()))
            if operator not in ALLOWED_OPERATORS:
                found.append(
                    _('The operator "%(operator)s" is not one the rules use.')
                    % {"operator": operator}
                )
            if operator == "var":
                name = arguments[0] if isinstance(arguments, list) else arguments
                if not isinstance(name, str) or (
                    isinstance(arguments, list) and len(arguments) != 1
                ):
                    found.append(_('"var" takes one name, such as {"var": "income"}.'))
                elif not is_known_name(name, limit_names):
                    if name.startswith(LIMIT_PREFIX):
                        found.append(
                            _(
                                'The rule has no limit called "%(name)s": add it '
                                "under Limits."
                            )
                            % {"name": name[len(LIMIT_PREFIX) :]}
                        )
                    else:
                        found.append(
                            _('"%(name)s" is not an answer the check asks for.')
                            % {"name": name}
                        )
                return
            walk(arguments)

    walk(expression)
    if not found:
        found.extend(trial_errors(expression, limit_names))
    return list(dict.fromkeys(found))


def trial_data(limit_names):
    """A few households to try an expression on: nothing known, and the ends
    of every variable."""
    samples = []
    for limit_value, pick in ((0.0, lambda v: v.low), (1000.0, lambda v: v.high)):
        data = {}
        for name, variable in VARIABLES.items():
            if variable.kind == Kind.NUMBER:
                value = pick(variable)
            elif variable.kind == Kind.FLAG:
                value = bool(pick(variable))
            else:
                value = (variable.choices or ("",))[0]
            data[name] = value
        for name in limit_names:
            data[LIMIT_PREFIX + name] = limit_value
        samples.append(data)
    samples.append({})
    return samples


def trial_errors(expression, limit_names):
    for flat in trial_data(limit_names):
        try:
            jsonLogic(expression, nested(flat))
        except (ArithmeticError, TypeError, ValueError, KeyError, IndexError) as error:
            return [
                _("This condition fails for some answers (%(error)s).")
                % {"error": error or type(error).__name__}
            ]
    return []


def placeholder_problems(text, limit_names):
    found = []
    for name in PLACEHOLDER.findall(text or ""):
        if name == HOUSEHOLD_PLACEHOLDER:
            continue
        if name.startswith(LIMIT_PREFIX) and name[len(LIMIT_PREFIX) :] in limit_names:
            continue
        found.append(
            _(
                "Unknown placeholder {%(name)s}: use {household} or "
                "{limit.<name>} of a limit of this rule."
            )
            % {"name": name}
        )
    return found


# In words ---------------------------------------------------------------------

SYMBOLS = {"<=": "≤", ">=": "≥", "==": "=", "===": "=", "!=": "≠", "!==": "≠"}


def in_words(expression):
    """A compact reading of an expression for the admin:
    ``income ≤ limit.income and housing = "rent"``."""
    if isinstance(expression, list):
        return "[" + ", ".join(in_words(item) for item in expression) + "]"
    if not isinstance(expression, dict) or len(expression) != 1:
        return json.dumps(expression, ensure_ascii=False)
    operator, arguments = next(iter(expression.items()))
    if not isinstance(arguments, list):
        arguments = [arguments]
    if operator == "var":
        return str(arguments[0]) if arguments else "?"
    parts = [in_words(argument) for argument in arguments]
    if operator in COMPARISONS and len(parts) >= 2:
        symbol = SYMBOLS.get(operator, operator)
        return f" {symbol} ".join(parts)
    if operator in ("and", "or"):
        return "(" + f" {operator} ".join(parts) + ")"
    if operator in ("+", "-", "*", "/"):
        return "(" + f" {operator} ".join(parts) + ")"
    if operator in ("!",):
        return f"not {parts[0]}" if parts else "not"
    if operator == "in" and len(parts) == 2:
        return f"{parts[0]} in {parts[1]}"
    if operator in ("if", "?:") and len(parts) >= 3:
        return f"(if {parts[0]} then {parts[1]} else {', '.join(parts[2:])})"
    return f"{operator}({', '.join(parts)})"


def names_read(expression):
    return variables_read(expression) if isinstance(expression, dict) else set()


__all__ = [
    "ALLOWED_OPERATORS",
    "in_words",
    "names_read",
    "operations",
    "parse",
    "placeholder_problems",
    "problems",
]
