from volunteer_center.core.errors import DomainError


class RegistryError(DomainError):
    """A change the register's rules do not allow; the message is for the user."""
