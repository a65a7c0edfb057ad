"""Input channels: fixes and hardening on top of Rasa's own channels."""
