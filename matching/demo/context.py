"""What the matching demo reads from the register once."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from registry.models import Beneficiary, Category, Institution, Skill


class Context:
    def __init__(self, rng):
        self.rng = rng
        self.today = timezone.localdate()
        self.now = timezone.now()
        users = get_user_model().objects.filter(username="koordynator")
        self.coordinator = users.first()
        self.coordinator_id = getattr(self.coordinator, "pk", None)
        self.skills = dict(Skill.objects.values_list("name", "pk"))
        self.categories = dict(Category.objects.values_list("name", "pk"))
        self.beneficiaries = list(
            Beneficiary.objects.filter(
                status=Beneficiary.Status.ACTIVE, anonymised_at__isnull=True
            )
            .order_by("pk")
            .values_list("pk", "district_id", "street", "social_worker_id")
        )
        receiving = Institution.objects.order_by("pk").values_list(
            "pk", "district_id", "street", "programme_partner"
        )
        self.institutions = list(receiving.filter(receives_help=True)) or list(
            receiving
        )
        self.partners = [i[0] for i in receiving if i[3]] or [i[0] for i in receiving]
        # Each volunteer's sign-up, read when the assignments are picked.
        self.signed_up: dict[int, dt.datetime] = {}

    def days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))
