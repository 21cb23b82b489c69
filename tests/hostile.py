"""Hostile values and the forms of a page as a browser sees them: every
``<form>`` of the HTML with its fields, what the page filled in, and which
hostile values suit each field (tests/agreements/test_hostile_walk.py)."""

import dataclasses
import html.parser
import urllib.parse

MALFORMED_UTF8 = urllib.parse.quote_from_bytes(b"\xff\xfe\xc0\xaf")
ARRAY = ("1", "abc")
PAST_BIGINT = "9" * 30
# What an attacker or a slip of the keyboard sends, by the kind of field it is
# aimed at. Each value goes to every field of its kind at once; the first
# ALONE[kind] values go again to each field that did not refuse them, alone,
# the rest of the form as the page filled it in: so that they reach the save
# when the form takes them.
HOSTILE = {
    "text": ("x" * 100_000, MALFORMED_UTF8, PAST_BIGINT, ARRAY),
    "number": ("-1", PAST_BIGINT, "abc", "1e400", ARRAY),
    "date": ("0001-01-01", "99999-01-01", "abc", ARRAY),
    "choice": (PAST_BIGINT, "nie-ma-takiego", "-1", ARRAY),
    "id": (PAST_BIGINT, "-1", "abc", ARRAY),
}
ALONE = {"text": 1, "number": 2, "date": 1, "choice": 1, "id": 1}
KIND_OF_INPUT = {
    "number": "number",
    "date": "date",
    "datetime-local": "date",
    "month": "date",
    "time": "date",
    "checkbox": "choice",
    "radio": "choice",
    "hidden": "id",
}
BUTTONS = {"submit", "button", "image", "reset"}


@dataclasses.dataclass
class Form:
    method: str
    action: str
    # Every name with the values the page filled in, in order.
    data: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    kinds: dict[str, str] = dataclasses.field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None = None) -> None:
        self.kinds.setdefault(name, kind)
        values = self.data.setdefault(name, [])
        if value is not None:
            values.append(value)

    def fields(self) -> list[str]:
        return [name for name in self.kinds if name != "csrfmiddlewaretoken"]

    def body(self, hostile: dict):
        """The urlencoded submission with the ``hostile`` values of some names;
        a malformed value goes as it is, past the client's encoding."""
        pairs = [
            (n, v)
            for n, values in self.data.items()
            if n not in hostile
            for v in values
        ]
        encoded = urllib.parse.urlencode(pairs)
        for name, value in hostile.items():
            for one in value if isinstance(value, tuple) else (value,):
                quoted = one if one == MALFORMED_UTF8 else urllib.parse.quote_plus(one)
                encoded += f"&{urllib.parse.quote_plus(name)}={quoted}"
        return encoded

    def together(self):
        """(the hostile values by name, the value): each hostile value to
        every field of its kind at once."""
        fields = self.fields()
        for kind, values in HOSTILE.items():
            of_kind = [name for name in fields if self.kinds[name] == kind]
            for value in values if of_kind else ():
                yield dict.fromkeys(of_kind, value), value

    def alone(self, name: str) -> tuple:
        """The values that go to the field alone when the form took them."""
        return HOSTILE[self.kinds[name]][: ALONE[self.kinds[name]]]


class FormParser(html.parser.HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.multiple = False
        self.textarea: str | None = None
        self.text = ""
        self.submitted = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self.select:
            self.options.append((attrs.get("value", ""), "selected" in attrs))
        elif tag == "form":
            action = urllib.parse.urljoin(self.page_url, attrs.get("action") or "")
            self.form = Form((attrs.get("method") or "get").lower(), action)
            self.forms.append(self.form)
            self.submitted = False
        elif self.form is None or "name" not in attrs or "disabled" in attrs:
            return
        elif tag in ("input", "button"):
            self._input(attrs, tag)
        elif tag == "select":
            self.select, self.options = attrs["name"], []
            self.multiple = "multiple" in attrs
        elif tag == "textarea":
            self.textarea, self.text = attrs["name"], ""

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea and self.form:
            self.form.add(self.textarea, "text", self.text.removeprefix("\n"))
            self.textarea = None
        elif tag == "select" and self.select and self.form:
            self._close_select()

    def _close_select(self) -> None:
        chosen = [value for value, selected in self.options if selected]
        if not chosen and not self.multiple and self.options:
            chosen = [self.options[0][0]]
        self.form.add(self.select, "choice")
        for value in chosen:
            self.form.add(self.select, "choice", value)
        self.select = None

    def _input(self, attrs, tag) -> None:
        kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        name, value = attrs["name"], attrs.get("value", "")
        if kind in BUTTONS:
            # The first button submits the form, as a click on it would.
            if not self.submitted:
                self.form.add(name, "choice", value)
                self.submitted = True
            return
        if kind == "file":
            return
        kind_of_field = KIND_OF_INPUT.get(kind, "text")
        checked = kind not in ("checkbox", "radio") or "checked" in attrs
        self.form.add(name, kind_of_field, value if checked else None)


def page_forms(page_url: str, markup: str) -> list[Form]:
    parser = FormParser(page_url)
    parser.feed(markup)
    return [form for form in parser.forms if form.fields()]
