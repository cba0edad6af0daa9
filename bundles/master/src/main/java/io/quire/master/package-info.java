/**
 * The metadata master as operators see it: its {@code quire:type=Master} MXBean and its role.
 * The namespace, the journal entry codec and the client API live in the private
 * {@code io.quire.master.internal} package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.master;
