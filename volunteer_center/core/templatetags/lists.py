"""Tags of the staff lists (templates/_list.html) and the forms kept on a
record's page."""

from django import template

from volunteer_center.core import fragments

register = template.Library()


@register.simple_tag
def filter_form(filterset) -> str:
    """The filter form above a list, kept once drawn
    (volunteer_center/core/fragments.py)."""
    return fragments.filter_form(filterset)


@register.simple_tag(takes_context=True)
def kept_crispy(context, form) -> str:
    """``{% crispy form %}``, kept once drawn while the form is empty
    (volunteer_center/core/fragments.py)."""
    return fragments.crispy_form(form, context["request"])


class KeptRowsNode(template.Node):
    def __init__(self, rows, nodelist):
        self.rows = rows
        self.nodelist = nodelist

    def render(self, context):
        return fragments.kept_rows(
            context,
            self.rows.resolve(context),
            lambda values: self.nodelist.render(context.new(values)),
            templates=[self.origin.template_name],
        )


@register.tag
def kept_rows(parser, token):
    """``{% kept_rows object_list %}…{% endkept_rows %}``: the rows of a staff
    list, kept once drawn (``fragments.kept_rows``). Inside, a row sees
    ``object_list``, ``perms``, ``user`` and ``csrf_token`` only."""
    try:
        _tag, rows = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("kept_rows takes the list of rows") from None
    nodelist = parser.parse(("endkept_rows",))
    parser.delete_first_token()
    return KeptRowsNode(parser.compile_filter(rows), nodelist)
