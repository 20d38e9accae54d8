"""parley: who said what, and who did what to whom, when — from raw international news."""

__version__ = "0.1.0"
