"""count — placeholder until implemented."""
