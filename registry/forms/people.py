"""Staff forms for beneficiaries and institutions."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry import validators
from registry.forms.fields import DuplicateCheckMixin, duplicate_choice_layout
from registry.models import (
    INSTITUTION_FIELDS,
    Beneficiary,
    Institution,
)
from volunteer_center.core.forms import (
    DATE_INPUT,
    RowForm,
    RowsFormMixin,
    ServiceFieldsMixin,
    submit_helper,
)


class BeneficiaryForm(DuplicateCheckMixin, ServiceFieldsMixin, forms.ModelForm):
    duplicate_url_name = "registry:beneficiary-detail"

    class Meta:
        model = Beneficiary
        fields = [
            "first_name",
            "last_name",
            "birth_date",
            "gender",
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
            "birth_date": DATE_INPUT,
            "needs": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            # A beneficiary has no PESEL to fill it in from.
            "gender": _(
                "Decides the wording of agreements and certificates ('zwana'/'zwany')."
            ),
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
        self.helper = submit_helper(
            _("Save"),
            *(
                duplicate_choice_layout() if name == "save_anyway" else name
                for name in self.fields
            ),
        )

    def service_kwargs(self) -> dict:
        return {**super().service_kwargs(), **self.duplicate_kwargs()}


class ContactPersonRow(RowForm):
    """One contact person of an institution, on the institution's form."""

    needed = "name"
    needed_message = _("Give the contact person's name.")

    id = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("first and last name"), max_length=200)
    position = forms.CharField(label=_("position"), max_length=120)
    phone = forms.CharField(
        label=_("phone"),
        max_length=16,
        validators=[validators.validate_phone],
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    email = forms.EmailField(label=_("e-mail"))


class InstitutionForm(RowsFormMixin, ServiceFieldsMixin, forms.ModelForm):
    rows_form = ContactPersonRow
    rows_prefix = "contacts"
    rows_title = _("Contact persons")

    # Accept "526-025-02-74"; the digits are stored.
    nip = forms.CharField(label=_("NIP"), required=False, max_length=20)
    regon = forms.CharField(label=_("REGON"), required=False, max_length=20)

    class Meta:
        model = Institution
        fields = INSTITUTION_FIELDS
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"), *self.fields, self.rows_layout())

    def rows_initial(self) -> list[dict]:
        if not self.instance.pk:
            return []
        return list(
            self.instance.contacts.values("id", "name", "position", "phone", "email")
        )

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
        return {"fields": self.model_fields(), "contacts": self.rows()}
