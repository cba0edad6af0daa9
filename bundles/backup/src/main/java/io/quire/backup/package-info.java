/**
 * Backups of the master's state: the file format and naming ({@link io.quire.backup.BackupFiles}),
 * the service that writes them ({@link io.quire.backup.Backups}, used by the daily backup
 * bundle) and {@code quire:type=Backup}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.backup;
