/** The restore importer's management interface, {@code quire:type=Restore}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.restore;
