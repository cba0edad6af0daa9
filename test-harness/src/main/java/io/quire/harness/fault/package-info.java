/**
 * Faults of the journal's storage under a writing master ({@code hdfs-faults}, {@code
 * nfs-faults}): {@link io.quire.harness.fault.FaultScenario} injects each
 * {@link io.quire.harness.fault.StorageFault} a {@link io.quire.harness.fault.FaultTarget} names
 * and measures what the clients saw; the backends' packages say what their faults are.
 */
package io.quire.harness.fault;
