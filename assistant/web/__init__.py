"""The Gradio web app: one module per tab, the question log and the rate limit."""
