/** The daily backup scheduler's management interface, {@code quire:type=DailyBackup}. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.quire.dailybackup;
