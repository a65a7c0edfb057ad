"""Dialogue management: the turn rules every conversation keeps, whatever the policy predicts."""
