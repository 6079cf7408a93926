"""The mandatory-national-standard catalogue (强制性国家标准目录): data model, loading and validation, lookups,
units, limit comparison, subject-overlap matching and CSV import. Nothing here knows about rules or findings;
the `mandatory` kinds (tstd.engine.kinds.mandatory) turn what it answers into hits.
"""

from tstd.catalog.index import Catalogue, Resolution, State
from tstd.catalog.load import CatalogueError, load_catalogue
from tstd.catalog.model import Confidence, Entry, Limit, Status

__all__ = ["Catalogue", "CatalogueError", "Confidence", "Entry", "Limit", "Resolution", "State", "Status",
           "load_catalogue"]
