"""Machine-readable outputs: the API and its OpenAPI description, the downloads, the
data·inclusion export and the open data set."""
