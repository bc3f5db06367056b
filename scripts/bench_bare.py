"""The bare Flask app the HTTP benchmark compares against: one route that returns a string."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
