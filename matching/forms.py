from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from matching import selectors
from matching.models import HelpRequest, HoursEntry, Programme
from registry.models import Availability, Beneficiary, Institution
from volunteer_center.core.forms import (
    DATE_INPUT,
    PlausibleDateField,
    RowForm,
    RowsFormMixin,
    ServiceFieldsMixin,
    check_period,
    submit_helper,
)

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class HelpRequestForm(ServiceFieldsMixin, forms.ModelForm):
    """One form for both schedules: a one-off visit on ``date_from``, or the
    chosen weekdays between ``date_from`` and ``date_to``, at the same hours."""

    start_time = forms.TimeField(label=_("from (time)"), widget=TIME)
    end_time = forms.TimeField(label=_("until (time)"), widget=TIME)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays (weekly requests)"),
        choices=Availability.Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = HelpRequest
        fields = [
            "beneficiary",
            "institution",
            "title",
            "category",
            "description",
            "required_skills",
            "nice_skills",
            "district",
            "address",
            "kind",
            "date_from",
            "date_to",
            "needed",
            "adults_only",
            "involves_minors",
            "driving_licence_required",
            "urgency",
            "programme",
        ]
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "required_skills": forms.CheckboxSelectMultiple,
            "nice_skills": forms.CheckboxSelectMultiple,
            "kind": forms.RadioSelect,
        }
        help_texts = {
            "date_to": _("For a one-off request leave it empty."),
            "address": _(
                "Leave the address and the district empty when the help is given "
                "at the beneficiary's or institution's address."
            ),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["date_to"].required = False
        needed = self.fields["needed"]
        needed.widget.attrs.update({"min": "1", "max": "50"})
        needed.validators += [
            MinValueValidator(1, message=_("At least one volunteer.")),
            MaxValueValidator(50, message=_("At most 50 volunteers per request.")),
        ]
        self._limit_choices(user)
        if self.instance.pk and not self.is_bound:
            slots = list(self.instance.slots.all())
            if slots:
                self.initial["start_time"] = slots[0].start
                self.initial["end_time"] = slots[0].end
                self.initial["weekdays"] = [s.weekday for s in slots]
        self.helper = self._layout()

    def _limit_choices(self, user) -> None:
        self.fields["beneficiary"].queryset = Beneficiary.objects.visible_to(user)
        if not user.has_perm("matching.view_all_helprequests"):
            # A social worker files requests for their own beneficiaries only.
            del self.fields["institution"]
            del self.fields["programme"]
            beneficiary = self.fields["beneficiary"]
            beneficiary.required = True
            beneficiary.error_messages["required"] = _("Choose the beneficiary.")
        else:
            self.fields["institution"].queryset = Institution.objects.filter(
                receives_help=True
            )
        for name in ("required_skills", "nice_skills", "category", "district"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(is_active=True)

    def _layout(self) -> FormHelper:
        party = [f for f in ("beneficiary", "institution") if f in self.fields]
        return submit_helper(
            _("Save"),
            Fieldset(_("For whom"), *party),
            Fieldset(
                _("What"),
                "title",
                "category",
                "description",
                "required_skills",
                "nice_skills",
            ),
            Fieldset(_("Where"), "district", "address"),
            Fieldset(
                _("When"),
                "kind",
                "date_from",
                "date_to",
                "weekdays",
                "start_time",
                "end_time",
            ),
            Fieldset(
                _("Who and how many"),
                "needed",
                "adults_only",
                "involves_minors",
                "driving_licence_required",
                "urgency",
                *(["programme"] if "programme" in self.fields else []),
            ),
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be later than the start."))
        kind = data.get("kind")
        if kind == HelpRequest.Kind.ONCE and data.get("date_from"):
            data["date_to"] = data["date_from"]
            self.instance.date_to = data["date_from"]
        elif kind == HelpRequest.Kind.WEEKLY:
            if not data.get("weekdays"):
                self.add_error("weekdays", _("Choose at least one weekday."))
            if not data.get("date_to"):
                self.add_error("date_to", _("A weekly request needs an end date."))
            check_period(self, data)
        # For whom: the social worker's form, with only the beneficiary, says
        # it is needed next to the field; the coordinator's either-or is the
        # model's check ``helprequest_one_party``, said once above the form.
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        start, end = data["start_time"], data["end_time"]
        if data["kind"] == HelpRequest.Kind.ONCE:
            slots = [(data["date_from"].weekday(), start, end)]
        else:
            slots = [(day, start, end) for day in data["weekdays"]]
        relations = {"required_skills", "nice_skills"}
        return {
            "fields": self.model_fields(leave_out=relations),
            "slots": slots,
            "required_skills": data["required_skills"],
            "nice_skills": data["nice_skills"],
        }


class HoursEntryForm(forms.ModelForm):
    class Meta:
        model = HoursEntry
        fields = ["date", "hours", "note"]
        widgets = {"date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hours = self.fields["hours"]
        hours.widget.attrs.update({"min": "0.25", "max": "24", "step": "0.25"})
        hours.validators += [
            MinValueValidator(
                Decimal("0.25"), message=_("Enter at least a quarter of an hour.")
            ),
            MaxValueValidator(24, message=_("A day has at most 24 hours.")),
        ]
        self.helper = submit_helper(_("Log hours"), "date", "hours", "note")


class HoursApproveForm(forms.Form):
    """The entries ticked on the hours list: an id that is no number, or an
    entry the user may not see, is refused rather than a server error."""

    entry = forms.ModelMultipleChoiceField(queryset=HoursEntry.objects.none())

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].queryset = entries


class HoursCorrectionForm(forms.Form):
    """A correction or rejection of one entry, with its reason."""

    date = PlausibleDateField(label=_("date"))
    hours = forms.DecimalField(
        label=_("hours"),
        min_value=Decimal("0.25"),
        max_value=24,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.25"}),
    )
    reason = forms.CharField(label=_("reason"), max_length=300)


class ProgrammePartnerRow(RowForm):
    """One partner institution of a programme and its role in it."""

    needed = "institution"
    needed_message = _("Choose the institution.")

    institution = forms.ModelChoiceField(
        label=_("institution"), queryset=Institution.objects.all()
    )
    role = forms.CharField(label=_("role in the programme"), max_length=200)


class ProgrammeForm(RowsFormMixin, ServiceFieldsMixin, forms.ModelForm):
    rows_form = ProgrammePartnerRow
    rows_prefix = "partners"
    rows_title = _("Partner institutions")

    class Meta:
        model = Programme
        fields = ["name", "description", "date_from", "date_to", "coordinator"]
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(
            _("Save"),
            "name",
            "description",
            "date_from",
            "date_to",
            "coordinator",
            self.rows_layout(),
        )

    def rows_initial(self) -> list[dict]:
        if not self.instance.pk:
            return []
        return list(self.instance.programmepartner_set.values("institution", "role"))

    def partners(self) -> list[tuple] | None:
        rows = self.rows()
        if rows is None:
            return None
        return [(row["institution"], row["role"]) for row in rows]

    def service_kwargs(self) -> dict:
        return {"fields": self.model_fields(), "partners": self.partners()}

    def clean(self):
        data = super().clean()
        check_period(self, data)
        if self.rows_formset is not None and self.rows_formset.is_valid():
            chosen = [row["institution"] for row in self.rows()]
            if len(chosen) != len(set(chosen)):
                self.add_error(None, _("Each institution is a partner once."))
        return data


class HostHoursForm(forms.Form):
    """One hours field and one note per entry of the request, prefilled with
    what the volunteer logged, and the name of the person confirming."""

    confirmed_by = forms.CharField(label=_("Your first and last name"), max_length=200)

    def __init__(self, help_request, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(selectors.host_entries(help_request))
        for entry in self.entries:
            self.fields[f"hours_{entry.pk}"] = forms.DecimalField(
                label=_("hours"),
                min_value=Decimal("0.25"),
                max_value=24,
                decimal_places=2,
                initial=entry.host_hours or entry.hours,
            )
            self.fields[f"note_{entry.pk}"] = forms.CharField(
                label=_("note"), max_length=300, required=False
            )

    def rows(self):
        return [
            (entry, self[f"hours_{entry.pk}"], self[f"note_{entry.pk}"])
            for entry in self.entries
        ]

    def corrections(self) -> dict:
        return {
            entry.pk: (
                self.cleaned_data[f"hours_{entry.pk}"],
                self.cleaned_data[f"note_{entry.pk}"],
            )
            for entry in self.entries
        }
