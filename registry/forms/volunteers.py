"""The volunteer's staff form and the public sign-up form."""

from crispy_forms.layout import HTML, Fieldset
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from registry.forms.fields import (
    AvailabilityField,
    DuplicateCheckMixin,
    HoneypotMixin,
    duplicate_choice_layout,
    honeypot_layout,
)
from registry.models import (
    CONTACT_AND_OFFER,
    GUARDIAN,
    Volunteer,
)
from volunteer_center.core.forms import DATE_INPUT, ServiceFieldsMixin, submit_helper

# Who the volunteer is, as both forms ask it first.
IDENTITY = ["first_name", "last_name", "birth_date", "gender"]
# Both forms offer the dictionaries as ticks, and only their entries in use.
WIDGETS = {
    "birth_date": DATE_INPUT,
    "reachable_districts": forms.CheckboxSelectMultiple,
    "skills": forms.CheckboxSelectMultiple,
    "interests": forms.CheckboxSelectMultiple,
}


# The model's check ``volunteer_max_hours_range``, said by the form field
# (and the browser) next to it.
MAX_HOURS = (1, 40)


def offer_active_entries(form: forms.ModelForm) -> None:
    for name in ("skills", "interests", "reachable_districts", "district"):
        field = form.fields[name]
        field.queryset = field.queryset.filter(is_active=True)
    limit_max_hours(form.fields["max_hours_per_week"])


def limit_max_hours(field: forms.IntegerField) -> None:
    """The weekly hours between 1 and 40, as the model's check has them, with
    the check's message next to the field."""
    low, high = MAX_HOURS
    field.min_value, field.max_value = low, high
    field.widget.attrs.update({"min": str(low), "max": str(high)})
    field.validators += [MinValueValidator(low), MaxValueValidator(high)]
    message = _("The maximum hours per week must be between 1 and 40.")
    field.error_messages.update({"min_value": message, "max_value": message})


# The offer's fields in the order both forms show them (availability is a
# form field of its own, between the languages and the districts).
OFFER_LAYOUT = [
    "skills",
    "interests",
    "languages",
    "availability",
    "reachable_districts",
    "has_driving_licence",
    "has_car",
    "max_hours_per_week",
]


class VolunteerForm(DuplicateCheckMixin, ServiceFieldsMixin, forms.ModelForm):
    duplicate_url_name = "registry:volunteer-detail"
    # The coordinator fills it in about the volunteer.
    availability = AvailabilityField(
        label=_("When can the volunteer help?"),
        caption=_(
            "Weekly availability: tick the parts of the day when the volunteer "
            "can help."
        ),
    )

    class Meta:
        model = Volunteer
        fields = [
            *IDENTITY,
            "pesel",
            *CONTACT_AND_OFFER,
            "sending_institution",
            *GUARDIAN,
            "legal_basis",
            "notes",
        ]
        widgets = {**WIDGETS, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_duplicate_field()
        offer_active_entries(self)
        if self.instance.pk and not self.is_bound:
            self.initial["availability"] = AvailabilityField.initial_for(self.instance)
        self.helper = submit_helper(
            _("Save"),
            Fieldset(
                _("Personal data"),
                "first_name",
                "last_name",
                "birth_date",
                "gender",
                "pesel",
                "email",
                "phone",
            ),
            Fieldset(_("Address"), "street", "postal_code", "city", "district"),
            Fieldset(
                _("What and when"),
                *OFFER_LAYOUT,
                "sending_institution",
            ),
            Fieldset(
                _("Legal representative (volunteers under 18)"),
                HTML(
                    '<p class="form-text">{}</p>'.format(
                        _(
                            "The consent comes from the parent or legal guardian: "
                            "by the link sent to their e-mail, or recorded on the "
                            "volunteer's page when it was given in writing."
                        )
                    )
                ),
                *GUARDIAN,
            ),
            Fieldset(_("Other"), "legal_basis", "notes", duplicate_choice_layout()),
        )

    def clean_pesel(self) -> str:
        return (self.cleaned_data.get("pesel") or "").strip()

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        relations = ("skills", "interests", "reachable_districts", "availability")
        return {
            "fields": self.model_fields(leave_out=relations),
            **{name: data[name] for name in relations},
            **(self.duplicate_kwargs() if "save_anyway" in self.fields else {}),
        }


class SignUpForm(HoneypotMixin, ServiceFieldsMixin, forms.ModelForm):
    """The public volunteer sign-up: what a resident can tell about themselves.

    Model validation (age limits, guardian, phone and postal code formats) is
    the same as on the staff form. The person confirms reading the information
    clause (the processing rests on the OPS's public task, not on consent);
    the consents to news and to photographs are voluntary. The ``website``
    field is a honeypot: people never see it, robots fill it in.
    """

    availability = AvailabilityField(
        help_text=_("Tick the parts of the week when you are usually free.")
    )
    consent = forms.BooleanField(
        label=_("I have read the information on the processing of my personal data."),
        error_messages={
            "required": _("Please read the information on your personal data.")
        },
    )
    newsletter_consent = forms.BooleanField(
        label=_(
            "I agree to get news of the centre's campaigns and events by e-mail "
            "(voluntary; you can withdraw it at any time)."
        ),
        required=False,
    )
    image_consent = forms.BooleanField(
        label=_(
            "I agree that photographs of me taken while volunteering may be "
            "published by the OPS (voluntary; you can withdraw it at any time)."
        ),
        required=False,
    )

    class Meta:
        model = Volunteer
        fields = [*IDENTITY, *CONTACT_AND_OFFER, *GUARDIAN]
        widgets = WIDGETS
        labels = {
            "reachable_districts": _("Where can you get to?"),
            "skills": _("What can you do?"),
            "interests": _("What kind of help interests you?"),
            "guardian_name": _("Name of your parent or legal guardian"),
            "guardian_phone": _("Their phone"),
            "guardian_email": _("Their e-mail"),
        }
        help_texts = {
            "email": _("We will send the confirmation here."),
            "max_hours_per_week": _("At most 40."),
            # The sign-up asks no PESEL to fill it in from.
            "gender": _(
                "Decides the wording of your agreement and certificates "
                "('zwana'/'zwany')."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        offer_active_entries(self)
        self.helper = submit_helper(
            _("Sign up"),
            Fieldset(
                _("About you"),
                "first_name",
                "last_name",
                "birth_date",
                "gender",
                "email",
                "phone",
            ),
            Fieldset(_("Address"), "street", "postal_code", "city", "district"),
            Fieldset(
                _("How you would like to help"),
                *OFFER_LAYOUT,
            ),
            Fieldset(
                _("Only if you are under 18: your parent or legal guardian"),
                HTML(
                    '<p class="form-text">{}</p>'.format(
                        _(
                            "Your parent or legal guardian decides whether you may "
                            "volunteer (art. 17 of the Civil Code). We will send "
                            "them an e-mail with a link to give their consent, or "
                            "they can sign it at the centre."
                        )
                    )
                ),
                *GUARDIAN,
            ),
            Fieldset(
                _("Your personal data"),
                HTML('{% include "core/privacy/_volunteer.html" %}'),
                "consent",
                "newsletter_consent",
                "image_consent",
            ),
            honeypot_layout(),
        )

    def service_kwargs(self) -> dict:
        return {
            **VolunteerForm.service_kwargs(self),
            "voluntary_consents": [
                purpose
                for purpose in ("newsletter", "image")
                if self.cleaned_data.get(f"{purpose}_consent")
            ],
        }
