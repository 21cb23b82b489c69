"""Who may open each staff URL of the register (docs/ARCHITECTURE.md, Roles)."""

C, S, A = "coordinator", "social_worker", "administrator"

ACCESS = {
    "registry:volunteer-list": {C},
    "registry:volunteer-create": {C},
    "registry:volunteer-detail": {C},
    "registry:volunteer-update": {C},
    "registry:volunteer-status": {C},
    "registry:volunteer-export-data": {C},
    "registry:volunteer-anonymise": {C},
    "registry:volunteer-guardian-consent": {C},
    "registry:volunteer-vetting": {C},
    "registry:beneficiary-list": {C, S},
    "registry:beneficiary-create": {C, S},
    "registry:beneficiary-detail": {C, S},
    "registry:beneficiary-update": {C, S},
    "registry:beneficiary-anonymise": {C},
    "registry:beneficiary-privacy-notice": {C, S},
    "registry:beneficiary-export-data": {C, S},
    "registry:volunteer-privacy-notice": {C},
    "registry:volunteer-consent-withdraw": {C},
    "registry:institution-list": {C},
    "registry:institution-create": {C},
    "registry:institution-detail": {C},
    "registry:institution-update": {C},
    "registry:consultation-list": {C},
    "registry:consultation-create": {C},
    "registry:consultation-detail": {C},
    "registry:consultation-person-data": {C},
    "registry:consultation-update": {C},
    "registry:consultation-status": {C},
}

# The page a minor's legal representative opens from the e-mailed link: it is
# guarded by the single-use token in its address.
PUBLIC = {"registry:guardian-consent"}
