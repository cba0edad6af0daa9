/** The local storage's Declarative Services component and its MXBean. */
package io.quire.storage.local.internal;
