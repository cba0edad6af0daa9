/**
 * The {@code backup} scenario: a backup taken while clients write, then format and
 * {@code start -i}, and the restored namespace compared with the one at the backup's sequence
 * number.
 */
package io.quire.harness.backup;
