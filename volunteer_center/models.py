from django.db import models
from django.utils.translation import gettext_lazy as _


class Dashboard(models.Model):
    """Holds the permissions of the top layer's pages (the dashboard and the
    report); it has no table."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("view_dashboard", _("Can see the coordinator's dashboard"))]
        verbose_name = _("dashboard")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)
