"""The e-mail channel, the default: Django's mail API (console locally, SMTP
by settings)."""
