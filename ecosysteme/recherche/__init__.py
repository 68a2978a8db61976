"""Generic free-text search: the engine, its SQL indexes and the typo vocabulary. Imports no app."""
