/**
 * A real NFSv3 server (nfs-ganesha on 127.0.0.1, one per machine) that the harness starts and
 * stops through {@code test-harness/scripts/nfs-server.sh}, journals on it for
 * {@code crash --storage nfs} and {@code swap --moves}, and the server's outage that
 * {@code nfs-faults} puts a writing master through.
 */
package io.quire.harness.nfs;
