"""geo stage: place names in news text, recognised and resolved to GeoNames entries offline.

Public API: ``geoparse``, ``geoparse_many``, ``geo_precision``, ``geoparse_lines``,
``is_dateline``, ``GeoContext``, ``get_gazetteer`` / ``Gazetteer``, ``import_geonames_dump``.
"""

from .dump import import_geonames_dump
from .gazetteer import Gazetteer, distance_km, get_gazetteer
from .parse import GeoContext, geo_precision, geoparse, geoparse_lines, geoparse_many, is_dateline

__all__ = [
    "Gazetteer",
    "GeoContext",
    "distance_km",
    "geo_precision",
    "geoparse",
    "geoparse_lines",
    "geoparse_many",
    "get_gazetteer",
    "import_geonames_dump",
    "is_dateline",
]
