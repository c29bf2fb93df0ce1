package dev.binlogfc.benchmarks;

/** How the benchmark drives the connectors of one path: start them (beginning the full copy), pause, resume. */
record PathControl(Runnable start, Runnable pause, Runnable resume) {
}
