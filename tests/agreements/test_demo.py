import pytest
from django.core.management import call_command

from agreements import selectors
from agreements.models import Agreement

pytestmark = pytest.mark.django_db

SMALL = {"volunteers": 60, "beneficiaries": 15, "institutions": 12, "quiet": True}


def test_demo_agreements_obey_the_rules_and_some_end_soon():
    call_command("demo_data", **SMALL)
    agreements = list(Agreement.objects.all())
    assert len(agreements) >= 10
    assert {a.status for a in agreements} >= {"draft", "signed"}
    for agreement in agreements:
        agreement.full_clean()
        assert "{{" not in agreement.text
    assert selectors.agreements_ending_soon().exists()
    # The matching demo keeps active work to 30 days, so nothing lacks one.
    assert not selectors.assignments_lacking_agreement().exists()
    numbers = sorted(a.number_seq for a in agreements)
    assert numbers == list(range(1, len(agreements) + 1))
