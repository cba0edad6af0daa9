/** The metrics bundle: Micrometer registries fed by every MeterBinder service, and the scrape endpoint. */
package io.quire.metrics.internal;
