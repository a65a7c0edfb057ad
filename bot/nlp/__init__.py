"""Language helpers built on a blank spaCy English pipeline (no model downloads)."""
