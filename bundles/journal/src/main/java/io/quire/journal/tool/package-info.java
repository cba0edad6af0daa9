/**
 * The offline journal tool behind {@code bin/quire journal verify|dump}: reads a journal folder
 * without a running master and without changing it.
 */
package io.quire.journal.tool;
