"""The supervision bureau's commands (`commands`) and how they print items (`printing`)."""
