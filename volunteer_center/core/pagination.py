"""Pages of long lists that cost the same deep in the list as at its start."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

from volunteer_center.core.figures import counted


class IndexPaginator(Paginator):
    """Django's paginator, except that a page past the first picks its rows
    by id first: ``WHERE id IN (SELECT id … ORDER BY … LIMIT 25 OFFSET n)``.
    The inner query skips the first n entries of the list's order index
    without visiting the table (an index-only scan where the index covers the
    order and the filter, e.g. ``volunteer_list_order_idx``), the outer one
    reads the page's 25 rows with their relations. Still one query per page,
    and the page links stay ``?page=N``. The first page is a plain LIMIT.

    With ``count_depends_on`` (the models whose tables the list's rows come
    from, each leaving a change-history row at every write that could change
    the list) the count is kept while those tables stand as they are
    (``core.figures.counted``)."""

    def __init__(self, *args, count_depends_on=(), tables=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_depends_on = tuple(count_depends_on)
        self.tables = tables

    @cached_property
    def count(self):
        rows = self.object_list
        if self.count_depends_on and isinstance(rows, QuerySet):
            return counted(rows, depends_on=self.count_depends_on, tables=self.tables)
        return super().count

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = self.object_list
        if not bottom or not isinstance(rows, QuerySet) or rows.query.distinct:
            # DISTINCT puts the order's columns into the inner SELECT, which
            # an id IN (…) cannot take.
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = rows.values("pk")[bottom:top]
        return self._get_page(rows.filter(pk__in=ids), number, self)
