/**
 * The test harness behind {@code bin/quire-harness}: seeded failure scenarios against real master
 * processes, each ending in named invariant checks, and the benchmark suite.
 */
package io.quire.harness;
