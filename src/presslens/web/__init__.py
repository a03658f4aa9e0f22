"""The dashboard served by ``presslens serve``: Jinja2 templates and static files.

Pages are added to the API app by ``presslens.web.pages.add_dashboard``.
"""

from __future__ import annotations

__all__: list[str] = []
