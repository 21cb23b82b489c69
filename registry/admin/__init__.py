"""The register in the Django admin; Django's autodiscovery imports this
package, which registers each part."""

from registry.admin import dictionaries, people
from registry.advice import admin as advice

__all__ = ["advice", "dictionaries", "people"]
