from volunteer_center.core.errors import DomainError


class RegistryError(DomainError):
    """A change the register's rules do not allow; the message is for the user."""


class DuplicatePersonError(RegistryError):
    """The person seems to be in the register already (the same PESEL, e-mail
    or phone); ``duplicates`` are the records found, for a screen to link to."""

    def __init__(self, message, duplicates):
        super().__init__(message)
        self.duplicates = duplicates
