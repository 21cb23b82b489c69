"""The roles of docs/ARCHITECTURE.md as groups, and the permissions each one holds.

The table below is the single source of truth: a migration creates the groups
and, after every ``migrate``, ``sync_role_permissions`` gives each group exactly
the permissions whose ``app_label.codename`` matches one of its patterns.
"""

from fnmatch import fnmatchcase

COORDINATOR = "coordinator"
SOCIAL_WORKER = "social_worker"
ADMINISTRATOR = "administrator"

# Group names are data shown in the admin, so they are in Polish.
ROLE_GROUPS = {
    COORDINATOR: "Koordynator",
    SOCIAL_WORKER: "Pracownik socjalny",
    ADMINISTRATOR: "Administrator",
}

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # Everything in registry, matching and agreements; sees all data.
    COORDINATOR: (
        "registry.*",
        "matching.*",
        "agreements.*",
        "volunteer_center.view_dashboard",
        "volunteer_area.*",
    ),
    # Help requests for their own beneficiaries; querysets narrow this to
    # "own" and volunteers' contact to assignments on those requests.
    SOCIAL_WORKER: (
        "registry.view_beneficiary",
        "registry.add_beneficiary",
        "registry.change_beneficiary",
        "matching.view_helprequest",
        "matching.add_helprequest",
        "matching.change_helprequest",
    ),
    # Users, dictionaries, agreement texts, the audit log; Django admin.
    ADMINISTRATOR: (
        "auth.*",
        "registry.*_skill",
        "registry.*_district",
        "registry.*_category",
        "registry.*_consultationtopic",
        "registry.*_officehours",
        "registry.*_closureday",
        "agreements.*_agreementtemplate",
        "agreements.*_signatory",
        "agreements.*_safetyinformation",
        "core.*_childprotectionstandards",
        "core.*_accessibilitystatement",
        "core.view_accesslog",
        # Who exported which list in the background (the files stay private).
        "core.view_exportjob",
    ),
}


def role_permission_codes(role: str, available: list[str]) -> list[str]:
    patterns = ROLE_PERMISSIONS[role]
    return [code for code in available if any(fnmatchcase(code, p) for p in patterns)]


def sync_role_permissions(sender=None, using="default", apps=None, **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    permissions = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).select_related("content_type")
    }
    for role, group_name in ROLE_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        codes = role_permission_codes(role, sorted(permissions))
        group.permissions.set([permissions[code] for code in codes])
