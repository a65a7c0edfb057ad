"""Hemifacial spasm patient assistant: knowledge base, safety, appointments, channels."""
