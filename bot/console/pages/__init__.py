"""Console pages: one module per page, each exposing ``routes`` (assembled in bot.console.app)."""
