/** The {@code crash} scenario: kill -9 a master under concurrent load, restart, check. */
package io.quire.harness.crash;
