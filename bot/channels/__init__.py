"""Input channels: fixes and hardening on top of Rasa's own channels.

Rasa imports this package when it loads the channels in credentials.yml, which is
when the Rasa-side patches (bot.rasa_patches) are installed.
"""

from bot.rasa_patches import install_all

install_all()
