"""Who may open each staff URL of agreements (docs/ARCHITECTURE.md, Roles): the
coordinator only; the administrator edits agreement texts in the admin."""

C, S, A = "coordinator", "social_worker", "administrator"

ACCESS = {
    "agreements:agreement-list": {C},
    "agreements:agreement-choose-party": {C},
    "agreements:agreement-create": {C},
    "agreements:agreement-detail": {C},
    "agreements:agreement-update": {C},
    "agreements:agreement-action": {C},
    "agreements:agreement-pdf": {C},
    "agreements:agreement-scan-upload": {C},
    "agreements:agreement-scan": {C},
    "agreements:certificate-create": {C},
    "agreements:certificate-pdf": {C},
    "agreements:reference-create": {C},
    "agreements:reference-pdf": {C},
    "agreements:batch-create": {C},
    "agreements:batch-detail": {C},
    "agreements:batch-progress": {C},
    "agreements:batch-download": {C},
}

POST_ONLY = {"agreements:agreement-action"}
