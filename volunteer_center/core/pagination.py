"""Pages of long lists that cost the same deep in the list as at its start."""

from django.core.paginator import Paginator
from django.db.models import QuerySet


class IndexPaginator(Paginator):
    """Django's paginator, except that a page past the first picks its rows
    by id first: ``WHERE id IN (SELECT id … ORDER BY … LIMIT 25 OFFSET n)``.
    The inner query skips the first n entries of the list's order index
    without visiting the table (an index-only scan where the index covers the
    order and the filter, e.g. ``volunteer_list_order_idx``), the outer one
    reads the page's 25 rows with their relations. Still one query per page,
    and the page links stay ``?page=N``. The first page is a plain LIMIT."""

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
