"""change — placeholder until implemented."""
