"""PI-2: every page and endpoint of a contract answers 404 to someone with no standing on it.

A walk over the project's URL patterns, not a sample: each pattern that takes a ``contract_id``
is asked for with the contract of the test world (every other number in the path set to an object
of that contract where one could exist, else 1), by GET and by POST, as a person of the contractor
who is on no roster of it. A new page of any app is covered the day its URL is added. Each app's
own tests check the same with the objects of its pages (where an outsider's 404 must not depend on
the object being missing)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db


def _walk(
    patterns: list, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = (
                f"{namespace}:{entry.name}" if namespace and entry.name else (entry.name or route)
            )
            yield name, route, list(entry.pattern.converters) + _resolver_converters(prefix)


def _resolver_converters(prefix: str) -> list[str]:
    import re

    return re.findall(r"<(?:\w+:)?(\w+)>", prefix)


def contract_routes() -> list[tuple[str, str]]:
    routes = []
    for name, route, _ in _walk(get_resolver().url_patterns):
        if "<int:contract_id>" in route and not route.startswith("^"):
            routes.append((name, route))
    return sorted(set(routes))


def _path(route: str, contract_id: int) -> str:
    import re

    path = route.replace("<int:contract_id>", str(contract_id))
    path = re.sub(r"<int:\w+>", "1", path)
    path = re.sub(r"<(?:str|slug):\w+>", "x", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000001", path)
    return "/" + path.lstrip("^").rstrip("$")


ROUTES = contract_routes()


def test_the_walk_finds_the_contract_pages():
    names = {name for name, _ in ROUTES}
    assert {"core:contract-detail", "core:roster"} <= names, names


@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[name for name, _ in ROUTES])
def test_pi2_an_outsider_gets_404_on_every_contract_url(client, world, name, route):
    client.force_login(world.outsider)
    path = _path(route, world.contract.pk)
    missing = _path(route, 999_999)
    for method in (client.get, client.post):
        seen, nothing = method(path, {}), method(missing, {})
        # A page that only takes a POST may send a GET back to its page; it does so for a
        # contract that does not exist too, so the answer tells nothing (a contract page 404s).
        if seen.status_code == 302 and nothing.status_code == 302:
            assert seen["Location"].replace(str(world.contract.pk), "N", 1) == nothing[
                "Location"
            ].replace("999999", "N", 1), f"{method.__name__} {path}"
            if seen["Location"].startswith("/contracts/"):  # not the home page, say
                assert client.get(seen["Location"]).status_code == 404, seen["Location"]
        else:
            assert seen.status_code == 404, f"{method.__name__.upper()} {path}"
