"""The volunteer area's URLs are not staff URLs: a volunteer signs in with an
e-mailed link, and without it every page goes to the area's own sign-in
(tests/volunteer_area/test_sign_in.py)."""

ACCESS: dict[str, set] = {}
PUBLIC = {
    "volunteer_area:home",
    "volunteer_area:sign-in",
    "volunteer_area:sign-in-link",
    "volunteer_area:sign-out",
    "volunteer_area:assignment",
    "volunteer_area:answer",
    "volunteer_area:call-off",
    # The reminder's signed link for one visit (volunteer_area.links).
    "volunteer_area:call-off-link",
    "volunteer_area:profile",
    "volunteer_area:hours",
    "volunteer_area:documents",
    "volunteer_area:agreement-pdf",
    "volunteer_area:certificate-pdf",
    "volunteer_area:reference-pdf",
    "volunteer_area:my-data",
    "volunteer_area:data-download",
    "volunteer_area:sms-consent",
    "volunteer_area:calendar-renew",
}
