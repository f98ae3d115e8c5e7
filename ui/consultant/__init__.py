"""The consultant's windows: the timer, the day, the week, moving in."""
