/**
 * Journal storage on a local (or locally mounted) file system, usable without OSGi by the
 * offline tools and tests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.storage.local;
