"""What an agreement text may contain (docs/ARCHITECTURE.md, "Where each rule
lives"): the placeholders the renderer fills in (``documents.agreement_context``,
a test holds the two to the same names), the ``{% if %}`` tags that leave a
sentence out, and nothing half-typed. A text that breaks this is refused when
it is saved, not found out when an agreement is printed."""

import re

from django.template import Template, TemplateSyntaxError
from django.template.base import FilterExpression, Lexer, TokenType, VariableNode
from django.template.defaulttags import IfNode
from django.utils.translation import gettext as _

PLACEHOLDERS = frozenset(
    {
        "number",
        "centre",
        "centre_address",
        "centre_representation",
        "party_name",
        "party_address",
        "party_identity",
        "party_designation",
        "party_representation",
        "scope",
        "manner",
        "place",
        "date_from",
        "date_to",
        "period",
        "termination_clause",
        "cost_reimbursement",
        "travel_costs_waiver",
        "insurance",
        "safety_info_given",
        "safety_information",
        "korzystajacy_is_centre",
        "is_minor",
        "guardian_name",
        "standards_url",
        "privacy_url",
        "signed_on",
    }
)
TAGS = frozenset({"if", "elif", "else", "endif", "comment", "endcomment"})
# Left in the text as typed: a brace too few or too many, or another syntax.
BROKEN = re.compile(r"\{\{|\}\}|\{%|%\}|\{\s*[a-z_]+\s*\}|\$\{?[a-z_]+")


def text_errors(body: str, placeholders=PLACEHOLDERS) -> list[str]:
    """What is wrong with an agreement text, in the user's language; an empty
    list when nothing is."""
    tokens = Lexer(body).tokenize()
    errors = [
        _("Broken placeholder: “%(text)s”.") % {"text": match.group()}
        for token in tokens
        if token.token_type == TokenType.TEXT
        for match in BROKEN.finditer(token.contents)
    ]
    errors += [
        _("Unknown tag: “{%% %(tag)s %%}”.") % {"tag": tag}
        for tag in sorted({t.split_contents()[0] for t in _blocks(tokens)} - TAGS)
    ]
    if errors:
        return errors
    try:
        template = Template(body)
    except TemplateSyntaxError as error:
        return [_("Broken placeholder: %(error)s") % {"error": error}]
    unknown = sorted(set(_names(template)) - placeholders)
    if unknown:
        errors.append(
            _("Unknown placeholder: %(names)s. The text may use: %(known)s.")
            % {
                "names": ", ".join(f"{{{{ {n} }}}}" for n in unknown),
                "known": ", ".join(sorted(placeholders)),
            }
        )
    return errors


def _blocks(tokens):
    return [t for t in tokens if t.token_type == TokenType.BLOCK and t.contents]


def _names(template):
    for node in template.nodelist.get_nodes_by_type(VariableNode):
        yield from _expression_names(node.filter_expression)
    for node in template.nodelist.get_nodes_by_type(IfNode):
        for condition, _nodelist in node.conditions_nodelists:
            yield from _condition_names(condition)


def _condition_names(condition):
    if condition is None:
        return
    if isinstance(getattr(condition, "value", None), FilterExpression):
        yield from _expression_names(condition.value)
    for side in ("first", "second"):
        yield from _condition_names(getattr(condition, side, None))


def _expression_names(expression: FilterExpression):
    variables = [expression.var] + [
        arg for _func, args in expression.filters for lookup, arg in args if lookup
    ]
    for variable in variables:
        lookups = getattr(variable, "lookups", None)
        if lookups:
            yield lookups[0]
