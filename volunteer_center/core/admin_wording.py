"""The Django admin's sentences that put a model's name into a phrase, said
here again so that the project's catalogue (locale/pl) words them in Polish.

Django's Polish catalogue puts the name where the grammar wants another case
("Wybierz wolontariusz do zmiany", "Dodaj prośba o pomoc") or writes every
ending at once ("został(a)(-ło) dodany(-na)(-ne)"). A model's verbose name is
in the nominative, so the project's Polish says each of these sentences with
the name after a colon or in brackets, where the nominative is right
("Wybierz do zmiany: wolontariusz", "Dodano: prośba o pomoc „…”").

Nothing imports this module: `makemessages` reads the msgids from it, and a
translation in LOCALE_PATHS takes precedence over the admin's own
(docs/ARCHITECTURE.md, "Conventions every layer follows": Strings). Each
msgid is copied letter for letter from django/contrib/admin; a test checks
that the admin still uses each one.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

SENTENCES = (
    # Page titles and the buttons, links and labels that name the model.
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Select %s"),
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    gettext_noop("Cannot delete %(name)s"),
    # What the admin says after a save or a deletion.
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop(
        "The {name} “{obj}” was added successfully. You may add another {name} below."
    ),
    gettext_noop(
        "The {name} “{obj}” was changed successfully. You may edit it again below."
    ),
    gettext_noop(
        "The {name} “{obj}” was changed successfully. You may add another {name} below."
    ),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    # The admin's own log of changes.
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    # The deletion pages.
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following "
        "protected related objects: %(related_objects)s"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting "
        "related objects, but your account doesn't have permission to delete the "
        "following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting "
        "the following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? "
        "All of the following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related "
        "objects, but your account doesn't have permission to delete the following "
        "types of objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? All of the "
        "following objects and their related items will be deleted:"
    ),
    # Said to a signed-in person whose account may not see the page.
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access "
        "this page. Would you like to login to a different account?"
    ),
)

CHANGED_IN_THE_LIST = ngettext_lazy(
    "%(count)s %(name)s was changed successfully.",
    "%(count)s %(name)s were changed successfully.",
    "count",
)
