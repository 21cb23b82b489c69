from volunteer_center.core.errors import DomainError


class AreaError(DomainError):
    """A request in the volunteer area the rules do not allow."""
