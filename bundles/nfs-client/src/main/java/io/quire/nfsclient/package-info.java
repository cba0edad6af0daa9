/**
 * What the NFSv3 client library lacks for a long-running server: closing the connections to one
 * NFS server without shutting down the client's process-wide network layer.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.nfsclient;
