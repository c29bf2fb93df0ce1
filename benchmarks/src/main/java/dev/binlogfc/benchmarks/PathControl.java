package dev.binlogfc.benchmarks;

/**
 * How the benchmark drives the connectors of one path: start them (beginning the full copy), pause, resume, and
 * retire them (delete them and close what reads their output) once a full-copy round no longer needs them.
 */
record PathControl(Runnable start, Runnable pause, Runnable resume, Runnable retire) {
}
