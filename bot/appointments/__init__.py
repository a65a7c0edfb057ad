"""Appointment requests: field rules, storage, outbox and staff notification."""
