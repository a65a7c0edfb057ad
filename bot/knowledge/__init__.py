"""The knowledge base of the clinic page's facts: file, SQL storage, queries and answers."""
