"""rank — placeholder until implemented."""
