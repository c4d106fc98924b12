"""Serve a GGUF model with llama.cpp's OpenAI-compatible server (the xllamacpp wheel).

Usage: local-llm-server.py MODEL.gguf PORT
Started and stopped by scripts/local-llm; listens on 127.0.0.1 only.
"""
import signal
import sys
import time

import xllamacpp

params = xllamacpp.CommonParams()
params.model.path = sys.argv[1]
params.port = int(sys.argv[2])
params.hostnames = ["127.0.0.1"]
params.n_ctx = 8192
params.n_parallel = 2
params.use_jinja = True  # the model's own chat template, with tool calling
params.cpuparams.n_threads = 2
server = xllamacpp.Server(params)
print("listening", server.listening_address, flush=True)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
while True:
    time.sleep(3600)
