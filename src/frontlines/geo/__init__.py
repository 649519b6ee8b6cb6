"""geo stage: place names in news text, recognised and resolved to GeoNames entries offline.

Public API: ``geoparse``, ``geo_precision``, ``geoparse_lines``, ``GeoContext``,
``get_gazetteer`` / ``Gazetteer``.
"""

from .gazetteer import Gazetteer, distance_km, get_gazetteer
from .parse import GeoContext, geo_precision, geoparse, geoparse_lines

__all__ = [
    "Gazetteer",
    "GeoContext",
    "distance_km",
    "geo_precision",
    "geoparse",
    "geoparse_lines",
    "get_gazetteer",
]
