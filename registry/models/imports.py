"""A large file imported by the task queue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteer_center.core.constraints import done_within_total
from volunteer_center.core.models import BackgroundJob, CountedProgress


class ImportJob(CountedProgress, BackgroundJob):
    """A CSV or XLSX file too large to import while the page waits: the task
    queue imports it, all or nothing like any import, and its page shows how
    far it got, then what was saved or which rows were rejected."""

    class Kind(models.TextChoices):
        VOLUNTEERS = "volunteer", _("volunteers")
        INSTITUTIONS = "institution", _("institutions")

    kind = models.CharField(_("what"), max_length=12, choices=Kind.choices)
    file_name = models.CharField(_("file"), max_length=200)
    # The index of the format among registry.import_formats.IMPORT_FORMATS.
    file_format = models.PositiveSmallIntegerField(_("format"))
    # The file itself, emptied once imported: it holds personal data.
    data = models.BinaryField(_("file contents"), blank=True)
    total = models.PositiveIntegerField(_("rows"), default=0)
    done = models.PositiveIntegerField(_("rows read"), default=0)
    # Counts of new, updated and unchanged rows, or the rejected rows.
    result = models.JSONField(_("result"), default=dict, blank=True)

    class Meta(BackgroundJob.Meta):
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        constraints = [
            done_within_total("importjob", _("More rows are read than the file has."))
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"
