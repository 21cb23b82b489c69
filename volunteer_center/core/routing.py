"""The addresses of a register's pages, written once (as a router gives a
viewset's): see ``resource``."""

from django.urls import path

RECORD = "<int:pk>/"


def resource(
    route: str, name: str, views, model: str, *, new: str = "", status: bool = False
) -> list:
    """The conventional paths of a register ``route`` (``"wolontariusze/"``):

    ============  =====================  ======================
    name          path                   view in ``views``
    ============  =====================  ======================
    name-list     route                  ``<model>ListView``
    name-create   route + new            ``<model>CreateView``
    name-detail   route<int:pk>/         ``<model>DetailView``
    name-update   route<int:pk>/edycja/  ``<model>UpdateView``
    name-status   route<int:pk>/status/  ``<model>StatusView``
    ============  =====================  ======================

    A "new" page is there when ``new`` names its segment (``"nowy/"``,
    ``"nowa/"``, ``"nowe/"``: Polish says it in the register's gender), the
    status action with ``status``. A register's other pages are written out
    beside it with ``path``.
    """
    pages = [("list", ""), ("detail", RECORD), ("update", f"{RECORD}edycja/")]
    if new:
        pages.insert(1, ("create", new))
    if status:
        pages.append(("status", f"{RECORD}status/"))
    return [
        path(
            route + segment,
            getattr(views, f"{model}{page.title()}View").as_view(),
            name=f"{name}-{page}",
        )
        for page, segment in pages
    ]
