"""Staff console: review conversations, work the appointment queue, see what patients ask."""
