"""Frontlines: news reports about armed conflict turned into a sourced, geolocated record."""

__version__ = "0.1.0"
