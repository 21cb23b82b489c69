"""Possible duplicates of a person, found and confirmed: one check for
volunteers, beneficiaries and institutions."""

from django.utils.translation import gettext_lazy as _

from registry import selectors
from registry.errors import DuplicatePersonError


def _check_duplicates(person, *, scope, different_person: bool) -> list:
    """Records of ``scope`` with the person's PESEL, e-mail or phone, but those
    already confirmed to be someone else. Refused unless ``different_person``
    (the staff form's "This is a different person", the import's column);
    then they are returned, to be remembered as different."""
    if person.pk:
        scope = scope.exclude(pk__in=person.different_from.values("pk"))
    found = selectors.find_duplicates(
        type(person),
        pesel=getattr(person, "pesel", ""),
        email=person.email,
        phone=person.phone,
        exclude_pk=person.pk,
        queryset=scope,
    )
    if found and not different_person:
        raise DuplicatePersonError(_duplicates_text(found), found)
    return [d.record for d in found]


def _duplicates_text(found) -> str:
    meta = type(found[0].record)._meta
    records = "; ".join(
        "{} ({})".format(
            d.record,
            ", ".join(str(meta.get_field(n).verbose_name) for n in d.matched_on),
        )
        for d in found
    )
    return _(
        "A record with the same PESEL, e-mail or phone already exists: "
        "%(records)s. If this is a different person, confirm it and save again."
    ) % {"records": records}


def _confirmed_text(others) -> str:
    """The people a save confirmed to be someone else than its person."""
    if not others:
        return ""
    return _("confirmed to be a different person from: %(names)s") % {
        "names": ", ".join(str(other) for other in others)
    }
