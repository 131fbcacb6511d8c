"""Small web helpers that every app shares: the get-or-404 of selectors and services
(``lookup``), bounded date fields for forms and the admin (``fields``), and the view helpers
(``views``).

A neutral package: it has no models, no templates and is not an installed app. It imports Django
and, for the date range, the pure ``itaku.core.calendar`` only, never an app's models, selectors,
services or views, so that ``core`` and every feature app may import it without an import cycle.
"""
