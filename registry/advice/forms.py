"""Forms of the advice register: a consultation (staff) and booking a visit (public)."""

import datetime as dt

from crispy_forms.layout import HTML, Fieldset
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from registry import validators
from registry.forms.fields import HoneypotMixin, honeypot_layout
from registry.models import (
    Beneficiary,
    Consultation,
    ConsultationTopic,
    Volunteer,
)
from volunteer_center.core.forms import DATE_INPUT, ServiceFieldsMixin, submit_helper

# Who was advised: one of the register's people, or a walk-in person.
PERSON_ADVISED = (
    "volunteer",
    "beneficiary",
    "institution",
    "walk_in_name",
    "walk_in_phone",
    "walk_in_email",
)


class ConsultationForm(ServiceFieldsMixin, forms.ModelForm):
    """Staff record a consultation; a new one is either held or planned, later
    status changes go through the status buttons."""

    class Meta:
        model = Consultation
        fields = [
            "status",
            "starts_at",
            "duration_minutes",
            "form",
            "topic",
            *PERSON_ADVISED,
            "advisor",
            "notes",
            "follow_up",
            "follow_up_due",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "follow_up_due": DATE_INPUT,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        if self.instance.pk:
            del self.fields["status"]
        else:
            self.fields["status"].choices = [
                (status.value, status.label)
                for status in Consultation.OCCUPYING_STATUSES
            ]
            self.initial.setdefault("advisor", user.pk)
        self.fields["topic"].queryset = ConsultationTopic.objects.filter(
            is_active=True
        ) | ConsultationTopic.objects.filter(pk=self.instance.topic_id)
        self.fields["volunteer"].queryset = Volunteer.objects.not_anonymised()
        self.fields["beneficiary"].queryset = Beneficiary.objects.visible_to(user)
        self.fields["advisor"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__isnull=False)
            .distinct()
            .order_by("last_name", "first_name")
        )
        self.helper = submit_helper(
            _("Save"),
            Fieldset(
                _("When and how"),
                *(name for name in ("status",) if name in self.fields),
                "starts_at",
                "duration_minutes",
                "form",
                "topic",
            ),
            Fieldset(
                _("Who was advised (choose one)"),
                HTML(
                    '<p class="form-text">{}</p>'.format(
                        _(
                            "A volunteer, a beneficiary or an institution from "
                            "the register, or a walk-in person: then only a "
                            "name and, if needed, a contact."
                        )
                    )
                ),
                *PERSON_ADVISED,
            ),
            Fieldset(
                _("Advice and follow-up"),
                "advisor",
                "notes",
                "follow_up",
                "follow_up_due",
            ),
        )


class SlotChoiceField(forms.ChoiceField):
    """A free office-hours slot, offered as a radio list and returned as an
    aware datetime."""

    widget = forms.RadioSelect

    def __init__(self, *, slots, **kwargs):
        super().__init__(
            choices=[(slot.value, slot_label(slot)) for slot in slots], **kwargs
        )
        # Most often the slot was free when the page was shown and has been
        # booked since.
        self.error_messages["invalid_choice"] = _(
            "This time is no longer free. Please choose another one."
        )

    def clean(self, value):
        value = super().clean(value)
        return timezone.make_aware(dt.datetime.strptime(value, "%Y-%m-%dT%H:%M"))


def slot_label(slot) -> str:
    start = timezone.localtime(slot.starts_at)
    end = timezone.localtime(slot.ends_at)
    return "{}, {}–{}".format(
        date_format(start, "l, j E Y"), f"{start:%H:%M}", f"{end:%H:%M}"
    )


class ConsultationBookingForm(HoneypotMixin, forms.Form):
    """The public form: a resident books a visit in office hours."""

    slot = forms.ChoiceField(label=_("Date and time of the visit"))
    name = forms.CharField(label=_("First and last name"), max_length=200)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    topic = forms.ModelChoiceField(
        label=_("What would you like to talk about?"),
        queryset=ConsultationTopic.objects.filter(is_active=True),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_("I have read the information on the processing of my personal data."),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"] = SlotChoiceField(
            slots=slots, label=self.fields["slot"].label
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.helper = submit_helper(
            _("Book the visit"),
            "slot",
            "name",
            "phone",
            "email",
            "topic",
            HTML('{% include "core/privacy/_booking.html" %}'),
            "consent",
            honeypot_layout(),
        )

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        if not phone:
            return ""
        return validators.normalize_phone(phone)

    def clean(self):
        cleaned_data = super().clean()
        if (
            "phone" not in self.errors
            and not cleaned_data.get("phone")
            and not cleaned_data.get("email")
            and "email" not in self.errors
        ):
            self.add_error(
                "phone",
                _("Give a phone number or an e-mail address, so we can reach you."),
            )
        return cleaned_data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "starts_at": data["slot"],
            "name": data["name"],
            "phone": data["phone"],
            "email": data["email"],
            "topic": data["topic"],
        }
