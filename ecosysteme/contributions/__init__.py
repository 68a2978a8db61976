"""What visitors bring to keep the directory true, over the apps: « Signaler une erreur » on
every public profile (signalements.py), its form, its pages and its moderation queue."""
