# The cases under this folder are repositories to scan, not tests of hygiene (their own tests/ are fixtures).
collect_ignore_glob = ["*"]
