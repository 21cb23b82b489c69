"""Retention that is applied (RODO art. 5 ust. 1 lit. e): per kind of record,
what has outlived the period the information clauses state (the
``RETENTION_*`` settings) is anonymised, so statistics keep counting it, or,
for the access log, deleted. Agreements, certificates and references are
never touched: the archive keeps them under their JRWA category with their
own frozen text. Run daily by ``manage.py apply_retention``."""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from matching.models import Assignment
from registry import services as registry_services
from registry import vetting
from registry.advice import services as advice_services
from registry.errors import RegistryError
from registry.models import Beneficiary, Consultation, Volunteer
from volunteer_center.core.models import AccessLog

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    key: str
    label: str
    due: Callable[[dt.date], QuerySet]
    apply: Callable[[object], None]


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))


def start_of_year(day: dt.date, years_back: int) -> dt.datetime:
    """Periods in years run from the end of the year the record ended in: a
    record last changed in year Y goes once Y + years has ended."""
    return timezone.make_aware(dt.datetime(day.year - years_back, 1, 1))


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _candidates(today: dt.date) -> QuerySet:
    cutoff = months_before(today, settings.RETENTION_CANDIDATE_MONTHS)
    return Volunteer.objects.not_anonymised().filter(
        ~Exists(
            Agreement.objects.filter(volunteer=OuterRef("pk")).exclude(
                status=Agreement.Status.DRAFT
            )
        ),
        status=Volunteer.Status.CANDIDATE,
        updated_at__lt=_start_of_day(cutoff),
    )


def _anonymise_candidate(volunteer) -> None:
    registry_services.volunteer_mark_former(actor=None, volunteer=volunteer)
    registry_services.volunteer_anonymise(actor=None, volunteer=volunteer)


def _former_volunteers(today: dt.date) -> QuerySet:
    return Volunteer.objects.not_anonymised().filter(
        status=Volunteer.Status.FORMER,
        updated_at__lt=start_of_year(today, settings.RETENTION_VOLUNTEER_YEARS),
    )


def _former_beneficiaries(today: dt.date) -> QuerySet:
    return Beneficiary.objects.not_anonymised().filter(
        status=Beneficiary.Status.INACTIVE,
        updated_at__lt=start_of_year(today, settings.RETENTION_BENEFICIARY_YEARS),
    )


def _old_consultations(today: dt.date) -> QuerySet:
    anonymised = Q(
        walk_in_name=advice_services.ANONYMISED_WALK_IN,
        walk_in_phone="",
        walk_in_email="",
        notes="",
    )
    return Consultation.objects.exclude(anonymised).filter(
        ~Q(status=Consultation.Status.PLANNED),
        starts_at__lt=start_of_year(today, settings.RETENTION_CONSULTATION_YEARS),
    )


def _expired_vetting(today: dt.date) -> QuerySet:
    """Checks recorded for work with minors that ended long enough ago (or,
    without such work, that were recorded long enough ago), when no live
    assignment with minors needs them."""
    cutoff = months_before(today, settings.RETENTION_VETTING_MONTHS)
    live_with_minors = Assignment.objects.live().filter(
        volunteer=OuterRef("pk"), request__involves_minors=True
    )
    recorded = Q(sex_offender_register_checked_on__isnull=False) | Q(
        criminal_record_checked_on__isnull=False
    )
    recorded |= Q(lived_abroad=True)
    return (
        Volunteer.objects.not_anonymised()
        .filter(recorded)
        .alias(
            since=Coalesce(
                "minors_engagement_ended_on",
                "sex_offender_register_checked_on",
                "criminal_record_checked_on",
                "abroad_checked_on",
            )
        )
        .filter(~Exists(live_with_minors), since__lt=cutoff)
    )


def _access_log(today: dt.date) -> QuerySet:
    return AccessLog.objects.filter(
        at__lt=start_of_year(today, settings.RETENTION_ACCESS_LOG_YEARS)
    )


RULES = (
    Rule(
        "candidates",
        _("candidates who concluded no agreement"),
        _candidates,
        _anonymise_candidate,
    ),
    Rule(
        "volunteers",
        _("former volunteers"),
        _former_volunteers,
        lambda volunteer: registry_services.volunteer_anonymise(
            actor=None, volunteer=volunteer
        ),
    ),
    Rule(
        "beneficiaries",
        _("people who no longer receive help"),
        _former_beneficiaries,
        lambda person: registry_services.beneficiary_anonymise(
            actor=None, beneficiary=person
        ),
    ),
    Rule(
        "consultations",
        _("records of visits"),
        _old_consultations,
        lambda visit: advice_services.consultation_anonymise(
            actor=None, consultation=visit
        ),
    ),
    Rule(
        "vetting",
        _("checks before work with minors"),
        _expired_vetting,
        lambda volunteer: vetting.volunteer_vetting_erase(
            actor=None, volunteer=volunteer
        ),
    ),
)


def apply(*, today: dt.date, dry_run: bool) -> dict[str, list[int]]:
    """What each rule finds due (the ids), applied one record at a time in its
    own transaction unless ``dry_run``; the access log's expired rows are
    deleted in one statement. Every step is written to the log."""
    done = {}
    for rule in RULES:
        due = list(rule.due(today).order_by("pk").values_list("pk", flat=True))
        model = rule.due(today).model
        if not dry_run:
            due = [
                obj.pk
                for obj in model.objects.filter(pk__in=due).order_by("pk")
                if _applied(rule, obj)
            ]
        done[rule.key] = due
        _log(rule.key, due, dry_run=dry_run)
    expired = _access_log(today)
    done["access_log"] = list(expired.values_list("pk", flat=True))
    if not dry_run:
        expired.delete()
    _log("access_log", done["access_log"], dry_run=dry_run)
    return done


def _applied(rule: Rule, obj) -> bool:
    try:
        rule.apply(obj)
    except RegistryError as error:
        logger.warning("retention %s: #%s kept: %s", rule.key, obj.pk, error.message)
        return False
    return True


def _log(key: str, ids: list[int], *, dry_run: bool) -> None:
    verb = "would anonymise or delete" if dry_run else "anonymised or deleted"
    logger.info("retention %s: %s %d record(s): %s", key, verb, len(ids), ids)


def label(key: str) -> str:
    if key == "access_log":
        return str(_("access log entries"))
    return str(next(rule.label for rule in RULES if rule.key == key))
