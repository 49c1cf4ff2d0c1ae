"""meetplan: plan a hybrid intergovernmental meeting and produce what the secretariat hands out."""
