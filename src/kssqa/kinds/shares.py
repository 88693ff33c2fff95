"""shares — placeholder until implemented."""
