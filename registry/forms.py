"""Staff forms of the register, and the pieces the public sign-up reuses."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Fieldset, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from registry import selectors, validators
from registry.models import (
    Availability,
    Beneficiary,
    Consultation,
    ConsultationTopic,
    Institution,
    Volunteer,
)

Slot = tuple[int, str]


# --- Weekly availability grid ---------------------------------------------------


def slot_value(weekday: int, part: str) -> str:
    return f"{weekday}:{part}"


AVAILABILITY_CHOICES = [
    (slot_value(day, part), f"{day_label}, {part_label}")
    for day, day_label in Availability.Weekday.choices
    for part, part_label in Availability.Part.choices
]


class AvailabilityGridWidget(forms.SelectMultiple):
    """Days as rows, parts of the day as columns, one checkbox per cell."""

    template_name = "registry/widgets/availability_grid.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in (value or [])}
        context["widget"]["parts"] = Availability.Part.choices
        context["widget"]["rows"] = [
            {
                "day": day_label,
                "cells": [
                    {
                        "value": slot_value(day, part),
                        "part": part_label,
                        "checked": slot_value(day, part) in chosen,
                    }
                    for part, part_label in Availability.Part.choices
                ],
            }
            for day, day_label in Availability.Weekday.choices
        ]
        return context

    def id_for_label(self, id_, index=None):
        return id_


class AvailabilityField(forms.MultipleChoiceField):
    """Weekly availability as a set of (weekday, part) pairs."""

    widget = AvailabilityGridWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("When can you help?"))
        kwargs.setdefault("required", False)
        super().__init__(choices=AVAILABILITY_CHOICES, **kwargs)

    def clean(self, value) -> set[Slot]:
        values = super().clean(value)
        slots = set()
        for item in values:
            day, part = item.split(":")
            slots.add((int(day), part))
        return slots

    @staticmethod
    def initial_for(volunteer: Volunteer) -> list[str]:
        return [slot_value(a.weekday, a.part) for a in volunteer.availability.all()]


# --- Possible duplicates --------------------------------------------------------


class DuplicateCheckMixin:
    """Warns before saving a record whose PESEL, e-mail or phone another record
    already has; the user opens the existing one or ticks "save anyway"."""

    duplicate_url_name: str = ""

    def add_duplicate_field(self) -> None:
        self.fields["save_anyway"] = forms.BooleanField(
            label=_("This is a different person: save anyway"),
            required=False,
        )
        self.duplicates = []

    def check_duplicates(self, cleaned_data: dict, queryset=None) -> None:
        if cleaned_data.get("save_anyway"):
            return
        self.duplicates = selectors.find_duplicates(
            self._meta.model,
            pesel=cleaned_data.get("pesel", ""),
            email=cleaned_data.get("email", ""),
            phone=cleaned_data.get("phone", ""),
            exclude_pk=self.instance.pk,
            queryset=queryset,
        )
        if self.duplicates:
            links = format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (reverse(self.duplicate_url_name, args=[d.record.pk]), d.record)
                    for d in self.duplicates
                ),
            )
            self.add_error(
                None,
                format_html(
                    "{} {}. {}",
                    _("A record with the same PESEL, e-mail or phone already exists:"),
                    links,
                    _(
                        "Open it instead, or tick “This is a different person: "
                        "save anyway”."
                    ),
                ),
            )


def _helper(submit_label, *layout) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*layout)
    helper.add_input(Submit("submit", submit_label))
    return helper


# --- Volunteer ------------------------------------------------------------------


class VolunteerForm(DuplicateCheckMixin, forms.ModelForm):
    duplicate_url_name = "registry:volunteer-detail"
    availability = AvailabilityField()

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "pesel",
            "email",
            "phone",
            "street",
            "postal_code",
            "city",
            "district",
            "reachable_districts",
            "skills",
            "interests",
            "languages",
            "has_driving_licence",
            "has_car",
            "max_hours_per_week",
            "sending_institution",
            "guardian_name",
            "guardian_phone",
            "guardian_email",
            "guardian_consent",
            "guardian_consent_on",
            "criminal_record_checked_on",
            "sex_offender_register_checked_on",
            "legal_basis",
            "notes",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "guardian_consent_on": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "criminal_record_checked_on": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "sex_offender_register_checked_on": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
            "reachable_districts": forms.CheckboxSelectMultiple,
            "skills": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_duplicate_field()
        for name in ("skills", "interests", "reachable_districts", "district"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(is_active=True)
        if self.instance.pk and not self.is_bound:
            self.initial["availability"] = AvailabilityField.initial_for(self.instance)
        self.helper = _helper(
            _("Save"),
            Fieldset(
                _("Personal data"),
                "first_name",
                "last_name",
                "birth_date",
                "pesel",
                "email",
                "phone",
            ),
            Fieldset(_("Address"), "street", "postal_code", "city", "district"),
            Fieldset(
                _("What and when"),
                "skills",
                "interests",
                "languages",
                "availability",
                "reachable_districts",
                "has_driving_licence",
                "has_car",
                "max_hours_per_week",
                "sending_institution",
            ),
            Fieldset(
                _("Legal guardian (volunteers under 18)"),
                "guardian_name",
                "guardian_phone",
                "guardian_email",
                "guardian_consent",
                "guardian_consent_on",
            ),
            Fieldset(
                _("Checks before work with children"),
                HTML(
                    '<p class="form-text">{}</p>'.format(
                        _(
                            "Record only the date of each check, never a copy "
                            "of the certificate."
                        )
                    )
                ),
                "criminal_record_checked_on",
                "sex_offender_register_checked_on",
            ),
            Fieldset(_("Other"), "legal_basis", "notes", "save_anyway"),
        )

    def clean_pesel(self) -> str:
        return (self.cleaned_data.get("pesel") or "").strip()

    def clean(self):
        cleaned_data = super().clean()
        self.check_duplicates(cleaned_data)
        return cleaned_data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        relations = ("skills", "interests", "reachable_districts", "availability")
        return {
            "fields": {
                name: data[name]
                for name in self._meta.fields
                if name in data and name not in relations
            },
            **{name: data[name] for name in relations},
        }


class HoneypotMixin(forms.Form):
    """A ``website`` field people never see (``honeypot_layout()`` hides it) and
    spam robots fill in; the public forms pretend to succeed for them."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


def honeypot_layout() -> Div:
    return Div("website", css_class="honeypot", aria_hidden="true")


class SignUpForm(HoneypotMixin, forms.ModelForm):
    """The public volunteer sign-up: what a resident can tell about themselves.

    Model validation (age limits, guardian, phone and postal code formats) is
    the same as on the staff form; the RODO consent is required, and the
    ``website`` field is a honeypot: people never see it, robots fill it in.
    """

    availability = AvailabilityField(
        help_text=_("Tick the parts of the week when you are usually free.")
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the information clause and consent to the processing of "
            "my personal data for the purposes of volunteering."
        ),
        error_messages={"required": _("Without this consent we cannot register you.")},
    )

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "email",
            "phone",
            "street",
            "postal_code",
            "city",
            "district",
            "reachable_districts",
            "skills",
            "interests",
            "languages",
            "has_driving_licence",
            "has_car",
            "max_hours_per_week",
            "guardian_name",
            "guardian_phone",
            "guardian_email",
            "guardian_consent",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "reachable_districts": forms.CheckboxSelectMultiple,
            "skills": forms.CheckboxSelectMultiple,
            "interests": forms.CheckboxSelectMultiple,
        }
        labels = {
            "reachable_districts": _("Where can you get to?"),
            "skills": _("What can you do?"),
            "interests": _("What kind of help interests you?"),
            "guardian_consent": _(
                "My legal guardian has given written consent to my volunteering"
            ),
        }
        help_texts = {
            "email": _("We will send the confirmation here."),
            "max_hours_per_week": _("At most 40."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        for name in ("skills", "interests", "reachable_districts", "district"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(is_active=True)
        self.helper = _helper(
            _("Sign up"),
            Fieldset(
                _("About you"),
                "first_name",
                "last_name",
                "birth_date",
                "email",
                "phone",
            ),
            Fieldset(_("Address"), "street", "postal_code", "city", "district"),
            Fieldset(
                _("How you would like to help"),
                "skills",
                "interests",
                "languages",
                "availability",
                "reachable_districts",
                "has_driving_licence",
                "has_car",
                "max_hours_per_week",
            ),
            Fieldset(
                _("Only if you are under 18: your legal guardian"),
                "guardian_name",
                "guardian_phone",
                "guardian_email",
                "guardian_consent",
            ),
            Fieldset(
                _("Your personal data"),
                HTML('{% include "volunteer_center/_privacy_clause.html" %}'),
                "consent",
            ),
            honeypot_layout(),
        )

    service_kwargs = VolunteerForm.service_kwargs


# --- Beneficiary ----------------------------------------------------------------


class BeneficiaryForm(DuplicateCheckMixin, forms.ModelForm):
    duplicate_url_name = "registry:beneficiary-detail"

    class Meta:
        model = Beneficiary
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "phone",
            "email",
            "street",
            "postal_code",
            "city",
            "district",
            "preferred_contact",
            "needs",
            "social_worker",
            "status",
            "legal_basis",
            "notes",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "needs": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.add_duplicate_field()
        if user.has_perm("registry.view_all_beneficiaries"):
            from django.contrib.auth import get_user_model

            self.fields["social_worker"].queryset = (
                get_user_model()
                .objects.filter(groups__name="Pracownik socjalny", is_active=True)
                .order_by("last_name", "first_name")
            )
        else:
            # A social worker keeps their own beneficiaries.
            del self.fields["social_worker"]
        self.helper = _helper(_("Save"), *self.fields)

    def clean(self):
        cleaned_data = super().clean()
        self.check_duplicates(
            cleaned_data, queryset=Beneficiary.objects.visible_to(self.user)
        )
        return cleaned_data

    def service_kwargs(self) -> dict:
        return {
            "fields": {
                name: self.cleaned_data[name]
                for name in self._meta.fields
                if name in self.cleaned_data
            }
        }


# --- Institution ----------------------------------------------------------------


class InstitutionForm(forms.ModelForm):
    # Accept "526-025-02-74"; the digits are stored.
    nip = forms.CharField(label=_("NIP"), required=False, max_length=20)
    regon = forms.CharField(label=_("REGON"), required=False, max_length=20)

    class Meta:
        model = Institution
        fields = [
            "name",
            "kind",
            "receives_help",
            "sends_volunteers",
            "programme_partner",
            "nip",
            "regon",
            "krs",
            "street",
            "postal_code",
            "city",
            "district",
            "phone",
            "email",
            "website",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save"), *self.fields)

    def clean_nip(self) -> str:
        return validators.normalize_nip(self.cleaned_data.get("nip", ""))

    def clean_regon(self) -> str:
        return validators.normalize_regon(self.cleaned_data.get("regon", ""))

    def clean(self):
        cleaned_data = super().clean()
        for field in ("nip", "regon"):
            value = cleaned_data.get(field)
            if not value:
                continue
            clash = Institution.objects.filter(**{field: value}).exclude(
                pk=self.instance.pk
            )
            existing = clash.first()
            if existing is not None:
                self.add_error(
                    field,
                    format_html(
                        '{} <a href="{}">{}</a>',
                        _("Another institution has this number:"),
                        reverse("registry:institution-detail", args=[existing.pk]),
                        existing,
                    ),
                )
        return cleaned_data

    def service_kwargs(self) -> dict:
        return {
            "fields": {
                name: self.cleaned_data[name]
                for name in self._meta.fields
                if name in self.cleaned_data
            }
        }


# --- Consultations ---------------------------------------------------------------


class ConsultationForm(forms.ModelForm):
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
            "volunteer",
            "beneficiary",
            "institution",
            "walk_in_name",
            "walk_in_phone",
            "walk_in_email",
            "advisor",
            "notes",
            "follow_up",
            "follow_up_due",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "follow_up_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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
        self.helper = _helper(
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
                "volunteer",
                "beneficiary",
                "institution",
                "walk_in_name",
                "walk_in_phone",
                "walk_in_email",
            ),
            Fieldset(
                _("Advice and follow-up"),
                "advisor",
                "notes",
                "follow_up",
                "follow_up_due",
            ),
        )

    def service_kwargs(self) -> dict:
        return {
            "fields": {
                name: self.cleaned_data[name]
                for name in self._meta.fields
                if name in self.cleaned_data
            }
        }


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
        label=_(
            "I consent to the processing of my personal data to arrange and hold "
            "this consultation, as described in the information clause above."
        ),
    )

    def __init__(self, *args, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"] = SlotChoiceField(
            slots=slots, label=self.fields["slot"].label
        )
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.helper = _helper(
            _("Book the visit"),
            "slot",
            "name",
            "phone",
            "email",
            "topic",
            HTML('{% include "registry/_consultation_privacy_clause.html" %}'),
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
