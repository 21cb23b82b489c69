from volunteer_center.core.errors import DomainError


class MatchingError(DomainError):
    """A change the matching rules do not allow; the message is for the user."""
