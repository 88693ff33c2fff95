"""rule — placeholder until implemented."""
