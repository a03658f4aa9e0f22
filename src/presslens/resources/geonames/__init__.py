"""GeoNames countries and admin-1 tables (CC-BY 4.0, see ATTRIBUTION.md)."""

__all__: list[str] = []
