"""The patient web page: the clinic's hemifacial spasm page with the chat widget."""
