"""The web face: `tacitus serve`, a read-only JSON API and dashboard over the library (tacitus[web])."""
