from volunteer_center.core.errors import DomainError


class AgreementError(DomainError):
    """A change the rules for agreements do not allow; the message is for the
    user."""
