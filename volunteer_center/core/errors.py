"""The one base of the apps' domain errors (docs/ARCHITECTURE.md)."""


class DomainError(Exception):
    """A change the rules do not allow. ``message`` is for the person who
    asked, translated (Polish first); views show it next to the form or as a
    message, the admin per object, commands on the console."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
