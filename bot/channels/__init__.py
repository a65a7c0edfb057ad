"""Input channels: fixes and hardening on top of Rasa's own channels.

Rasa imports this package when it loads the channels in credentials.yml, which is
when the paused-conversation safety patch is installed.
"""

from bot.channels import paused_safety

paused_safety.install()
