"""Generic listings: the FilterSet with facets, pagination, and the in-memory index of the
facets. Imports no app."""
