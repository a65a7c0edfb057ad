"""Patient safety: red-flag detection and personal-advice boundaries."""
